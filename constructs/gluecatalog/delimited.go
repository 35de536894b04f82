package gluecatalog

import (
	"strconv"
	"unicode/utf8"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Tab is the delimiter of TSV files (ANA-08).
const Tab = "\t"

// Delimited describes delimited text (Format CSV targets) that Glue's
// built-in CSV classifier would misread: another delimiter than the comma,
// such as a tab, or files without a header row. The crawler then uses a
// custom CSV classifier first, and makes tables with LazySimpleSerDe and
// that field delimiter, which Athena reads as they are.
type Delimited struct {
	// Delimiter separates the columns: one character, not a line break
	// (Tab for TSV).
	Delimiter string
	// QuoteSymbol encloses values holding the delimiter.
	// @default `"`
	QuoteSymbol string
	// Header names the columns when the files have no header row; nil means
	// every file starts with one (ContainsHeader PRESENT).
	Header []string
}

// classifier creates the custom CSV classifier of d. Its name, which Glue
// requires, is made from the construct path: unique in the account and
// region, stable across deployments.
func classifier(c constructs.Construct, d *Delimited) awsglue.CfnClassifier {
	quote := d.QuoteSymbol
	if quote == "" {
		quote = `"`
	}
	header := "PRESENT"
	if d.Header != nil {
		header = "ABSENT"
	}
	csv := &awsglue.CfnClassifier_CsvClassifierProperty{
		Name:                 awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(255)}),
		Delimiter:            jsii.String(d.Delimiter),
		QuoteSymbol:          jsii.String(quote),
		ContainsHeader:       jsii.String(header),
		AllowSingleColumn:    jsii.Bool(false),
		DisableValueTrimming: jsii.Bool(false),
	}
	if d.Header != nil {
		csv.Header = jsii.Strings(d.Header...)
	}
	return awsglue.NewCfnClassifier(c, jsii.String("Classifier"), &awsglue.CfnClassifierProps{CsvClassifier: csv})
}

// checkDelimited: one-character delimiter and quote that differ and are not
// line breaks, distinct column names, and only with CSV targets.
func checkDelimited(pr *propcheck.Problems, p *Props) {
	d := p.Delimited
	if d == nil {
		return
	}
	oneChar := func(name, v string) {
		if utf8.RuneCountInString(v) != 1 || v == "\n" || v == "\r" {
			pr.Add(name, strconv.Quote(v), "one character other than a line break (\"\\t\" for TSV)")
		}
	}
	oneChar("Delimited.Delimiter", d.Delimiter)
	if d.QuoteSymbol != "" {
		oneChar("Delimited.QuoteSymbol", d.QuoteSymbol)
		if d.QuoteSymbol == d.Delimiter {
			pr.Add("Delimited.QuoteSymbol", strconv.Quote(d.QuoteSymbol), "a character other than the delimiter")
		}
	}
	if d.Header != nil && len(d.Header) == 0 {
		pr.Add("Delimited.Header", "[]", "nil (the files have a header row) or the column names")
	}
	seen := map[string]bool{}
	for _, h := range d.Header {
		if !columnNameRE.MatchString(h) || seen[h] {
			pr.Add("Delimited.Header", h, "distinct column names of lowercase letters, digits and underscores (what Athena accepts)")
		}
		seen[h] = true
	}
	for i, t := range p.Targets {
		if t.Format != CSV {
			pr.Add("Targets["+strconv.Itoa(i)+"].Format", t.Format, "csv with Delimited: the classifier reads delimited text only")
		}
	}
}
