package emrcerts

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// DefaultValidityDays is how long a generated certificate is valid.
const DefaultValidityDays = 365

// Props configures a Bundle. Bucket is required.
type Props struct {
	// Bucket receives the bundle. Its default encryption applies (the
	// function sends no encryption header): use a bucket encrypted with a
	// customer managed key, and grant readers with Bundle.GrantRead.
	Bucket awss3.IBucket
	// ObjectKey of the zip.
	// @default "emr-tls/<unique id of the construct>.zip"
	ObjectKey string
	// DnsDomain is the certificate's name: a wildcard of the nodes' DNS
	// domain, such as "*.corp.example" when the VPC's DHCP options set
	// another domain.
	// @default the region's EC2 internal domain (*.ec2.internal in
	// us-east-1, *.<region>.compute.internal elsewhere)
	DnsDomain string
	// ValidityDays of the certificate, 1 to 3650.
	// @default DefaultValidityDays (365)
	ValidityDays float64
	// Rotation is any string; changing it generates a new key pair at the
	// next deployment.
	Rotation string
	// Key encrypts the function's log groups; its policy must allow
	// CloudWatch Logs.
	// @default a new customer managed key
	Key awskms.IKey
	// LogRetention of the function's log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
}
