package athena

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsathena"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var statementNameRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_@:]{1,256}$`)

// AddNamedQuery saves q in the workgroup. An invalid query fails synthesis.
func (w *WorkGroup) AddNamedQuery(q NamedQuery) awsathena.CfnNamedQuery {
	pr := propcheck.For("athena.NamedQuery", w.Construct, q.Name)
	checkNamedQuery(pr, "NamedQuery", q)
	pr.Fail()
	n := w.namedQuery(q)
	w.NamedQueries = append(w.NamedQueries, n)
	return n
}

// AddPreparedStatement stores s in the workgroup. An invalid statement
// fails synthesis.
func (w *WorkGroup) AddPreparedStatement(s PreparedStatement) awsathena.CfnPreparedStatement {
	pr := propcheck.For("athena.PreparedStatement", w.Construct, s.Name)
	checkPreparedStatement(pr, "PreparedStatement", s)
	pr.Fail()
	n := w.preparedStatement(s)
	w.PreparedStatements = append(w.PreparedStatements, n)
	return n
}

func (w *WorkGroup) namedQuery(q NamedQuery) awsathena.CfnNamedQuery {
	return awsathena.NewCfnNamedQuery(w.Construct, jsii.String(safeID("Query-", q.Name)), &awsathena.CfnNamedQueryProps{
		Name:        jsii.String(q.Name),
		Database:    jsii.String(q.Database),
		QueryString: jsii.String(q.SQL),
		Description: optional(q.Description),
		WorkGroup:   w.WorkGroup.Ref(),
	})
}

func (w *WorkGroup) preparedStatement(s PreparedStatement) awsathena.CfnPreparedStatement {
	desc := s.Description
	if len(s.Parameters) > 0 {
		desc = strings.TrimSpace(desc + " Parameters: " + strings.Join(s.Parameters, ", ") + ".")
	}
	return awsathena.NewCfnPreparedStatement(w.Construct, jsii.String(safeID("Statement-", s.Name)), &awsathena.CfnPreparedStatementProps{
		StatementName:  jsii.String(s.Name),
		QueryStatement: jsii.String(s.SQL),
		Description:    optional(desc),
		WorkGroup:      w.WorkGroup.Ref(),
	})
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}

func checkNamedQuery(pr *propcheck.Problems, at string, q NamedQuery) {
	if n := len(q.Name); n < 1 || n > 128 {
		pr.Add(at+".Name", strconv.Quote(q.Name), "1 to 128 characters")
	}
	if n := len(q.Database); n < 1 || n > 255 {
		pr.Add(at+".Database", strconv.Quote(q.Database), "the database the query runs against, 1 to 255 characters")
	}
	if strings.TrimSpace(q.SQL) == "" || len(q.SQL) > 262144 {
		pr.Add(at+".SQL", strconv.Quote(q.SQL), "the query text, 1 to 262,144 characters")
	}
	if len(q.Description) > 1024 {
		pr.Add(at+".Description", len(q.Description), "at most 1024 characters")
	}
}

func checkPreparedStatement(pr *propcheck.Problems, at string, s PreparedStatement) {
	if !statementNameRE.MatchString(s.Name) {
		pr.Add(at+".Name", strconv.Quote(s.Name), "2 to 257 characters: a letter or _, then letters, digits, _ @ :")
	}
	if strings.TrimSpace(s.SQL) == "" || len(s.SQL) > 262144 {
		pr.Add(at+".SQL", strconv.Quote(s.SQL), "the statement text, 1 to 262,144 characters")
	} else if s.Parameters != nil {
		if n := sql.Placeholders(s.SQL); n != len(s.Parameters) {
			pr.Add(at+".Parameters", s.Parameters, "one name per ? of the statement, which has "+strconv.Itoa(n))
		}
	}
	if len(s.Description) > 1024 {
		pr.Add(at+".Description", len(s.Description), "at most 1024 characters")
	}
}
