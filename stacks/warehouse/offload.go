package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// ETL-22: the SparkCompute stack offloads a transform from this warehouse
// to Spark (spark/jobs/redshift_offload.py) and loads the result back.
// This stack owns what the warehouse side needs: the database user and the
// target table, the staging prefix Redshift UNLOADs to and COPYs from
// (expired after two days), and the Redshift API endpoint the JDBC driver
// gets its temporary credentials from (IAM sign-in, no password).
const (
	// OffloadUser is the job's database user: SELECT on LakeOrdersTable,
	// SELECT, INSERT and DELETE on OffloadTable. It signs in with temporary
	// credentials (redshift:GetClusterCredentials); its password, in a
	// secret, is never used.
	OffloadUser = "spark_offload"
	// OffloadTable holds the spend per customer and day the job computes
	// from LakeOrdersTable.
	OffloadTable = Schema + ".customer_daily_totals"
	// OffloadPrefix of the staging bucket is the connector's tempdir.
	OffloadPrefix = "offload/"
)

// Offload is what the SparkCompute stack needs of this stack to run the
// offload job (nil on a serverless warehouse: its IAM sign-in maps a role
// to a database user named after it, which this stack's SQL does not
// create).
type Offload struct {
	Warehouse *dw.Warehouse
	// Bucket and Prefix are the connector's tempdir (SSE-KMS with Key).
	Bucket awss3.IBucket
	Prefix string
	// EndpointSecurityGroup guards the VPC's interface endpoints: the
	// job's workers need HTTPS to it.
	EndpointSecurityGroup awsec2.ISecurityGroup
	// User, Source and Target of the job.
	User, Source, Target string
}

// offloadSQL creates the target table (the job's output columns, in order:
// the connector's COPY maps them by position) and the user's grants.
func offloadSQL() []string {
	return []string{
		"CREATE TABLE IF NOT EXISTS " + OffloadTable + " (customer_id VARCHAR(64), order_date DATE, amount DECIMAL(14,2), order_count BIGINT) DISTKEY (customer_id) SORTKEY (order_date)",
		"GRANT USAGE ON SCHEMA " + Schema + " TO " + OffloadUser,
		"GRANT SELECT ON " + LakeOrdersTable + " TO " + OffloadUser,
		"GRANT SELECT, INSERT, DELETE ON " + OffloadTable + " TO " + OffloadUser,
	}
}

// offload adds the Redshift API endpoint (HTTPS from the VPC's endpoint
// security group's members) and describes the offload for SparkCompute.
func (s *Stack) offload(endpoints awsec2.ISecurityGroup) {
	if s.Warehouse.Type != dw.Provisioned {
		return
	}
	s.Warehouse.Vpc.AddInterfaceEndpoint(jsii.String("Redshift"), &awsec2.InterfaceVpcEndpointOptions{
		Service:           awsec2.InterfaceVpcEndpointAwsService_REDSHIFT(),
		PrivateDnsEnabled: jsii.Bool(true),
		SecurityGroups:    &[]awsec2.ISecurityGroup{endpoints},
		Subnets:           &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		Open:              jsii.Bool(false),
	})
	s.Offload = &Offload{
		Warehouse: s.Warehouse, Bucket: s.Staging.Bucket, Prefix: OffloadPrefix, EndpointSecurityGroup: endpoints,
		User: OffloadUser, Source: LakeOrdersTable, Target: OffloadTable,
	}
}
