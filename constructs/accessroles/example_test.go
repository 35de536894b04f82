package accessroles_test

import (
	"fmt"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The lake's people sign in through the corporate IdP: analysts and
// engineers get job-function roles (RBAC), and project members one of the
// notes' ABAC roles Heart, Star or Bolt, which reach secrets, keys, tables
// and curated objects tagged with their project only.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Access"), nil)
	curated := securebucket.New(stack, "Curated", nil)
	roles := accessroles.New(stack, "Roles", &accessroles.Props{
		SamlProvider: awsiam.SamlProvider_FromSamlProviderArn(stack, jsii.String("Idp"), jsii.String("arn:aws:iam::111122223333:saml-provider/Corp")),
		JobFunctions: []accessroles.JobFunction{
			{Name: "Analyst", Level: accessroles.Analyst, Grants: []func(awsiam.IGrantable){
				func(g awsiam.IGrantable) { curated.Bucket.GrantRead(g, nil) },
			}},
			{Name: "Engineer", Level: accessroles.Engineer},
		},
		Abac: &accessroles.Abac{Values: []string{"Heart", "Star", "Bolt"}, Buckets: []awss3.IBucket{curated.Bucket}},
	})
	var names []string
	for v := range roles.AbacRoles {
		names = append(names, v)
	}
	sort.Strings(names)
	fmt.Println(len(roles.Roles), "job functions,", names)
	// Output:
	// 2 job functions, [Bolt Heart Star]
}
