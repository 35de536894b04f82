package dqdl

// ruleList parses the rules of Rules = [ ... ] or Analyzers = [ ... ] after
// the [. Rules are separated by exactly one comma; a trailing comma, a
// missing comma and an unclosed [ are reported. After a problem inside a
// rule it resumes at the next comma.
func (p *parser) ruleList(open token, analyzers bool) []Rule {
	what := "rule"
	if analyzers {
		what = "analyzer"
	}
	var out []Rule
	if p.cur().kind == tRBrack {
		p.next()
		return out
	}
	for {
		start := p.pos
		r, ok := p.tryRule(analyzers)
		if ok {
			out = append(out, r)
		} else {
			p.resync(start)
		}
	separator:
		for {
			t := p.cur()
			switch {
			case t.kind == tComma:
				p.next()
				switch p.cur().kind {
				case tRBrack:
					p.report(t, "trailing comma after the last %s: Glue rejects it; remove the comma", what)
					p.next()
					return out
				case tEOF:
					p.fatal(open, "unclosed [: the %s list opened here is never closed with ]", sectionName(analyzers))
				}
				break separator
			case t.kind == tRBrack:
				p.next()
				return out
			case t.kind == tEOF:
				p.fatal(open, "unclosed [: the %s list opened here is never closed with ]", sectionName(analyzers))
			case ok && p.isIdent("and", "AND", "or", "OR"):
				p.report(t, "to combine rules, put each one in parentheses: (%s) %s (...)", r.String(), t.text)
				p.resync(p.pos)
			case ok && (t.kind == tLParen || t.kind == tIdent && !reserved[t.text]):
				p.report(t, "missing comma between %ss: %q ends on line %d and another %s starts here", what, r.String(), p.prev().endLine, what)
				break separator
			default:
				p.check(t)
				p.report(t, "expected , or ] after the %s, found %s", what, t.describe())
				p.resync(p.pos)
			}
		}
	}
}

func sectionName(analyzers bool) string {
	if analyzers {
		return "Analyzers"
	}
	return "Rules"
}

// tryRule parses one rule or analyzer, recovering from a rule-level problem.
func (p *parser) tryRule(analyzer bool) (r Rule, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			if b, isB := x.(bailout); !isB || b.fatal {
				panic(x)
			}
			ok = false
		}
	}()
	if analyzer {
		return p.simpleRule(true), true
	}
	if p.cur().kind == tLParen {
		return p.orRule(0), true
	}
	return p.simpleRule(false), true
}

// resync skips from the token at from to the comma that ends the current
// rule, or to the ] that ends the list, or to the end of input, skipping
// over bracketed and parenthesised parts.
func (p *parser) resync(from int) {
	p.pos = from
	brackets, parens := 0, 0
	for {
		switch t := p.cur(); t.kind {
		case tEOF:
			return
		case tBadString:
			p.check(t) // an unclosed string ends the document
		case tComma:
			if brackets == 0 && parens == 0 {
				return
			}
		case tLBrack:
			brackets++
		case tRBrack:
			if brackets == 0 {
				return
			}
			brackets--
		case tLParen:
			parens++
		case tRParen:
			parens = max(parens-1, 0)
		}
		p.next()
	}
}

// orRule parses a composite: and-groups joined by or ("and" binds tighter).
func (p *parser) orRule(depth int) Rule {
	start := p.cur()
	first := p.andRule(depth)
	if !p.isIdent("or", "OR") {
		return first
	}
	r := Rule{Op: "or", Children: []Rule{first}, Line: start.line, Column: start.col}
	for p.isIdent("or", "OR") {
		p.next()
		r.Children = append(r.Children, p.andRule(depth))
	}
	return r
}

// andRule parses (rule) and (rule) and ...
func (p *parser) andRule(depth int) Rule {
	start := p.cur()
	first := p.parenRule(depth)
	if !p.isIdent("and", "AND") {
		return first
	}
	r := Rule{Op: "and", Children: []Rule{first}, Line: start.line, Column: start.col}
	for p.isIdent("and", "AND") {
		p.next()
		r.Children = append(r.Children, p.parenRule(depth))
	}
	return r
}

// parenRule parses ( rule ) or ( composite ).
func (p *parser) parenRule(depth int) Rule {
	if depth >= maxDepth {
		p.fail(p.cur(), "composite rule nested too deeply (more than %d levels)", maxDepth)
	}
	open := p.cur()
	if open.kind != tLParen {
		p.check(open)
		p.fail(open, "expected ( : each rule joined by and/or must be in parentheses, found %s", open.describe())
	}
	p.next()
	var r Rule
	if p.cur().kind == tLParen {
		r = p.orRule(depth + 1)
	} else {
		r = p.simpleRule(false)
	}
	if c := p.cur(); c.kind != tRParen {
		p.check(c)
		if c.kind == tEOF {
			p.fatal(open, "unclosed (: the ( opened here is never closed with )")
		}
		p.fail(c, "expected ) to close the ( at line %d, column %d, found %s", open.line, open.col, c.describe())
	}
	p.next()
	return r
}
