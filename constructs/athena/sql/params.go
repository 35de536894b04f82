package sql

// Placeholders counts the execution parameters (?) of a statement, outside
// quoted strings ('...'), quoted identifiers ("...") and comments (-- and
// /* */).
func Placeholders(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '?':
			n++
		case c == '\'' || c == '"':
			for i++; i < len(s); i++ {
				if s[i] == c {
					if i+1 < len(s) && s[i+1] == c { // '' or "" escapes
						i++
						continue
					}
					break
				}
			}
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			i += 2
			for i+1 < len(s) && !(s[i] == '*' && s[i+1] == '/') {
				i++
			}
			i++
		}
	}
	return n
}
