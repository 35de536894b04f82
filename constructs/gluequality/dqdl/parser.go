package dqdl

import (
	"fmt"
)

// Parse parses and validates a DQDL document.
//
// When the document is invalid, Parse returns a nil Ruleset and an error of
// type [Errors] listing the problems in the order they were found (at
// least one); each is an [*Error] with a line, a column and a message. After
// a problem inside a rule the parser resumes at the next rule, so one call
// reports the problems of several rules.
func Parse(src string) (*Ruleset, error) {
	p := &parser{toks: lex(src)}
	rs := p.document()
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return rs, nil
}

// maxErrors bounds the problems reported; maxDepth bounds nesting.
const (
	maxErrors = 20
	maxDepth  = 50
)

type parser struct {
	toks []token
	pos  int
	errs Errors
}

// bailout is the panic value that unwinds the parser after a problem. A
// rule-level problem is recovered at the next rule; a fatal one (an unclosed
// string or bracket, a problem outside the rule lists) ends the parse.
type bailout struct{ fatal bool }

func (p *parser) cur() token { return p.toks[p.pos] }

func (p *parser) peek(n int) token { return p.toks[min(p.pos+n, len(p.toks)-1)] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// prev is the last consumed token.
func (p *parser) prev() token { return p.toks[max(p.pos-1, 0)] }

func (p *parser) isIdent(words ...string) bool {
	t := p.cur()
	if t.kind != tIdent {
		return false
	}
	for _, w := range words {
		if t.text == w {
			return true
		}
	}
	return false
}

// report records a problem at t and carries on.
func (p *parser) report(t token, format string, args ...any) {
	p.errs = append(p.errs, &Error{Line: t.line, Column: t.col, Message: fmt.Sprintf(format, args...)})
	if len(p.errs) >= maxErrors {
		panic(bailout{fatal: true})
	}
}

// fail records a problem at t and abandons the current rule.
func (p *parser) fail(t token, format string, args ...any) {
	p.report(t, format, args...)
	panic(bailout{})
}

// fatal records a problem at t and abandons the document.
func (p *parser) fatal(t token, format string, args ...any) {
	p.report(t, format, args...)
	panic(bailout{fatal: true})
}

// check reports the tokens a lexer cannot reject on its own, wherever the
// parser meets them.
func (p *parser) check(t token) {
	switch t.kind {
	case tBadString:
		msg := "unbalanced quotes: this string is never closed"
		for _, s := range p.toks {
			if s.kind == tString && s.endLine > s.line {
				msg += fmt.Sprintf("; the string at line %d, column %d runs on to line %d: is its closing quote missing?", s.line, s.col, s.endLine)
				break
			}
		}
		p.fatal(t, "%s", msg)
	case tIllegal:
		switch t.text {
		case "'":
			p.fail(t, "unexpected ': DQDL strings use double quotes")
		case "$":
			p.fail(t, "constants ($name) are not supported by this validator; write the value instead")
		}
		p.fail(t, "unexpected character %s", t.describe())
	}
}

// expect consumes a token of kind k or fails with "expected what".
func (p *parser) expect(k tokKind, what string) token {
	t := p.cur()
	p.check(t)
	if t.kind != k {
		p.fail(t, "expected %s, found %s", what, t.describe())
	}
	return p.next()
}

var sections = []string{"Metadata", "DataSources", "Rules", "Analyzers"}

// document parses: Metadata? DataSources? Rules Analyzers?
func (p *parser) document() (rs *Ruleset) {
	rs = &Ruleset{}
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(bailout); !ok {
				panic(x)
			}
		}
	}()
	last := -1
	var rulesOpen token
	hasRules := false
	for p.cur().kind != tEOF {
		t := p.cur()
		p.check(t)
		idx := -1
		for i, s := range sections {
			if t.kind == tIdent && t.text == s {
				idx = i
			}
		}
		switch {
		case idx >= 0 && idx == last:
			p.fatal(t, "duplicate %s section", t.text)
		case idx >= 0 && idx < last:
			p.fatal(t, "%s must come before %s (order: Metadata, DataSources, Rules, Analyzers)", t.text, sections[last])
		case idx < 0 && t.kind == tIdent && isRuleType(t.text):
			p.fatal(t, "rule %s is outside a list: rules go inside Rules = [ ... ]", t.text)
		case idx < 0 && t.kind == tIdent:
			p.fatal(t, "%s", unknownMessage("section", t.text, sections, ": a document has Metadata = { ... }, DataSources = { ... }, Rules = [ ... ] and Analyzers = [ ... ]"))
		case idx < 0:
			p.fatal(t, "expected a section (Metadata, DataSources, Rules or Analyzers), found %s", t.describe())
		}
		last = idx
		p.next()
		if eq := p.cur(); eq.kind != tOp || eq.text != "=" {
			p.check(eq)
			p.fatal(eq, "expected = after %s, found %s", t.text, eq.describe())
		}
		p.next()
		switch t.text {
		case "Metadata":
			rs.Metadata = p.dictionary(t.text)
		case "DataSources":
			rs.DataSources = p.dictionary(t.text)
		case "Rules", "Analyzers":
			open := p.cur()
			if open.kind != tLBrack {
				p.check(open)
				p.fatal(open, "%s must be a list: %s = [ ... ], found %s", t.text, t.text, open.describe())
			}
			p.next()
			list := p.ruleList(open, t.text == "Analyzers")
			if t.text == "Rules" {
				rs.Rules, rulesOpen, hasRules = list, open, true
			} else {
				rs.Analyzers = list
			}
		}
	}
	if !hasRules {
		p.fatal(p.cur(), "missing Rules section: Rules = [ ... ] is required")
	}
	if len(rs.Rules) == 0 && len(rs.Analyzers) == 0 && len(p.errs) == 0 {
		p.fatal(rulesOpen, "Rules = [ ] is empty: it needs at least one rule")
	}
	return rs
}

