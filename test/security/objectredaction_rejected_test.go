package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/objectredaction"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestObjectredactionRejectedProps(t *testing.T) {
	yes, no := jsii.Bool(true), jsii.Bool(false)
	cases := []struct {
		name  string
		props func(b awss3.IBucket, reader awsiam.IGrantable, stack awscdk.Stack) *objectredaction.Props
		wants []string
	}{
		{"nothing", func(awss3.IBucket, awsiam.IGrantable, awscdk.Stack) *objectredaction.Props { return nil },
			[]string{"objectredaction Bad/Redaction: invalid props", "Bucket = <nil>: the bucket holding the originals (required)"}},
		{"object lambda for a new customer", func(b awss3.IBucket, r awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, RedactedReaders: []awsiam.IGrantable{r}, AllowInternetOrigin: yes, ObjectLambda: yes}
		}, []string{"ExistingCustomer = nil: true only in an account that already uses S3 Object Lambda: since 7 November 2025 S3 Object Lambda is closed to new customers (CreateAccessPointForObjectLambda fails in other accounts). Use the write-time mode instead (WriteTime, the default: a redacted copy under RedactedPrefix, read through its own access point), or set ExistingCustomer: true if this account is an existing customer"}},
		{"object lambda, not an existing customer", func(b awss3.IBucket, r awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, RedactedReaders: []awsiam.IGrantable{r}, AllowInternetOrigin: yes, ObjectLambda: yes, ExistingCustomer: no}
		}, []string{"ExistingCustomer = false: true only in an account that already uses S3 Object Lambda"}},
		{"existing customer without object lambda", func(b awss3.IBucket, _ awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, ExistingCustomer: yes}
		}, []string{"ExistingCustomer = true: only with ObjectLambda: true"}},
		{"no mode", func(b awss3.IBucket, _ awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, WriteTime: no}
		}, []string{"WriteTime = false: WriteTime (the default) or ObjectLambda: with neither, nothing is redacted"}},
		{"object lambda without readers", func(b awss3.IBucket, _ awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, ObjectLambda: yes, ExistingCustomer: yes, WriteTime: no, RedactedPrefix: "clean/"}
		}, []string{"RedactedReaders = []: at least one reader with ObjectLambda", "RedactedPrefix = clean/: only with WriteTime"}},
		{"overlapping prefixes", func(b awss3.IBucket, _ awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, SourcePrefix: "orders/", RedactedPrefix: "orders/redacted/"}
		}, []string{`SourcePrefix = "orders/", RedactedPrefix = "orders/redacted/": prefixes that do not contain each other: the originals and the copies must be readable by different principals, and a copy under the source prefix would be redacted again, forever`}},
		{"bad prefixes", func(b awss3.IBucket, _ awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, SourcePrefix: "/raw/", RedactedPrefix: "redacted/*"}
		}, []string{`SourcePrefix = /raw/: a key prefix without a leading "/"`, "RedactedPrefix = redacted/*: a literal prefix"}},
		{"anyone as reader", func(b awss3.IBucket, r awsiam.IGrantable, _ awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, AllowInternetOrigin: yes, OriginalReaders: []awsiam.IGrantable{awsiam.NewAnyPrincipal()}, RedactedReaders: []awsiam.IGrantable{r, awsiam.NewStarPrincipal(), nil}}
		}, []string{`OriginalReaders[0] = *: a role, user or account: the anonymous or "*" principal`, "RedactedReaders[1] = *: a role", "RedactedReaders[2] = nil: a principal, not nil"}},
		{"readers without network choice", func(b awss3.IBucket, r awsiam.IGrantable, stack awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, OriginalReaders: []awsiam.IGrantable{r}}
		}, []string{"Vpc = <nil>: a VPC for the VPC-only access points of the readers, or AllowInternetOrigin: true"}},
		{"vpc and internet", func(b awss3.IBucket, r awsiam.IGrantable, stack awscdk.Stack) *objectredaction.Props {
			return &objectredaction.Props{Bucket: b, OriginalReaders: []awsiam.IGrantable{r}, Vpc: accesspointsVpc(stack), AllowInternetOrigin: yes}
		}, []string{"AllowInternetOrigin = true: not with Vpc"}},
		{"limits and overrides", func(b awss3.IBucket, _ awsiam.IGrantable, stack awscdk.Stack) *objectredaction.Props {
			topic := awssns.NewTopic(stack, jsii.String("T"), nil)
			return &objectredaction.Props{Bucket: b, MaxObjectBytes: 2 << 30, LogRetention: awslogs.RetentionDays_INFINITE,
				FunctionProps: &awslambda.FunctionProps{Environment: &map[string]*string{"X": jsii.String("y")}}, CreateAlarms: no, AlarmTopic: topic}
		}, []string{"MaxObjectBytes = 2.147483648e+09: a whole number of bytes from 1 to 1 GiB", "LogRetention = INFINITE: a finite retention",
			"FunctionProps.Code/Role/LogGroup/Environment = set: the construct's own", "AlarmTopic = Bad/T: CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				bucket := securebucket.New(stack, "Lake", nil).Bucket
				reader := awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
				objectredaction.New(stack, "Redaction", c.props(bucket, reader, stack))
			}, c.wants...)
		})
	}
}
