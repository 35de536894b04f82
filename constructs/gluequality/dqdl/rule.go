package dqdl

import (
	"strings"
)

// reserved words are DQDL keywords: never a rule type or a bare parameter.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`with where between in not matches and AND or OR of OF
		null NULL empty EMPTY whitespaces_only WHITESPACES_ONLY now threshold
		days hours minutes B KB MB GB TB Metadata DataSources Rules Analyzers`) {
		reserved[w] = true
	}
}

func isRuleType(s string) bool {
	_, ok := catalogue[s]
	return ok
}

// simpleRule parses RuleType params [condition] [where "..."] [with ...]*
// and checks it against the catalogue. An analyzer has no condition.
func (p *parser) simpleRule(analyzer bool) Rule {
	what := sectionWord(analyzer)
	t := p.cur()
	p.check(t)
	if t.kind != tIdent || reserved[t.text] {
		p.fail(t, "expected a %s type such as IsComplete or RowCount, found %s", what, t.describe())
	}
	p.next()
	r := Rule{Type: t.text, Line: t.line, Column: t.col}
	spec, known := catalogue[t.text]
	if !known {
		p.report(t, "%s", unknownMessage("rule type", t.text, RuleTypes(), "; RuleTypes() lists the known ones"))
	}
	p.params(&r)
	if known && (len(r.Args) < spec.minArgs || spec.maxArgs >= 0 && len(r.Args) > spec.maxArgs) {
		p.report(t, "%s takes %s, got %d (e.g. %s)", r.Type, spec.args, len(r.Args), spec.usage)
	}
	if analyzer {
		if known && !spec.analyzer {
			p.report(t, "%s cannot be an analyzer; move it to Rules = [ ... ]", r.Type)
		}
		if c := p.cur(); p.startsCondition() || p.isIdent("where", "with") {
			p.fail(c, "an analyzer takes no condition, where or with clause (e.g. Completeness \"col\")")
		}
		return r
	}
	if known && spec.analyzerOnly {
		p.report(t, "%s is an analyzer, not a rule; move it to Analyzers = [ ... ]", r.Type)
	}
	at := p.cur()
	switch {
	case p.startsCondition():
		c := p.condition()
		r.Condition = &c
		switch {
		case known && spec.cond == condNone:
			p.report(at, "%s takes no condition; remove %q (e.g. %s)", r.Type, c.String(), spec.usage)
		case known:
			p.checkKinds(at, r.Type, spec.cats, c, " (e.g. "+spec.usage+")")
		}
	case startsValue(at):
		p.fail(at, "bad comparison before %s: expected one of %s", at.describe(), comparisons)
	case known && spec.cond == condRequired:
		p.report(t, "%s requires a condition, e.g. %s", r.Type, spec.usage)
	}
	if p.isIdent("where") {
		p.next()
		s := p.cur()
		p.check(s)
		if s.kind != tString || strings.TrimSpace(s.text) == "" {
			p.fail(s, "where needs a quoted SQL predicate, e.g. where \"amount > 0\"; found %s", s.describe())
		}
		r.Where = p.next().text
	}
	for p.isIdent("with") {
		r.With = append(r.With, p.tag(r.Type, spec, known))
	}
	if l := p.cur(); p.isIdent("labels") && p.peek(1).kind == tOp {
		p.fail(l, "labels=[...] is not supported by this validator; remove the labels")
	}
	return r
}

func sectionWord(analyzer bool) string {
	if analyzer {
		return "analyzer"
	}
	return "rule"
}

// tag parses with key condition; with threshold is limited to the rule
// types that support it and compares numbers.
func (p *parser) tag(ruleType string, spec ruleSpec, known bool) Tag {
	with := p.next()
	k := p.cur()
	p.check(k)
	if k.kind != tIdent || reserved[k.text] && k.text != "threshold" {
		p.fail(k, "expected a name after with, e.g. with threshold > 0.9; found %s", k.describe())
	}
	p.next()
	at := p.cur()
	if !p.startsCondition() {
		p.check(at)
		p.fail(at, "with %s needs a condition, e.g. with %s > 0.9; found %s", k.text, k.text, at.describe())
	}
	c := p.condition()
	if k.text == "threshold" {
		if known && !spec.threshold {
			p.report(with, "%s does not take with threshold; only %s do", ruleType, thresholdRules())
		}
		p.checkKinds(at, "with threshold", catNum, c, "")
	} else {
		p.checkKinds(at, "with "+k.text, catNum|catStr, c, "")
	}
	return Tag{Key: k.text, Condition: c}
}

// params parses the rule's parameters: quoted strings, or bare names, each
// optionally introduced by the connector word "of" or "and". A bare name
// that is a rule type, or that starts a new line, is taken as the start of
// the next rule (a missing comma), except after "of" or as the metric of
// DetectAnomalies.
func (p *parser) params(r *Rule) {
	prevLine := p.prev().endLine
	bareOK := func(t token, afterOf bool) bool {
		return t.kind == tIdent && !reserved[t.text] && t.line <= prevLine &&
			(!isRuleType(t.text) || afterOf || r.Type == "DetectAnomalies" && len(r.Args) == 0)
	}
	afterOf := false
	for {
		t := p.cur()
		p.check(t)
		switch {
		case t.kind == tString:
			r.Args = append(r.Args, t.text)
		case t.kind != tIdent:
			return
		case t.text == "of" || t.text == "OF" || t.text == "and" || t.text == "AND":
			of := t.text == "of" || t.text == "OF"
			n := p.peek(1)
			if afterOf || t.line > prevLine || n.kind != tString && !bareOK(n, of) {
				return
			}
			afterOf = of
			prevLine = t.endLine
			p.next()
			continue
		case !bareOK(t, afterOf):
			return
		default:
			if op, ok := operatorLookalike(t.text, p.peek(1)); ok {
				p.fail(t, "bad comparison %q; did you mean %q? Expected one of %s", t.text, op, comparisons)
			}
			r.Args = append(r.Args, t.text)
		}
		p.next()
		prevLine = t.endLine
		afterOf = false
	}
}

// operatorLookalike reports whether a bare word followed by next is more
// likely a mistyped operator (BETWEEN, betwen) than a column name.
func operatorLookalike(word string, next token) (string, bool) {
	for _, op := range []string{"between", "matches", "in", "not"} {
		switch {
		case strings.EqualFold(word, op) && (startsValue(next) || next.kind == tString):
			return op, true
		case len(op) > 3 && len(word) > 4 && editDistance(strings.ToLower(word), op) <= 2 && startsValue(next):
			return op, true
		}
	}
	return "", false
}
