package main

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

func TestItemToJSON(t *testing.T) {
	item := map[string]types.AttributeValue{
		"s":       &types.AttributeValueMemberS{Value: "a \"b\" \\ \n é\x00"},
		"n":       &types.AttributeValueMemberN{Value: "-12.50"},
		"big":     &types.AttributeValueMemberN{Value: "12345678901234567890123456789012345678"},
		"exp":     &types.AttributeValueMemberN{Value: "1E+2"},
		"bad":     &types.AttributeValueMemberN{Value: ".5"},
		"t":       &types.AttributeValueMemberBOOL{Value: true},
		"f":       &types.AttributeValueMemberBOOL{Value: false},
		"null":    &types.AttributeValueMemberNULL{Value: true},
		"b":       &types.AttributeValueMemberB{Value: []byte{0, 1, 0xfe, 0xff}},
		"ss":      &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"ns":      &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs":      &types.AttributeValueMemberBS{Value: [][]byte{[]byte("hi"), {}}},
		"l":       &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}, &types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberL{}}},
		"m":       &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"z": &types.AttributeValueMemberS{Value: "last"}, "a": &types.AttributeValueMemberM{}}},
		"other":   &types.UnknownUnionMember{Tag: "X"},
		"bad\xff": &types.AttributeValueMemberS{Value: "\xff"},
	}
	out := appendItem(nil, item)
	require.True(t, json.Valid(out), "%s", out)
	require.Equal(t, `{"b":"AAH+/w==","bad":".5","bad�":"�","big":12345678901234567890123456789012345678,"bs":["aGk=",""],"exp":1E+2,`+
		`"f":false,"l":[1,"x",[]],"m":{"a":{},"z":"last"},"n":-12.50,"ns":[1,2.5],"null":null,"other":null,`+
		`"s":"a \"b\" \\ \n é\u0000","ss":["x","y"],"t":true}`, string(out))
	require.Equal(t, `{}`, string(appendItem(nil, nil)))
}
