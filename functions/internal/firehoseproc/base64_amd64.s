#include "textflag.h"

// AVX2 base64 (standard alphabet), after Muła and Lemire, "Faster Base64
// Encoding and Decoding Using AVX2 Instructions" (ACM TWEB, 2018): 24
// bytes to 32 characters, and back, a step. Go's assembler writes the
// operands of a three-operand instruction in reverse of Intel's order:
// sources first, the destination last.

// func encodeAVX2(dst, src []byte) int
TEXT ·encodeAVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), R8
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), R9
	XORQ AX, AX // bytes read
	XORQ BX, BX // characters written
	VMOVDQU encShuffle<>(SB), Y10
	VPBROADCASTD encMaskA<>(SB), Y11
	VPBROADCASTD encMulA<>(SB), Y12
	VPBROADCASTD encMaskB<>(SB), Y13
	VPBROADCASTD encMulB<>(SB), Y14
	VPBROADCASTB enc51<>(SB), Y9
	VPBROADCASTB enc26<>(SB), Y8
	VPBROADCASTB enc13<>(SB), Y7
	VMOVDQU encOffsets<>(SB), Y6

encLoop:
	LEAQ 28(AX), CX // the second lane's load reads src[12:28] of the step
	CMPQ CX, R9
	JA   encDone
	LEAQ 32(BX), CX
	CMPQ CX, R8
	JA   encDone
	VMOVDQU     (SI)(AX*1), X0
	VINSERTI128 $1, 12(SI)(AX*1), Y0, Y0

	// Each lane's 12 bytes as four groups of [b1 b0 b2 b1], then the four
	// six-bit indices of each group in its four bytes.
	VPSHUFB  Y10, Y0, Y0
	VPAND    Y11, Y0, Y1
	VPMULHUW Y12, Y1, Y1
	VPAND    Y13, Y0, Y2
	VPMULLW  Y14, Y2, Y2
	VPOR     Y1, Y2, Y0

	// Index to character: add the offset of its range (A-Z, a-z, 0-9, +, /).
	VPSUBUSB Y9, Y0, Y1  // 0 for 0-51, 1-12 for 52-63
	VPCMPGTB Y0, Y8, Y2  // 0xff where the index is below 26
	VPAND    Y7, Y2, Y2
	VPOR     Y2, Y1, Y1  // 13 for A-Z
	VPSHUFB  Y1, Y6, Y1
	VPADDB   Y0, Y1, Y1
	VMOVDQU  Y1, (DI)(BX*1)

	ADDQ $24, AX
	ADDQ $32, BX
	JMP  encLoop

encDone:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func decodeAVX2(dst, src []byte) (read, written int)
TEXT ·decodeAVX2(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), R8
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), R9
	XORQ AX, AX // characters read
	XORQ BX, BX // bytes written
	VPBROADCASTB decNibble<>(SB), Y15
	VPBROADCASTB decSlash<>(SB), Y14
	VMOVDQU      decLo<>(SB), Y13
	VMOVDQU      decHi<>(SB), Y12
	VMOVDQU      decRoll<>(SB), Y11
	VPBROADCASTD decMergeA<>(SB), Y10
	VPBROADCASTD decMergeB<>(SB), Y9
	VMOVDQU      decPack<>(SB), Y8
	VMOVDQU      decPermute<>(SB), Y7

decLoop:
	LEAQ 32(AX), CX
	CMPQ CX, R9
	JA   decDone
	LEAQ 32(BX), CX // 24 bytes a step, stored as 32
	CMPQ CX, R8
	JA   decDone
	VMOVDQU (SI)(AX*1), Y0

	// Every character in the alphabet, or stop before this step: the
	// classes of its low and high nibbles share no bit.
	VPSRLD  $4, Y0, Y1
	VPAND   Y15, Y1, Y1 // high nibbles
	VPAND   Y15, Y0, Y2 // low nibbles
	VPSHUFB Y2, Y13, Y2
	VPSHUFB Y1, Y12, Y3
	VPTEST  Y2, Y3
	JNE     decDone

	// Character to six-bit value: add the offset of its range, found by
	// its high nibble ('/' apart).
	VPCMPEQB Y14, Y0, Y2
	VPADDB   Y1, Y2, Y2
	VPSHUFB  Y2, Y11, Y2
	VPADDB   Y2, Y0, Y0

	// Four values to three bytes: pairs to 12 bits, pairs of those to 24,
	// then the bytes in order and the lanes together.
	VPMADDUBSW Y10, Y0, Y0
	VPMADDWD   Y9, Y0, Y0
	VPSHUFB    Y8, Y0, Y0
	VPERMD     Y0, Y7, Y0
	VMOVDQU    Y0, (DI)(BX*1)

	ADDQ $32, AX
	ADDQ $24, BX
	JMP  decLoop

decDone:
	VZEROUPPER
	MOVQ AX, read+48(FP)
	MOVQ BX, written+56(FP)
	RET

