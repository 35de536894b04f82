package main

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// This file evaluates DynamoDB condition and update expressions for the fake
// table, so that the tests exercise the expressions the function sends
// rather than a copy of their meaning. It covers the grammar those use:
// OR, AND, NOT, parentheses, = <> < <= > >=, attribute_exists,
// attribute_not_exists and size(), over S and N attributes; and
// "SET path = value, ..." updates.

// exprContext resolves placeholders and records which ones were used.
type exprContext struct {
	names  map[string]string
	values map[string]types.AttributeValue
	used   map[string]bool
}

func (c *exprContext) name(tok string) (string, error) {
	n, ok := c.names[tok]
	if !ok {
		return "", fmt.Errorf("ValidationException: An expression attribute name used in the document path is not defined; attribute name: %s", tok)
	}
	c.used[tok] = true
	return n, nil
}

func (c *exprContext) value(tok string) (types.AttributeValue, error) {
	v, ok := c.values[tok]
	if !ok {
		return nil, fmt.Errorf("ValidationException: An expression attribute value used in expression is not defined; attribute value: %s", tok)
	}
	c.used[tok] = true
	return v, nil
}

// unused reports placeholders the request defined but no expression used,
// which DynamoDB rejects.
func (c *exprContext) unused() error {
	for k := range c.names {
		if !c.used[k] {
			return fmt.Errorf("ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}", k)
		}
	}
	for k := range c.values {
		if !c.used[k] {
			return fmt.Errorf("ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}", k)
		}
	}
	return nil
}

func tokenize(expr string) []string {
	var toks []string
	for i := 0; i < len(expr); {
		c := rune(expr[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case strings.ContainsRune("(),", c):
			toks = append(toks, string(c))
			i++
		case strings.ContainsRune("<>=", c):
			j := i + 1
			if j < len(expr) && strings.ContainsRune("<>=", rune(expr[j])) {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		default:
			j := i
			for j < len(expr) && !unicode.IsSpace(rune(expr[j])) && !strings.ContainsRune("(),<>=", rune(expr[j])) {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		}
	}
	return toks
}

// condParser is a recursive-descent evaluator over one item.
type condParser struct {
	toks []string
	pos  int
	item map[string]types.AttributeValue
	ctx  *exprContext
}

func (p *condParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *condParser) next() string { t := p.peek(); p.pos++; return t }

func (p *condParser) expect(tok string) error {
	if got := p.next(); got != tok {
		return fmt.Errorf("ValidationException: Invalid ConditionExpression: expected %q, got %q", tok, got)
	}
	return nil
}

func evalCondition(expr string, item map[string]types.AttributeValue, ctx *exprContext) (bool, error) {
	p := &condParser{toks: tokenize(expr), item: item, ctx: ctx}
	ok, err := p.or()
	if err == nil && p.pos != len(p.toks) {
		err = fmt.Errorf("ValidationException: Invalid ConditionExpression: unexpected %q", p.peek())
	}
	return ok, err
}

func (p *condParser) or() (bool, error) {
	v, err := p.and()
	for err == nil && strings.EqualFold(p.peek(), "OR") {
		p.next()
		var w bool
		w, err = p.and()
		v = v || w
	}
	return v, err
}

func (p *condParser) and() (bool, error) {
	v, err := p.not()
	for err == nil && strings.EqualFold(p.peek(), "AND") {
		p.next()
		var w bool
		w, err = p.not()
		v = v && w
	}
	return v, err
}

func (p *condParser) not() (bool, error) {
	if strings.EqualFold(p.peek(), "NOT") {
		p.next()
		v, err := p.not()
		return !v, err
	}
	return p.primary()
}

func (p *condParser) primary() (bool, error) {
	switch tok := p.peek(); tok {
	case "(":
		p.next()
		v, err := p.or()
		if err == nil {
			err = p.expect(")")
		}
		return v, err
	case "attribute_exists", "attribute_not_exists":
		p.next()
		if err := p.expect("("); err != nil {
			return false, err
		}
		name, err := p.ctx.name(p.next())
		if err != nil {
			return false, err
		}
		if err := p.expect(")"); err != nil {
			return false, err
		}
		_, exists := p.item[name]
		return exists == (tok == "attribute_exists"), nil
	}
	left, err := p.operand()
	if err != nil {
		return false, err
	}
	op := p.next()
	right, err := p.operand()
	if err != nil {
		return false, err
	}
	return compare(left, op, right)
}

// operand returns nil for a missing attribute.
func (p *condParser) operand() (types.AttributeValue, error) {
	tok := p.next()
	switch {
	case tok == "size":
		if err := p.expect("("); err != nil {
			return nil, err
		}
		v, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case nil:
			return nil, nil
		case *types.AttributeValueMemberS:
			return &types.AttributeValueMemberN{Value: fmt.Sprint(len(v.Value))}, nil
		default:
			return nil, fmt.Errorf("fake: size() of %T not supported", v)
		}
	case strings.HasPrefix(tok, "#"):
		name, err := p.ctx.name(tok)
		if err != nil {
			return nil, err
		}
		return p.item[name], nil
	case strings.HasPrefix(tok, ":"):
		return p.ctx.value(tok)
	}
	return nil, fmt.Errorf("ValidationException: Invalid ConditionExpression: unexpected %q", tok)
}

// compare follows DynamoDB: a missing attribute or operands of different
// types make any comparison false; S compares by bytes, N by value.
func compare(a types.AttributeValue, op string, b types.AttributeValue) (bool, error) {
	var c int
	switch a := a.(type) {
	case nil:
		return false, nil
	case *types.AttributeValueMemberS:
		bs, ok := b.(*types.AttributeValueMemberS)
		if !ok {
			return false, nil
		}
		c = strings.Compare(a.Value, bs.Value)
	case *types.AttributeValueMemberN:
		bn, ok := b.(*types.AttributeValueMemberN)
		if !ok {
			return false, nil
		}
		x, okx := new(big.Rat).SetString(a.Value)
		y, oky := new(big.Rat).SetString(bn.Value)
		if !okx || !oky {
			return false, fmt.Errorf("ValidationException: invalid number %q or %q", a.Value, bn.Value)
		}
		c = x.Cmp(y)
	default:
		return false, fmt.Errorf("fake: comparing %T not supported", a)
	}
	switch op {
	case "=":
		return c == 0, nil
	case "<>":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return false, fmt.Errorf("ValidationException: Invalid ConditionExpression: unknown comparator %q", op)
}

// applySet applies "SET #a = :a, #b = :b" to item. Setting a key attribute
// is refused, as DynamoDB does.
func applySet(expr string, item map[string]types.AttributeValue, keys map[string]bool, ctx *exprContext) error {
	rest, ok := strings.CutPrefix(strings.TrimSpace(expr), "SET ")
	if !ok {
		return fmt.Errorf("fake: only SET updates are supported, got %q", expr)
	}
	for _, assignment := range strings.Split(rest, ",") {
		left, right, ok := strings.Cut(assignment, "=")
		if !ok {
			return fmt.Errorf("ValidationException: Invalid UpdateExpression: %q", assignment)
		}
		name, err := ctx.name(strings.TrimSpace(left))
		if err != nil {
			return err
		}
		if keys[name] {
			return fmt.Errorf("ValidationException: Cannot update attribute %s. This attribute is part of the key", name)
		}
		v, err := ctx.value(strings.TrimSpace(right))
		if err != nil {
			return err
		}
		item[name] = v
	}
	return nil
}
