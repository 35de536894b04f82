package main

import (
	"encoding/json"
	"slices"
)

// ObjectActions are what a user may do under its home prefixes: upload
// (with multipart), download, delete (SFTP rename is copy and delete).
var ObjectActions = []string{"s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject"}

type statement struct {
	Sid       string         `json:"Sid"`
	Effect    string         `json:"Effect"`
	Action    []string       `json:"Action"`
	Resource  []string       `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

type policyDoc struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// sessionPolicy narrows the user's role to the key prefixes of its home
// mappings: list them, read, write and delete objects under them, and use
// the bucket key through S3.
func sessionPolicy(cfg Config, mappings []Mapping) (string, error) {
	var list, objects []string
	for _, m := range mappings {
		p, _ := cfg.keyPrefix(m.Target) // checked by ParseRecord
		if !slices.Contains(list, p+"/") {
			list = append(list, p+"/", p+"/*")
			objects = append(objects, cfg.BucketArn+"/"+p+"/*")
		}
	}
	doc := policyDoc{Version: "2012-10-17", Statement: []statement{
		{Sid: "ListHome", Effect: "Allow", Action: []string{"s3:ListBucket"}, Resource: []string{cfg.BucketArn},
			Condition: map[string]any{"StringLike": map[string]any{"s3:prefix": list}}},
		{Sid: "HomeObjects", Effect: "Allow", Action: ObjectActions, Resource: objects},
	}}
	if cfg.KeyArn != "" {
		doc.Statement = append(doc.Statement, statement{Sid: "BucketKey", Effect: "Allow",
			Action: []string{"kms:Decrypt", "kms:GenerateDataKey"}, Resource: []string{cfg.KeyArn}})
	}
	b, err := json.Marshal(doc)
	return string(b), err
}
