package serving

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/dataapi"
)

// api adds ANA-07: GET /orders?customer_id=&from=&to= answered from the
// curated orders table through Athena, with the values bound as execution
// parameters and the pages behind signed tokens; IAM auth.
func (s *Stack) api(lake *Lake) {
	// A customer's orders over a date range scan little; 1 GB bounds what
	// a request may cost (about US$0.005) whatever the parameters.
	s.ApiWorkGroup = athena.New(s.Stack, "ApiWorkGroup", &athena.Props{
		Description:                jsii.String("Queries of the data API (Serving/Api)"),
		BytesScannedCutoffPerQuery: jsii.Number(1_000_000_000),
	})
	s.Api = dataapi.New(s.Stack, "Api", &dataapi.Props{
		Athena: &dataapi.Athena{
			WorkGroup: s.ApiWorkGroup, Database: lake.CuratedDatabase, Tables: []string{lake.Table},
			DataBuckets: []awss3.IBucket{lake.Bucket},
		},
		Queries: []dataapi.Query{{
			Name: "orders",
			SQL: "SELECT order_id, customer_id, order_date, status, amount FROM " + lake.CuratedDatabase + "." + lake.Table +
				" WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to ORDER BY order_date, order_id",
			Params: []dataapi.Param{
				{Name: "customer_id", Type: dataapi.String, Pattern: `^[A-Za-z0-9_-]{1,64}$`},
				{Name: "from", Type: dataapi.Date},
				{Name: "to", Type: dataapi.Date},
			},
		}},
	})
	awscdk.NewCfnOutput(s.Stack, jsii.String("ApiUrl"), &awscdk.CfnOutputProps{
		Value:       s.Api.Stage.UrlForPath(jsii.String("/")),
		Description: jsii.String("GET <this>orders?customer_id=...&from=2026-01-01&to=2026-01-31, signed (SigV4) by a principal granted execute-api:Invoke; next pages with page_token"),
	})
}
