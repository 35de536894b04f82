package jsonscan

// MaxDepth is encoding/json's nesting limit: json.Valid refuses deeper
// JSON.
const MaxDepth = 10000

// Valid reports whether b is one JSON value with optional whitespace
// around it, accepting and refusing exactly what json.Valid does (bytes of
// invalid UTF-8 inside strings included, nesting deeper than 10,000
// refused), without json.Valid's state machine calling a function per byte:
// one loop over the bytes, the containers kept as bits on the stack.
func Valid(b []byte) bool {
	i := validEnd(b, SkipSpace(b, 0), MaxDepth)
	return i >= 0 && SkipSpace(b, i) == len(b)
}

// ValidEnd checks the value at b[i] (no space before it), inside depth
// containers already, as Valid would check it there, and returns the index
// after it, or -1 when it is not valid JSON. A scalar is checked here,
// without the container stack validEnd clears (1.2 KB) on every call.
func ValidEnd(b []byte, i, depth int) int {
	if i >= len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		return ValidStringEnd(b, i)
	case c == '{' || c == '[':
		return validEnd(b, i, MaxDepth-depth)
	case c == '-' || c >= '0' && c <= '9':
		return NumberEnd(b, i)
	}
	return LiteralEndValid(b, i)
}

// LiteralEndValid checks the true, false or null at b[i] and returns the
// index after it, or -1.
func LiteralEndValid(b []byte, i int) int {
	switch b[i] {
	case 't':
		return literal(b, i, "true")
	case 'f':
		return literal(b, i, "false")
	case 'n':
		return literal(b, i, "null")
	}
	return -1
}

// validEnd is ValidEnd for any value, with room for that many containers.
func validEnd(b []byte, i, room int) int {
	var kinds [(MaxDepth + 63) / 64]uint64 // bit d: the container at depth d is an object
	depth := 0
	inObject := false
value:
	if i >= len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		if i = ValidStringEnd(b, i); i < 0 {
			return -1
		}
	case c == '{' || c == '[':
		if depth == room {
			return -1
		}
		if c == '{' {
			kinds[depth>>6] |= 1 << (depth & 63)
		} else {
			kinds[depth>>6] &^= 1 << (depth & 63)
		}
		depth++
		i = SkipSpace(b, i+1)
		if c == '{' {
			if i < len(b) && b[i] == '}' {
				depth--
				i++
				goto next
			}
			goto key
		}
		if i < len(b) && b[i] == ']' {
			depth--
			i++
			goto next
		}
		goto value
	case c == '-' || c >= '0' && c <= '9':
		if i = NumberEnd(b, i); i < 0 {
			return -1
		}
	case c == 't':
		if i = literal(b, i, "true"); i < 0 {
			return -1
		}
	case c == 'f':
		if i = literal(b, i, "false"); i < 0 {
			return -1
		}
	case c == 'n':
		if i = literal(b, i, "null"); i < 0 {
			return -1
		}
	default:
		return -1
	}
next: // after a value: the end, or what its container takes next
	if depth == 0 {
		return i
	}
	i = SkipSpace(b, i)
	if i >= len(b) {
		return -1
	}
	inObject = kinds[(depth-1)>>6]>>((depth-1)&63)&1 == 1
	switch b[i] {
	case ',':
		i = SkipSpace(b, i+1)
		if inObject {
			goto key
		}
		goto value
	case '}':
		if !inObject {
			return -1
		}
	case ']':
		if inObject {
			return -1
		}
	default:
		return -1
	}
	depth--
	i++
	goto next
key:
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	if i = ValidStringEnd(b, i); i < 0 {
		return -1
	}
	i = SkipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return -1
	}
	i = SkipSpace(b, i+1)
	goto value
}

// plain marks the bytes a string holds as they are: not a quote, a
// backslash or a control character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return
}()

// ValidStringEnd checks the string token at b[i] and returns the index
// after it, or -1.
func ValidStringEnd(b []byte, i int) int {
	e, _ := ValidStringEscapes(b, i)
	return e
}

// ValidStringEscapes is ValidStringEnd that also says whether the string
// has escapes: without, its value is the token's bytes between the quotes
// (what DecodeString would return, found without looking again).
func ValidStringEscapes(b []byte, i int) (end int, escaped bool) {
	j := i + 1
	for {
		if j = RunEnd(b, j); j >= len(b) {
			return -1, escaped
		}
		switch b[j] {
		case '"':
			return j + 1, escaped
		case '\\':
			if j+1 >= len(b) {
				return -1, escaped
			}
			escaped = true
			switch b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+5 >= len(b) || !isHex(b[j+2]) || !isHex(b[j+3]) || !isHex(b[j+4]) || !isHex(b[j+5]) {
					return -1, escaped
				}
				j += 6
			default:
				return -1, escaped
			}
		default: // a control character
			return -1, escaped
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func digitsEnd(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// NumberEnd checks the number at b[i] (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?)
// and returns the index after it, or -1.
func NumberEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b) || b[i] < '0' || b[i] > '9':
		return -1
	case b[i] == '0':
		i++
	default:
		i = digitsEnd(b, i)
	}
	if i < len(b) && b[i] == '.' {
		j := digitsEnd(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digitsEnd(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func literal(b []byte, i int, w string) int {
	if len(b)-i < len(w) || string(b[i:i+len(w)]) != w {
		return -1
	}
	return i + len(w)
}
