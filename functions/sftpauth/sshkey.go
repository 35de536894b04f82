package main

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// keyTypes are the SSH public key types Transfer accepts.
var keyTypes = map[string]bool{
	"ssh-rsa": true, "ssh-ed25519": true,
	"ecdsa-sha2-nistp256": true, "ecdsa-sha2-nistp384": true, "ecdsa-sha2-nistp521": true,
}

// minRSABits is the smallest RSA modulus accepted.
const minRSABits = 2048

// checkPublicKey checks an OpenSSH public key line: a type Transfer
// accepts, a blob that decodes and names the same type, and an RSA modulus
// of at least 2048 bits.
func checkPublicKey(line string) error {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return errors.New("not an OpenSSH public key line (<type> <base64> [comment])")
	}
	typ := fields[0]
	if !keyTypes[typ] {
		return fmt.Errorf("key type %q: one of ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa", truncate(typ))
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return errors.New("key data is not base64")
	}
	inner, rest, ok := sshString(blob)
	if !ok || string(inner) != typ {
		return errors.New("key data does not match its type")
	}
	if typ == "ssh-rsa" {
		_, rest, ok = sshString(rest) // public exponent
		var n []byte
		if ok {
			n, _, ok = sshString(rest)
		}
		if !ok {
			return errors.New("RSA key data is truncated")
		}
		if bits := new(big.Int).SetBytes(n).BitLen(); bits < minRSABits {
			return fmt.Errorf("RSA key of %d bits: at least %d", bits, minRSABits)
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
