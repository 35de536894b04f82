// Command emrcerts is the onEvent function of constructs/emrcerts: a
// CloudFormation custom resource (through the CDK provider framework) that
// generates the PEM bundle an EMR security configuration reads for
// in-transit encryption (SEC-04) and writes it into S3.
//
// EMR's PEM certificate provider reads one zip object holding
// privateKey.pem (PKCS#8), certificateChain.pem and trustedCertificates.pem.
// The notes' recipe is a by-hand `openssl req -x509 ... -nodes` and a zip;
// this function does the same at deployment, so the private key never
// touches a laptop, the repository or cdk.out: it exists only in the
// function's memory and in the encrypted bucket, readable by the cluster's
// instance role alone.
//
// The certificate is self-signed, RSA 2048 with SHA-256, valid for
// VALIDITY days, for the wildcard of the VPC's internal DNS domain:
// *.ec2.internal in us-east-1, *.<region>.compute.internal elsewhere (EMR
// checks node host names against it), or the domain the resource names.
//
// Requests:
//   - Create writes the bundle and answers PhysicalResourceId s3://bucket/key
//     with Data S3Url, NotAfter (RFC 3339) and Serial.
//   - Update writes a new bundle (a new key pair): changing Rotation in the
//     construct rotates the certificate. A new location gets a new physical
//     id, so CloudFormation then deletes the old one.
//   - Delete removes every version of the object, so no copy of the private
//     key outlives the resource in a versioned bucket.
package main
