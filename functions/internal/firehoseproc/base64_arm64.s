#include "textflag.h"

// NEON base64 (standard alphabet): 48 bytes to 64 characters, and back, a
// step. VLD3 and VST4 (VLD4 and VST3) split and join the bytes by their
// place in each group of three (characters in each group of four), so
// that the six-bit values are whole vectors; VTBL maps them through the
// alphabet, and characters back through a 128-entry table of values in
// two halves (0xff for a character outside the alphabet).

// func encodeNEON(dst, src []byte) int
TEXT ·encodeNEON(SB), NOSPLIT, $0-56
	MOVD dst_base+0(FP), R0
	MOVD dst_len+8(FP), R1
	MOVD src_base+24(FP), R2
	MOVD src_len+32(FP), R3
	MOVD $0, R4 // bytes read
	MOVD $0, R5 // characters written
	MOVD $encAlphabet<>(SB), R6
	VLD1 (R6), [V16.B16, V17.B16, V18.B16, V19.B16]
	VMOVI $63, V20.B16

encLoop:
	ADD  $48, R4, R7
	CMP  R3, R7
	BHI  encDone
	ADD  $64, R5, R7
	CMP  R1, R7
	BHI  encDone
	VLD3.P 48(R2), [V0.B16, V1.B16, V2.B16]

	// The four six-bit values of each group: a>>2, (a<<4|b>>4)&63,
	// (b<<2|c>>6)&63, c&63.
	VUSHR $2, V0.B16, V4.B16
	VSHL  $4, V0.B16, V5.B16
	VUSHR $4, V1.B16, V6.B16
	VORR  V6.B16, V5.B16, V5.B16
	VAND  V20.B16, V5.B16, V5.B16
	VSHL  $2, V1.B16, V6.B16
	VUSHR $6, V2.B16, V7.B16
	VORR  V7.B16, V6.B16, V6.B16
	VAND  V20.B16, V6.B16, V6.B16
	VAND  V20.B16, V2.B16, V7.B16

	VTBL V4.B16, [V16.B16, V17.B16, V18.B16, V19.B16], V4.B16
	VTBL V5.B16, [V16.B16, V17.B16, V18.B16, V19.B16], V5.B16
	VTBL V6.B16, [V16.B16, V17.B16, V18.B16, V19.B16], V6.B16
	VTBL V7.B16, [V16.B16, V17.B16, V18.B16, V19.B16], V7.B16
	VST4.P [V4.B16, V5.B16, V6.B16, V7.B16], 64(R0)

	ADD $48, R4
	ADD $64, R5
	B   encLoop

encDone:
	MOVD R4, ret+48(FP)
	RET

// VALUES sets v to the values of the characters in c: from the low half
// of the table (characters 0-63), or the high half (64-127, which are out
// of range, and so 0, in the low half, as 0-63 are in the high half), with
// the character's top bit kept so that one beyond ASCII is refused. V8 is
// scratch.
#define VALUES(c, v) \
	VTBL c.B16, [V16.B16, V17.B16, V18.B16, V19.B16], v.B16; \
	VSUB V24.B16, c.B16, V8.B16; \
	VTBL V8.B16, [V20.B16, V21.B16, V22.B16, V23.B16], V8.B16; \
	VORR V8.B16, v.B16, v.B16; \
	VAND V25.B16, c.B16, V8.B16; \
	VORR V8.B16, v.B16, v.B16

// func decodeNEON(dst, src []byte) (read, written int)
TEXT ·decodeNEON(SB), NOSPLIT, $0-64
	MOVD dst_base+0(FP), R0
	MOVD dst_len+8(FP), R1
	MOVD src_base+24(FP), R2
	MOVD src_len+32(FP), R3
	MOVD $0, R4 // characters read
	MOVD $0, R5 // bytes written
	MOVD $decLow<>(SB), R6
	VLD1 (R6), [V16.B16, V17.B16, V18.B16, V19.B16]
	MOVD $decHigh<>(SB), R6
	VLD1 (R6), [V20.B16, V21.B16, V22.B16, V23.B16]
	VMOVI $64, V24.B16
	VMOVI $128, V25.B16

