package dqdl

import (
	"regexp"
	"strings"
)

const comparisons = "=, !=, >, >=, <, <=, between, in, not between, not in, matches, not matches"

var validOps = map[string]bool{"=": true, "!=": true, ">": true, ">=": true, "<": true, "<=": true}

func (p *parser) startsCondition() bool {
	return p.cur().kind == tOp || p.isIdent("between", "in", "not", "matches")
}

// startsValue reports whether t can only begin a value (not a parameter).
func startsValue(t token) bool {
	switch t.kind {
	case tNumber, tMinus, tLBrack, tLParen:
		return true
	case tIdent:
		return keywords[t.text] != "" || t.text == "now"
	}
	return false
}

// keywords maps the spellings DQDL accepts to the canonical keyword.
var keywords = map[string]string{
	"NULL": "NULL", "null": "NULL", "EMPTY": "EMPTY", "empty": "EMPTY",
	"WHITESPACES_ONLY": "WHITESPACES_ONLY", "whitespaces_only": "WHITESPACES_ONLY",
}

// condition parses one of: op value | [not] between v and v |
// [not] in [v, ...] | [not] matches "regex".
func (p *parser) condition() Condition {
	t := p.cur()
	if t.kind == tOp {
		if !validOps[t.text] {
			p.fail(t, "bad comparison %q: expected one of %s", t.text, comparisons)
		}
		p.next()
		return Condition{Op: t.text, Values: []Value{p.value(0)}}
	}
	not := ""
	if p.isIdent("not") {
		p.next()
		not = "not "
		if !p.isIdent("between", "in", "matches") {
			p.check(p.cur())
			p.fail(p.cur(), "bad comparison: not must be followed by between, in or matches; expected one of %s", comparisons)
		}
	}
	op := p.next()
	c := Condition{Op: not + op.text}
	switch op.text {
	case "between":
		c.Values = append(c.Values, p.value(0))
		if !p.isIdent("and", "AND") {
			p.check(p.cur())
			p.fail(p.cur(), "between needs two values: between A and B; found %s where and was expected", p.cur().describe())
		}
		p.next()
		c.Values = append(c.Values, p.value(0))
	case "in":
		open := p.cur()
		if open.kind != tLBrack {
			p.check(open)
			p.fail(open, "in needs a list: in [ ... ]; found %s", open.describe())
		}
		c.Values = p.valueList(open)
	case "matches":
		s := p.cur()
		p.check(s)
		if s.kind != tString {
			p.fail(s, "matches needs a quoted regular expression, e.g. matches \"[a-z]+\"; found %s", s.describe())
		}
		c.Values = []Value{{Kind: String, Text: p.next().text}}
	}
	return c
}

// valueList parses [ v, v, ... ] after in.
func (p *parser) valueList(open token) []Value {
	p.next()
	if c := p.cur(); c.kind == tRBrack {
		p.fail(c, "in [ ] is empty: the list needs at least one value")
	}
	var vals []Value
	for {
		if p.cur().kind == tEOF {
			p.fatal(open, "unclosed [: the list opened here is never closed with ]")
		}
		vals = append(vals, p.value(0))
		switch sep := p.cur(); sep.kind {
		case tRBrack:
			p.next()
			return vals
		case tComma:
			p.next()
			if p.cur().kind == tRBrack {
				p.fail(sep, "trailing comma in the in [ ... ] list: remove it")
			}
		case tEOF:
			p.fatal(open, "unclosed [: the list opened here is never closed with ]")
		default:
			p.check(sep)
			p.fail(sep, "expected , or ] in the list, found %s", sep.describe())
		}
	}
}

var (
	durationUnits = map[string]bool{"days": true, "hours": true, "minutes": true}
	sizeUnits     = map[string]bool{"B": true, "KB": true, "MB": true, "GB": true, "TB": true}
)

const valueHelp = `a number, a "string", NULL, EMPTY, WHITESPACES_ONLY, now(), (now() - 3 days), a duration (24 hours) or a size (5 GB)`

// value parses one condition operand.
func (p *parser) value(depth int) Value {
	t := p.cur()
	p.check(t)
	switch {
	case t.kind == tString:
		p.next()
		return Value{Kind: String, Text: t.text}
	case t.kind == tIdent && keywords[t.text] != "":
		p.next()
		return Value{Kind: Keyword, Text: keywords[t.text]}
	case t.kind == tIdent && t.text == "now":
		p.nowCall()
		if n := p.cur(); n.kind == tMinus || n.kind == tPlus {
			p.fail(n, "date arithmetic needs parentheses: (now() %s 3 days)", n.text)
		}
		return Value{Kind: Date, Text: "now()"}
	case t.kind == tLParen && p.peek(1).kind == tIdent && p.peek(1).text == "now":
		return p.dateExpr()
	case t.kind == tNumber && p.peek(1).kind == tIdent && durationUnits[p.peek(1).text]:
		return p.unitValue(Duration)
	case t.kind == tNumber && p.peek(1).kind == tIdent && sizeUnits[p.peek(1).text]:
		return p.unitValue(Size)
	case t.kind == tNumber || t.kind == tMinus || t.kind == tLParen ||
		t.kind == tIdent && !reserved[t.text] && p.peek(1).kind == tLParen:
		text, literal := p.expr(depth)
		if literal {
			return Value{Kind: Number, Text: text}
		}
		return Value{Kind: Expression, Text: text}
	case t.kind == tIdent && !reserved[t.text] && strings.ContainsAny(t.text[:1], "0123456789."):
		p.fail(t, "bad number %q: numbers look like 5, 0.95 or -3", t.text)
	}
	p.fail(t, "expected a value (%s), found %s", valueHelp, t.describe())
	return Value{}
}