// The four groups of three bytes in a lane, each as [b1 b0 b2 b1].
DATA encShuffle<>+0x00(SB)/8, $0x0405030401020001
DATA encShuffle<>+0x08(SB)/8, $0x0a0b090a07080607
DATA encShuffle<>+0x10(SB)/8, $0x0405030401020001
DATA encShuffle<>+0x18(SB)/8, $0x0a0b090a07080607
GLOBL encShuffle<>(SB), RODATA|NOPTR, $32

DATA encMaskA<>+0(SB)/4, $0x0fc0fc00
GLOBL encMaskA<>(SB), RODATA|NOPTR, $4
DATA encMulA<>+0(SB)/4, $0x04000040
GLOBL encMulA<>(SB), RODATA|NOPTR, $4
DATA encMaskB<>+0(SB)/4, $0x003f03f0
GLOBL encMaskB<>(SB), RODATA|NOPTR, $4
DATA encMulB<>+0(SB)/4, $0x01000010
GLOBL encMulB<>(SB), RODATA|NOPTR, $4
DATA enc51<>+0(SB)/1, $51
GLOBL enc51<>(SB), RODATA|NOPTR, $1
DATA enc26<>+0(SB)/1, $26
GLOBL enc26<>(SB), RODATA|NOPTR, $1
DATA enc13<>+0(SB)/1, $13
GLOBL enc13<>(SB), RODATA|NOPTR, $1

// The offset from an index to its character, by range: 0 a-z (a-26),
// 1-10 0-9 (0-52), 11 + (+-62), 12 / (/-63), 13 A-Z (A).
DATA encOffsets<>+0x00(SB)/8, $0xfcfcfcfcfcfcfc47
DATA encOffsets<>+0x08(SB)/8, $0x000041f0edfcfcfc
DATA encOffsets<>+0x10(SB)/8, $0xfcfcfcfcfcfcfc47
DATA encOffsets<>+0x18(SB)/8, $0x000041f0edfcfcfc
GLOBL encOffsets<>(SB), RODATA|NOPTR, $32

DATA decNibble<>+0(SB)/1, $0x0f
GLOBL decNibble<>(SB), RODATA|NOPTR, $1
DATA decSlash<>+0(SB)/1, $0x2f
GLOBL decSlash<>(SB), RODATA|NOPTR, $1

// The classes of low nibbles (decLo) and high nibbles (decHi): a
// character is in the alphabet when its two classes share no bit.
DATA decLo<>+0x00(SB)/8, $0x1111111111111115
DATA decLo<>+0x08(SB)/8, $0x1a1b1b1b1a131111
DATA decLo<>+0x10(SB)/8, $0x1111111111111115
DATA decLo<>+0x18(SB)/8, $0x1a1b1b1b1a131111
GLOBL decLo<>(SB), RODATA|NOPTR, $32
DATA decHi<>+0x00(SB)/8, $0x0804080402011010
DATA decHi<>+0x08(SB)/8, $0x1010101010101010
DATA decHi<>+0x10(SB)/8, $0x0804080402011010
DATA decHi<>+0x18(SB)/8, $0x1010101010101010
GLOBL decHi<>(SB), RODATA|NOPTR, $32

// The offset from a character to its value, by high nibble; index 1 is
// '/' (high nibble 2, less one).
DATA decRoll<>+0x00(SB)/8, $0xb9b9bfbf04131000
DATA decRoll<>+0x08(SB)/8, $0x0000000000000000
DATA decRoll<>+0x10(SB)/8, $0xb9b9bfbf04131000
DATA decRoll<>+0x18(SB)/8, $0x0000000000000000
GLOBL decRoll<>(SB), RODATA|NOPTR, $32

DATA decMergeA<>+0(SB)/4, $0x01400140
GLOBL decMergeA<>(SB), RODATA|NOPTR, $4
DATA decMergeB<>+0(SB)/4, $0x00011000
GLOBL decMergeB<>(SB), RODATA|NOPTR, $4

// Each lane's four 24-bit words as 12 bytes in order, then lanes 0 and 1
// together (dwords 0-2 and 4-6).
DATA decPack<>+0x00(SB)/8, $0x090a040506000102
DATA decPack<>+0x08(SB)/8, $0xffffffff0c0d0e08
DATA decPack<>+0x10(SB)/8, $0x090a040506000102
DATA decPack<>+0x18(SB)/8, $0xffffffff0c0d0e08
GLOBL decPack<>(SB), RODATA|NOPTR, $32
DATA decPermute<>+0x00(SB)/8, $0x0000000100000000
DATA decPermute<>+0x08(SB)/8, $0x0000000400000002
DATA decPermute<>+0x10(SB)/8, $0x0000000600000005
DATA decPermute<>+0x18(SB)/8, $0x0000000700000007
GLOBL decPermute<>(SB), RODATA|NOPTR, $32