decLoop:
	ADD  $64, R4, R7
	CMP  R3, R7
	BHI  decDone
	ADD  $48, R5, R7
	CMP  R1, R7
	BHI  decDone
	VLD4 (R2), [V0.B16, V1.B16, V2.B16, V3.B16]

	VALUES(V0, V4)
	VALUES(V1, V5)
	VALUES(V2, V6)
	VALUES(V3, V7)

	// Every value below 64, or stop before this step.
	VORR V5.B16, V4.B16, V8.B16
	VORR V7.B16, V6.B16, V9.B16
	VORR V9.B16, V8.B16, V8.B16
	VMOV V8.D[0], R8
	VMOV V8.D[1], R9
	ORR  R9, R8, R8
	TST  $0xc0c0c0c0c0c0c0c0, R8
	BNE  decDone

	// Four values to three bytes: a<<2|b>>4, b<<4|c>>2, c<<6|d.
	VSHL  $2, V4.B16, V10.B16
	VUSHR $4, V5.B16, V11.B16
	VORR  V11.B16, V10.B16, V10.B16
	VSHL  $4, V5.B16, V11.B16
	VUSHR $2, V6.B16, V12.B16
	VORR  V12.B16, V11.B16, V11.B16
	VSHL  $6, V6.B16, V12.B16
	VORR  V7.B16, V12.B16, V12.B16
	VST3.P [V10.B16, V11.B16, V12.B16], 48(R0)

	ADD $64, R2
	ADD $64, R4
	ADD $48, R5
	B   decLoop

decDone:
	MOVD R4, read+48(FP)
	MOVD R5, written+56(FP)
	RET

DATA encAlphabet<>+0x00(SB)/8, $0x4847464544434241
DATA encAlphabet<>+0x08(SB)/8, $0x504f4e4d4c4b4a49
DATA encAlphabet<>+0x10(SB)/8, $0x5857565554535251
DATA encAlphabet<>+0x18(SB)/8, $0x6665646362615a59
DATA encAlphabet<>+0x20(SB)/8, $0x6e6d6c6b6a696867
DATA encAlphabet<>+0x28(SB)/8, $0x767574737271706f
DATA encAlphabet<>+0x30(SB)/8, $0x333231307a797877
DATA encAlphabet<>+0x38(SB)/8, $0x2f2b393837363534
GLOBL encAlphabet<>(SB), RODATA|NOPTR, $64

// The value of each character 0-63 (decLow) and 64-127 (decHigh), 0xff
// for one outside the alphabet.
DATA decLow<>+0x00(SB)/8, $0xffffffffffffffff
DATA decLow<>+0x08(SB)/8, $0xffffffffffffffff
DATA decLow<>+0x10(SB)/8, $0xffffffffffffffff
DATA decLow<>+0x18(SB)/8, $0xffffffffffffffff
DATA decLow<>+0x20(SB)/8, $0xffffffffffffffff
DATA decLow<>+0x28(SB)/8, $0x3fffffff3effffff
DATA decLow<>+0x30(SB)/8, $0x3b3a393837363534
DATA decLow<>+0x38(SB)/8, $0xffffffffffff3d3c
GLOBL decLow<>(SB), RODATA|NOPTR, $64
DATA decHigh<>+0x00(SB)/8, $0x06050403020100ff
DATA decHigh<>+0x08(SB)/8, $0x0e0d0c0b0a090807
DATA decHigh<>+0x10(SB)/8, $0x161514131211100f
DATA decHigh<>+0x18(SB)/8, $0xffffffffff191817
DATA decHigh<>+0x20(SB)/8, $0x201f1e1d1c1b1aff
DATA decHigh<>+0x28(SB)/8, $0x2827262524232221
DATA decHigh<>+0x30(SB)/8, $0x302f2e2d2c2b2a29
DATA decHigh<>+0x38(SB)/8, $0xffffffffff333231
GLOBL decHigh<>(SB), RODATA|NOPTR, $64