// nowCall consumes now().
func (p *parser) nowCall() {
	p.next()
	if p.cur().kind != tLParen || p.peek(1).kind != tRParen {
		p.check(p.cur())
		p.fail(p.cur(), "expected now(), found now followed by %s", p.cur().describe())
	}
	p.next()
	p.next()
}

// dateExpr parses (now() - 3 days) or (now() + 4 hours).
func (p *parser) dateExpr() Value {
	p.next() // (
	p.nowCall()
	op := p.cur()
	if op.kind != tMinus && op.kind != tPlus {
		p.check(op)
		p.fail(op, "expected - or + after now() in a date expression like (now() - 3 days), found %s", op.describe())
	}
	p.next()
	n, unit := p.cur(), p.peek(1)
	if n.kind == tNumber && unit.kind == tIdent && !durationUnits[unit.text] {
		p.fail(unit, "unknown unit %q in a date expression: use days, hours or minutes, e.g. (now() %s 3 days)", unit.text, op.text)
	}
	if n.kind != tNumber || strings.Contains(n.text, ".") || unit.kind != tIdent {
		p.check(n)
		p.fail(n, "expected a whole number and a unit (days, hours or minutes) in (now() %s N unit), found %s", op.text, n.describe())
	}
	p.next()
	p.next()
	p.expect(tRParen, ") to close the date expression")
	return Value{Kind: Date, Text: "(now() " + op.text + " " + n.text + " " + unit.text + ")"}
}

// unitValue parses a whole number followed by a duration or size unit.
func (p *parser) unitValue(k ValueKind) Value {
	n := p.next()
	unit := p.next()
	if strings.Contains(n.text, ".") {
		p.fail(n, "a %s needs a whole number, e.g. 3 %s; found %s", k, unit.text, n.text)
	}
	return Value{Kind: k, Text: n.text + " " + unit.text}
}

// expr parses a dynamic-rule numeric expression such as
// 0.9 * avg(last(10)) and returns it in canonical form; literal is true when
// it is a single number.
func (p *parser) expr(depth int) (string, bool) {
	if depth >= maxDepth {
		p.fail(p.cur(), "expression nested too deeply (more than %d levels)", maxDepth)
	}
	first, literal := p.term(depth)
	var b strings.Builder
	b.WriteString(first)
	for {
		op := p.cur()
		if op.kind != tPlus && op.kind != tMinus && op.kind != tStar && op.kind != tSlash {
			return b.String(), literal
		}
		p.next()
		rhs, _ := p.term(depth)
		b.WriteString(" " + op.text + " " + rhs)
		literal = false
	}
}

// term parses a number, -number, (expr) or function(args).
func (p *parser) term(depth int) (string, bool) {
	t := p.cur()
	p.check(t)
	switch {
	case t.kind == tNumber:
		p.next()
		return t.text, true
	case t.kind == tMinus && p.peek(1).kind == tNumber:
		p.next()
		return "-" + p.next().text, true
	case t.kind == tLParen:
		p.next()
		inner, _ := p.expr(depth + 1)
		p.expect(tRParen, ") to close the expression")
		return "(" + inner + ")", false
	case t.kind == tIdent && !reserved[t.text] && p.peek(1).kind == tLParen:
		p.next()
		p.next()
		var args []string
		for p.cur().kind != tRParen {
			if len(args) > 0 {
				p.expect(tComma, ", or ) in the function call")
			}
			a, _ := p.expr(depth + 1)
			args = append(args, a)
		}
		p.next()
		return t.text + "(" + strings.Join(args, ",") + ")", false
	}
	p.fail(t, "expected a number, (expression) or function call such as avg(last(10)), found %s", t.describe())
	return "", false
}

var dateLike = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2} (AM|PM)|\d{2}:\d{2})$`)

// valueCats is the set of kinds a value can be compared as.
func valueCats(v Value) category {
	switch v.Kind {
	case Number:
		if !strings.ContainsAny(v.Text, ".-") {
			return catNum | catSize // FileSize > 2 means bytes
		}
		return catNum
	case Expression:
		return catNum
	case String:
		if dateLike.MatchString(v.Text) {
			return catStr | catDate
		}
		return catStr
	case Keyword:
		if v.Text == "NULL" {
			return catNum | catStr | catDate
		}
		return catStr
	case Date:
		return catDate
	case Duration:
		return catDuration
	case Size:
		return catSize
	}
	return 0
}

func opCats(op string) category {
	switch strings.TrimPrefix(op, "not ") {
	case "=", "!=", "in":
		return catAll
	case "matches":
		return catStr
	}
	return catNum | catDate | catDuration | catSize
}

// checkKinds reports a condition whose values cannot be compared with its
// operator, or are not the kind subject compares.
func (p *parser) checkKinds(at token, subject string, allowed category, c Condition, hint string) {
	vals := catAll
	var kinds []string
	for _, v := range c.Values {
		vals &= valueCats(v)
		kinds = append(kinds, v.Kind.String())
	}
	switch ops := opCats(c.Op); {
	case vals == 0:
		p.report(at, "%q mixes kinds of value (%s); use one kind", c.String(), strings.Join(kinds, ", "))
	case vals&ops == 0:
		p.report(at, "%q: %s compares %s, not %s", c.String(), strings.TrimPrefix(c.Op, "not "), ops, vals)
	case vals&ops&allowed == 0:
		p.report(at, "%s compares %s; %q compares %s%s", subject, allowed, c.String(), vals&ops, hint)
	}
}
