package lakehouse

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// reviews is ANA-08's TSV lake: an application writes customer reviews as
// tab-separated files with a header row under raw/reviews/; a daily crawler
// with a tab classifier keeps lakehouse.reviews current (LazySimpleSerDe,
// field.delim "\\t"), which Athena queries in place and CTAS turns into
// Parquet. The crawler creates the table, so Lake Formation makes it the
// table's owner; it needs CREATE_TABLE on the database and access to the
// registered prefix.
func (s *Stack) reviews(cfg Config, lake *Lake) {
	s.Reviews = gluecatalog.New(s.Stack, "Reviews", &gluecatalog.Props{
		ExistingDatabase: s.Database,
		Targets:          []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: ReviewsPrefix, Format: gluecatalog.CSV}},
		Delimited:        &gluecatalog.Delimited{Delimiter: gluecatalog.Tab},
		Schedule:         jsii.String("cron(0 5 * * ? *)"),
	})
	g := s.Governance
	role := *s.Reviews.Role.RoleArn()
	for _, grant := range []struct {
		id         string
		resource   lakeformation.Resource
		permission lakeformation.Permission
	}{
		{"ReviewsCrawlerCreate", lakeformation.Database{Name: cfg.Database}, lakeformation.CreateTable},
		{"ReviewsCrawlerLocation", lakeformation.DataLocation{Location: g.Reviews}, lakeformation.DataLocationAccess},
	} {
		gr := lakeformation.NewGrant(s.Stack, grant.id, &lakeformation.GrantProps{
			Principal: role, Resource: grant.resource, Permissions: []lakeformation.Permission{grant.permission},
			DependsOn: dependables(s.Database), Settings: g.Settings,
		})
		// The crawler must not run before it may write the catalog.
		s.Reviews.Crawler.Node().AddDependency(gr.Resource)
	}
}

// otherRegions is CAT-13: one crawler of this region catalogs prefixes of
// buckets in other regions into the lakehouse database, so Athena queries
// them all from one catalog. The locations are not registered with Lake
// Formation (it registers locations of its own region), so Athena reads
// them with the analyst's IAM permissions, granted here; Lake Formation
// still decides which tables and columns the analyst sees (the database's
// tags).
func (s *Stack) otherRegions(cfg Config) {
	if len(cfg.OtherRegions) == 0 {
		return
	}
	targets := make([]gluecatalog.S3Target, len(cfg.OtherRegions))
	var applies []any
	for i, r := range cfg.OtherRegions {
		attrs := &awss3.BucketAttributes{BucketName: jsii.String(r.Bucket), Region: jsii.String(r.Region)}
		if r.KeyArn != "" {
			attrs.EncryptionKey = awskms.Key_FromKeyArn(s.Stack, jsii.String(fmt.Sprintf("OtherRegionKey%d", i)), jsii.String(r.KeyArn))
		}
		bucket := awss3.Bucket_FromBucketAttributes(s.Stack, jsii.String(fmt.Sprintf("OtherRegionBucket%d", i)), attrs)
		targets[i] = gluecatalog.S3Target{Bucket: bucket, Prefix: r.Prefix, Format: gluecatalog.Format(r.Format)}
		bucket.GrantRead(s.Analyst, jsii.String(r.Prefix+"*"))
		applies = append(applies, "Resource::arn:<AWS::Partition>:s3:::"+r.Bucket+"/"+r.Prefix+"*", "Resource::arn:aws:s3:::"+r.Bucket+"/"+r.Prefix+"*")
	}
	cdknag.NagSuppressions_AddResourceSuppressions(s.Analyst, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("The analyst reads the objects under each configured prefix of another region's bucket (lakehouse.otherRegions), " +
			"whose names the writers choose; Athena reads those unregistered locations with the analyst's IAM permissions."),
		AppliesTo: &applies,
	}}, jsii.Bool(true))
	s.OtherRegions = gluecatalog.New(s.Stack, "OtherRegions", &gluecatalog.Props{
		ExistingDatabase: s.Database,
		Targets:          targets,
		SingleTable:      jsii.Bool(false),
		Schedule:         jsii.String("cron(0 4 * * ? *)"),
	})
	g := s.Governance
	gr := lakeformation.NewGrant(s.Stack, "OtherRegionsCrawlerCreate", &lakeformation.GrantProps{
		Principal: *s.OtherRegions.Role.RoleArn(), Resource: lakeformation.Database{Name: cfg.Database},
		Permissions: []lakeformation.Permission{lakeformation.CreateTable}, DependsOn: dependables(s.Database), Settings: g.Settings,
	})
	s.OtherRegions.Crawler.Node().AddDependency(gr.Resource)
}
