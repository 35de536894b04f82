// Package gluescript checks, before deployment, that a Glue PySpark script
// can keep job bookmarks (catalogue ETL-01): with bookmarks enabled, Glue
// only remembers what a run processed when the script creates a Job, calls
// job.init(...) before reading, passes transformation_ctx to every
// DynamicFrame source and sink (getSink included), and calls job.commit()
// at the end. A script that misses any of these reprocesses old files on every run, which the
// notes' classic failure shows only in production.
//
// This is an honest static check of the Python source, not an
// interpreter: comments and string literals are blanked out first (so a
// commented-out job.commit() does not count), then the calls are found by
// name with balanced parentheses. It cannot see calls made through
// helper functions or variables holding methods; such scripts can turn
// the check off in the construct, which documents it.
package gluescript

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Problem is one finding, with its 1-based line (0 when it is about the
// whole script).
type Problem struct {
	Line    int
	Message string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Message
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

var (
	jobNew = regexp.MustCompile(`(?m)^[ \t]*([A-Za-z_]\w*)\s*=\s*Job\s*\(`)
	// DynamicFrame sources and sinks whose state bookmarks keep.
	frameIO = regexp.MustCompile(`\b((create_dynamic_frame|write_dynamic_frame)(\.from_|_from_)(catalog|options|jdbc_conf|rdd)|getSink)\s*\(`)
	ctxArg  = regexp.MustCompile(`\btransformation_ctx\s*=`)
)

// CheckBookmarks lists what keeps bookmarks from working in src (nil when
// nothing does).
func CheckBookmarks(src string) []Problem {
	code := blank(src)
	var out []Problem
	m := jobNew.FindStringSubmatchIndex(code)
	if m == nil {
		return []Problem{{0, "no Job is created (job = Job(glueContext)): bookmarks are kept by the Job's init and commit"}}
	}
	job := code[m[2]:m[3]]
	initAt := call(code, job+".init")
	commitAt := call(code, job+".commit")
	if initAt < 0 {
		out = append(out, Problem{0, fmt.Sprintf("%s.init(args['JOB_NAME'], args) is never called: without it the run has no bookmark state", job)})
	}
	if commitAt < 0 {
		out = append(out, Problem{0, fmt.Sprintf("%s.commit() is never called: the bookmark never advances and every run reprocesses the same data", job)})
	} else if initAt >= 0 && commitAt < initAt {
		out = append(out, Problem{line(code, commitAt), fmt.Sprintf("%s.commit() comes before %s.init(...)", job, job)})
	}
	for _, loc := range frameIO.FindAllStringIndex(code, -1) {
		args, ok := argsAt(code, loc[1]-1)
		if !ok {
			out = append(out, Problem{line(code, loc[0]), "unbalanced parentheses in this call"})
			continue
		}
		if !ctxArg.MatchString(args) {
			name := strings.TrimSpace(strings.TrimSuffix(code[loc[0]:loc[1]], "("))
			out = append(out, Problem{line(code, loc[0]), name + "(...) has no transformation_ctx: bookmarks cannot track this source or sink"})
		}
		if initAt >= 0 && loc[0] < initAt && strings.HasPrefix(code[loc[0]:], "create_dynamic_frame") {
			out = append(out, Problem{line(code, loc[0]), "a DynamicFrame is read before " + job + ".init(...)"})
		}
	}
	return out
}

// call is the offset of the first call of name(...), or -1.
func call(code, name string) int {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\s*\(`)
	if loc := re.FindStringIndex(code); loc != nil {
		return loc[0]
	}
	return -1
}

// argsAt returns the text between the parenthesis at open and its match.
func argsAt(code string, open int) (string, bool) {
	depth := 0
	for i := open; i < len(code); i++ {
		switch code[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return code[open+1 : i], true
			}
		}
	}
	return "", false
}

func line(code string, at int) int { return strings.Count(code[:at], "\n") + 1 }

// blank returns src with comments and the contents of string literals
// (single, double, triple-quoted, with prefixes such as f or r) replaced by
// spaces, keeping offsets and newlines, so that only code is searched.
func blank(src string) string {
	b := []byte(src)
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '#':
			for i < len(b) && b[i] != '\n' {
				b[i] = ' '
				i++
			}
		case c == '\'' || c == '"':
			raw := i > 0 && (b[i-1] == 'r' || b[i-1] == 'R') // r'', rb'', fr''
			q := []byte{c}
			if i+2 < len(b) && b[i+1] == c && b[i+2] == c {
				q = []byte{c, c, c}
			}
			j := i + len(q)
			for j < len(b) && !bytes.HasPrefix(b[j:], q) {
				if b[j] == '\\' && !raw && j+1 < len(b) {
					b[j] = ' '
					if b[j+1] != '\n' {
						b[j+1] = ' '
					}
					j += 2
					continue
				}
				if len(q) == 1 && b[j] == '\n' {
					break // unterminated single-quoted string ends at the line
				}
				if b[j] != '\n' {
					b[j] = ' '
				}
				j++
			}
			i = min(j+len(q), len(b))
		default:
			i++
		}
	}
	return string(b)
}
