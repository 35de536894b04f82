package gluecatalog

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// SchemaDefinition is one schema of a registry (catalogue CAT-10).
type SchemaDefinition struct {
	// Name of the schema (letters, digits, -, _, $, #, ., up to 255).
	Name string
	// DataFormat: AVRO, JSON or PROTOBUF.
	DataFormat string
	// Compatibility of new versions: NONE, DISABLED, BACKWARD, BACKWARD_ALL,
	// FORWARD, FORWARD_ALL, FULL or FULL_ALL.
	// @default BACKWARD (consumers on the new schema read old data)
	Compatibility string
	// Definition is the first version's schema text.
	Definition string
}

// SchemaRegistryProps configure a SchemaRegistry.
type SchemaRegistryProps struct {
	// Description of the registry.
	Description *string
	// Schemas registered at deployment.
	Schemas []SchemaDefinition
}

// SchemaRegistry is a Glue Schema Registry with its schemas; producers and
// consumers validate records against them with the Glue Schema Registry
// SerDe libraries.
type SchemaRegistry struct {
	constructs.Construct
	Registry awsglue.CfnRegistry
	Schemas  map[string]awsglue.CfnSchema
}

var (
	schemaNameRE   = regexp.MustCompile(`^[a-zA-Z0-9\-_$#.]{1,255}$`)
	dataFormats    = []string{"AVRO", "JSON", "PROTOBUF"}
	compatibilites = []string{"NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"}
)

// NewSchemaRegistry creates the registry and its schemas.
func NewSchemaRegistry(scope constructs.Construct, id string, props *SchemaRegistryProps) *SchemaRegistry {
	p := SchemaRegistryProps{}
	if props != nil {
		p = *props
	}
	checkRegistry(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	description := p.Description
	if description == nil {
		description = jsii.String("Schemas of " + *c.Node().Path())
	}
	reg := awsglue.NewCfnRegistry(c, jsii.String("Registry"), &awsglue.CfnRegistryProps{
		Name:        awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(255)}),
		Description: description,
	})
	r := &SchemaRegistry{Construct: c, Registry: reg, Schemas: map[string]awsglue.CfnSchema{}}
	for _, s := range p.Schemas {
		compat := s.Compatibility
		if compat == "" {
			compat = "BACKWARD"
		}
		r.Schemas[s.Name] = awsglue.NewCfnSchema(c, jsii.String("Schema-"+s.Name), &awsglue.CfnSchemaProps{
			Name:             jsii.String(s.Name),
			Registry:         &awsglue.CfnSchema_RegistryProperty{Arn: reg.AttrArn()},
			DataFormat:       jsii.String(s.DataFormat),
			Compatibility:    jsii.String(compat),
			SchemaDefinition: jsii.String(s.Definition),
		})
	}
	return r
}

func checkRegistry(scope constructs.Construct, id string, p *SchemaRegistryProps) *propcheck.Problems {
	pr := propcheck.For("gluecatalog.SchemaRegistry", scope, id)
	var names []string
	for i, s := range p.Schemas {
		at := "Schemas[" + strconv.Itoa(i) + "]"
		if !schemaNameRE.MatchString(s.Name) {
			pr.Add(at+".Name", s.Name, "1 to 255 letters, digits and - _ $ # .")
		} else if slices.Contains(names, s.Name) {
			pr.Add(at+".Name", s.Name, "a name no other schema of the registry has")
		}
		names = append(names, s.Name)
		if !slices.Contains(dataFormats, s.DataFormat) {
			pr.Add(at+".DataFormat", s.DataFormat, strings.Join(dataFormats, ", "))
		}
		if s.Compatibility != "" && !slices.Contains(compatibilites, s.Compatibility) {
			pr.Add(at+".Compatibility", s.Compatibility, strings.Join(compatibilites, ", "))
		}
		switch {
		case strings.TrimSpace(s.Definition) == "":
			pr.Add(at+".Definition", `""`, "the schema text of the first version")
		case (s.DataFormat == "AVRO" || s.DataFormat == "JSON") && !json.Valid([]byte(s.Definition)):
			pr.Add(at+".Definition", excerpt(s.Definition), "valid JSON: an "+s.DataFormat+" schema is a JSON document")
		}
	}
	return pr
}

func excerpt(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
