// Package emrcerts generates the TLS certificate bundle of an EMR security
// configuration's in-transit encryption (SEC-04), at deployment.
//
// Scenario: an EMR cluster encrypts traffic between its nodes (Spark RPC
// and shuffle, HDFS, Hive, Presto/Trino, ...) with TLS. EMR's PEM
// certificate provider reads a zip in S3 holding privateKey.pem,
// certificateChain.pem and trustedCertificates.pem. The notes make it by
// hand with openssl and upload it; then the private key has lived on a
// laptop, and often in a repository.
//
// Data flow: CloudFormation → custom resource (CDK provider framework) →
// functions/emrcerts (Go) generates an RSA 2048 key and a self-signed
// certificate for the region's internal host names (*.ec2.internal in
// us-east-1, *.<region>.compute.internal elsewhere) → PutObject into the
// given bucket (its default encryption applies: use a bucket with a
// customer managed key) → Bundle.S3Url() goes into the security
// configuration's TLSCertificateConfiguration.S3Object. Only the cluster's
// instance role may read it (Bundle.GrantRead).
//
// Why this design: the private key never exists outside the function's
// memory and the encrypted bucket, and it is not in the template, the
// cloud assembly or a CloudFormation output. Deleting the resource deletes
// every version of the object. Rotation: change Props.Rotation (any
// string) to make a new key pair. EMR reads the bundle when a node starts,
// so running clusters keep the old certificate. Replace long-running
// clusters before NotAfter (Bundle.NotAfter, default one year).
//
// A self-signed certificate is what EMR's documentation uses for the PEM
// provider; for a private CA (AWS Private CA, about US$400 a month), give
// the cluster your own zip instead of this construct.
//
// cdk-nag: AwsSolutions-IAM5 is suppressed on the provider framework's
// role (it invokes the function's versions, ARN :*). The function's own
// policy names the bundle's object ARN and no wildcard beyond it.
package emrcerts
