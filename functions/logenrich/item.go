package main

import (
	"encoding/base64"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// appendItem appends a DynamoDB item as plain JSON, members sorted by name
// (github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue is not a
// dependency of this module, and a direct conversion is short):
//
//	S     string               N    number, as DynamoDB wrote it
//	BOOL  true or false        NULL null
//	M     object               L    array
//	SS    array of strings     NS   array of numbers
//	B     base64 string        BS   array of base64 strings
//
// A value of a type this SDK does not know becomes null.
func appendItem(dst []byte, item map[string]types.AttributeValue) []byte {
	names := make([]string, 0, len(item))
	for k := range item {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for i, k := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonscan.AppendString(dst, k)
		dst = append(dst, ':')
		dst = appendValue(dst, item[k])
	}
	return append(dst, '}')
}

func appendValue(dst []byte, av types.AttributeValue) []byte {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return jsonscan.AppendString(dst, v.Value)
	case *types.AttributeValueMemberN:
		return appendNumber(dst, v.Value)
	case *types.AttributeValueMemberBOOL:
		if v.Value {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case *types.AttributeValueMemberM:
		return appendItem(dst, v.Value)
	case *types.AttributeValueMemberL:
		dst = append(dst, '[')
		for i, e := range v.Value {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, e)
		}
		return append(dst, ']')
	case *types.AttributeValueMemberSS:
		dst = append(dst, '[')
		for i, s := range v.Value {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonscan.AppendString(dst, s)
		}
		return append(dst, ']')
	case *types.AttributeValueMemberNS:
		dst = append(dst, '[')
		for i, n := range v.Value {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendNumber(dst, n)
		}
		return append(dst, ']')
	case *types.AttributeValueMemberB:
		return appendBase64(dst, v.Value)
	case *types.AttributeValueMemberBS:
		dst = append(dst, '[')
		for i, b := range v.Value {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendBase64(dst, b)
		}
		return append(dst, ']')
	}
	return append(dst, "null"...) // NULL, nil, or an unknown member
}

// appendNumber writes a DynamoDB number as a JSON number; should it not be
// one (DynamoDB only returns valid numbers), as a string.
func appendNumber(dst []byte, n string) []byte {
	if n != "" && (n[0] == '-' || n[0] >= '0' && n[0] <= '9') && jsonscan.Valid([]byte(n)) {
		return append(dst, n...)
	}
	return jsonscan.AppendString(dst, n)
}

func appendBase64(dst, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}
