package dataprotection

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/objectredaction"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// redaction adds the notes' scenario of SEC-03 and SEC-06: a bucket of
// orders shared by the shop application, which needs the customers' data,
// and the analysts, who must not see it. Each reads through its own
// VPC-only access point, to which the bucket policy delegates access
// control. New objects under raw/ are redacted at write time into
// redacted/ (the current design, open to every account); with
// redaction.objectLambda an S3 Object Lambda access point also redacts at
// read time for accounts that still have S3 Object Lambda.
func (s *Stack) redaction(cfg RedactionConfig) {
	s.Shared = securebucket.New(s.Stack, "Shared", nil)
	s.ShopApplication = awsiam.NewRole(s.Stack, jsii.String("ShopApplication"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewAccountRootPrincipal(),
		Description: jsii.String("The shop application: reads the orders with the customers' data through the Original access point"),
	})
	readers := []awsiam.IGrantable{}
	if s.Roles != nil {
		readers = append(readers, s.Roles.Roles["Analyst"])
	} else {
		readers = append(readers, awsiam.NewRole(s.Stack, jsii.String("AnalyticsApplication"), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewAccountRootPrincipal(),
			Description: jsii.String("The analytics application: reads the redacted orders only"),
		}))
	}
	p := &objectredaction.Props{
		Bucket:          s.Shared.Bucket,
		OriginalReaders: []awsiam.IGrantable{s.ShopApplication},
		RedactedReaders: readers,
		Vpc:             s.Network.Vpc,
		WriteTime:       jsii.Bool(true),
		AlarmTopic:      s.Alarms.Topic,
	}
	if cfg.ObjectLambda {
		// The context key is the statement that the account already uses
		// S3 Object Lambda.
		p.ObjectLambda, p.ExistingCustomer = jsii.Bool(true), jsii.Bool(true)
	}
	s.Redaction = objectredaction.New(s.Stack, "Redaction", p)
}
