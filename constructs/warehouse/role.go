package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newRole is the warehouse's role for COPY, UNLOAD and Spectrum: exactly the
// given bucket prefixes and Glue databases.
func newRole(c constructs.Construct, p *Props, t Type) awsiam.IRole {
	principals := []awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("redshift.amazonaws.com"), nil)}
	if t == Serverless {
		principals = append(principals, awsiam.NewServicePrincipal(jsii.String("redshift-serverless.amazonaws.com"), nil))
	}
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewCompositePrincipal(principals...),
		Description: jsii.String("COPY, UNLOAD and Spectrum of the warehouse " + *c.Node().Path()),
	})
	for _, b := range p.Buckets {
		gluebase.GrantReadPrefix(role, b.Bucket, b.Prefix)
		if b.Write {
			gluebase.GrantWritePrefix(role, b.Bucket, b.Prefix)
		}
	}
	for _, db := range p.SpectrumDatabases {
		gluebase.GrantDatabaseRead(c, role, jsii.String(db))
	}
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "COPY reads every object under the given prefixes and UNLOAD writes objects it names at run time under them; Spectrum reads every table of the given Glue databases; " +
				"the bucket keys' own grants use CDK's encrypt action groups on exactly those keys.",
			AppliesTo: []string{`/^Resource::.*\/\*$/`, "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		})
	}
	return role
}