// dictionary parses { "key": "value", "key": ["a", "b"] } after the =.
func (p *parser) dictionary(section string) []Pair {
	open := p.cur()
	if open.kind != tLBrace {
		p.check(open)
		p.fatal(open, "%s must be a dictionary: %s = { \"Key\": \"Value\" }, found %s", section, section, open.describe())
	}
	p.next()
	var pairs []Pair
	for {
		t := p.cur()
		p.check(t)
		switch {
		case t.kind == tEOF:
			p.fatal(open, "unclosed {: the %s dictionary opened here is never closed with }", section)
		case t.kind == tRBrace && len(pairs) == 0:
			p.fatal(t, "%s = { } is empty: it needs at least one \"key\": \"value\" pair", section)
		case t.kind != tString:
			p.fatal(t, "expected a quoted key in %s, found %s", section, t.describe())
		}
		p.next()
		if c := p.cur(); c.kind != tColon {
			p.check(c)
			p.fatal(c, "expected : after the key %q, found %s", t.text, c.describe())
		}
		p.next()
		pair := Pair{Key: t.text}
		switch v := p.cur(); v.kind {
		case tString:
			pair.Values = []string{p.next().text}
		case tLBrack:
			pair.List = true
			pair.Values = p.stringList(v)
		default:
			p.check(v)
			p.fatal(v, "expected a quoted value or a list of quoted values for %q, found %s", t.text, v.describe())
		}
		pairs = append(pairs, pair)
		switch sep := p.cur(); sep.kind {
		case tRBrace:
			p.next()
			return pairs
		case tComma:
			p.next()
			if p.cur().kind == tRBrace {
				p.fatal(sep, "trailing comma after the last pair of %s: remove it", section)
			}
		case tEOF:
			p.fatal(open, "unclosed {: the %s dictionary opened here is never closed with }", section)
		default:
			p.check(sep)
			p.fatal(sep, "expected , or } after a %s pair, found %s", section, sep.describe())
		}
	}
}

// stringList parses [ "a", "b" ] for a dictionary value.
func (p *parser) stringList(open token) []string {
	p.next()
	var out []string
	for {
		t := p.cur()
		p.check(t)
		switch {
		case t.kind == tEOF:
			p.fatal(open, "unclosed [: the list opened here is never closed with ]")
		case t.kind != tString:
			p.fatal(t, "expected a quoted string in the list, found %s", t.describe())
		}
		out = append(out, p.next().text)
		switch sep := p.cur(); sep.kind {
		case tRBrack:
			p.next()
			return out
		case tComma:
			p.next()
			if p.cur().kind == tRBrack {
				p.fatal(sep, "trailing comma in list: remove it")
			}
		case tEOF:
			p.fatal(open, "unclosed [: the list opened here is never closed with ]")
		default:
			p.check(sep)
			p.fatal(sep, "expected , or ] in list, found %s", sep.describe())
		}
	}
}
