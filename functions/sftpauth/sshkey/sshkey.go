// Package sshkey checks the OpenSSH public keys of AWS Transfer Family
// users. constructs/sftpingest checks service-managed users' keys with it
// at synthesis and functions/sftpauth the keys of the user records it
// reads, so both accept exactly the same keys. Standard library only.
package sshkey

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// keyTypes are the SSH public key types Transfer accepts (ssh-dss is not).
var keyTypes = map[string]bool{
	"ssh-rsa": true, "ssh-ed25519": true,
	"ecdsa-sha2-nistp256": true, "ecdsa-sha2-nistp384": true, "ecdsa-sha2-nistp521": true,
}

// minRSABits is the smallest RSA modulus accepted.
const minRSABits = 2048

// Check checks an OpenSSH public key line: a type Transfer
// accepts, a blob that decodes and names the same type, and an RSA modulus
// of at least 2048 bits. Its errors say what is allowed.
func Check(line string) error {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return errors.New("an OpenSSH public key line: <type> <base64> [comment]")
	}
	typ := fields[0]
	if !keyTypes[typ] {
		return fmt.Errorf("a key of type ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa, not %q", abbreviate(typ))
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return errors.New("a key whose data is base64")
	}
	inner, rest, ok := sshString(blob)
	if !ok || string(inner) != typ {
		return errors.New("a key whose data matches its type " + typ)
	}
	if typ == "ssh-rsa" {
		_, rest, ok = sshString(rest) // public exponent
		var n []byte
		if ok {
			n, _, ok = sshString(rest)
		}
		if !ok {
			return errors.New("a complete RSA key")
		}
		if bits := new(big.Int).SetBytes(n).BitLen(); bits < minRSABits {
			return fmt.Errorf("an RSA key of at least %d bits, not %d", minRSABits, bits)
		}
	}
	return nil
}

// sshString reads one length-prefixed string of the SSH wire format.
func sshString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

func abbreviate(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}
