package lakehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// Governance is the stack's Lake Formation part (CAT-06, CAT-08, CAT-09).
type Governance struct {
	Settings *lakeformation.Settings
	// Iceberg, Reviews and Curated are the registered prefixes.
	Iceberg, Reviews, Curated *lakeformation.Location
	// Domain (sales, finance) and Sensitivity (public, pii) are the LF-tags.
	Domain, Sensitivity *lakeformation.Tag
	// Shipped is the data cells filter of the Fulfilment role.
	Shipped *lakeformation.DataCellsFilter
}

// governance: the account's data lake settings (the stack's LakeAdmin, the
// configured admins and the CDK deployment role; no IAMAllowedPrincipals
// defaults), the registered prefixes and the LF-tags.
func (s *Stack) governance(cfg Config, lake *Lake) {
	g := &Governance{}
	s.Governance = g
	admin := s.LakeAdmin.(awsiam.Role)
	admin.AddManagedPolicy(awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AWSLakeFormationDataAdmin")))
	cdknag.NagSuppressions_AddResourceSuppressions(admin, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM4"),
		Reason: jsii.String("AWSLakeFormationDataAdmin is the policy AWS documents and maintains for data lake administrators; " +
			"it follows Lake Formation's new actions, which a copied inline policy would not."),
		AppliesTo: &[]any{"Policy::arn:<AWS::Partition>:iam::aws:policy/AWSLakeFormationDataAdmin"},
	}}, jsii.Bool(true))
	g.Settings = lakeformation.NewSettings(s.Stack, "LakeSettings", &lakeformation.SettingsProps{
		Admins: append([]string{*s.LakeAdmin.RoleArn()}, cfg.Admins...),
	})
	// The stack's own prefixes are governed by Lake Formation. GlueEtl's
	// published orders are registered in hybrid access mode: its IAM
	// principals (the jobs, the warehouse's Spectrum role) keep reading
	// lake_curated.orders through IAM while lakehouse.orders_projected is
	// read through Lake Formation's grants.
	g.Iceberg = lakeformation.NewLocation(s.Stack, "IcebergLocation", &lakeformation.LocationProps{
		Bucket: lake.Bucket, Prefix: IcebergPrefix, Settings: g.Settings,
	})
	g.Reviews = lakeformation.NewLocation(s.Stack, "ReviewsLocation", &lakeformation.LocationProps{
		Bucket: lake.Bucket, Prefix: ReviewsPrefix, ReadOnly: jsii.Bool(true), Settings: g.Settings,
	})
	g.Curated = lakeformation.NewLocation(s.Stack, "CuratedLocation", &lakeformation.LocationProps{
		Bucket: lake.Bucket, Prefix: lake.CuratedPrefix, ReadOnly: jsii.Bool(true), HybridAccess: jsii.Bool(true), Settings: g.Settings,
	})
	g.Domain = lakeformation.NewTag(s.Stack, "DomainTag", &lakeformation.TagProps{Key: "domain", Values: []string{"sales", "finance"}, Settings: g.Settings})
	g.Sensitivity = lakeformation.NewTag(s.Stack, "SensitivityTag", &lakeformation.TagProps{Key: "sensitivity", Values: []string{"public", "pii"}, Settings: g.Settings})
}
