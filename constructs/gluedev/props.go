package gluedev

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// DefaultScratchPrefix is where sessions write by default.
const DefaultScratchPrefix = "dev/"

// Props configures the development loop.
type Props struct {
	// Bucket is the lake the sessions read. Required.
	Bucket awss3.IBucket
	// ReadPrefixes the sessions may read (e.g. "raw/orders/"). At least
	// one; each ends with "/" and does not start with one.
	ReadPrefixes []string
	// ScratchPrefix is the only place sessions write; it may not lie
	// inside a read prefix (a try-out must not change the data it reads).
	// @default DefaultScratchPrefix
	ScratchPrefix string
	// Databases of the Data Catalog the sessions may read.
	// @default none
	Databases []string
	// Developers may start and drive sessions as the session role.
	// @default none (GrantDevelop later)
	Developers []awsiam.IGrantable
	// EncryptionKey encrypts the sessions' logs and bookmarks through the
	// security configuration.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// Notebooks lets the session role drive its own sessions, as Glue
	// Studio notebooks need.
	// @default false
	Notebooks *bool
}
