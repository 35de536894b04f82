// Command fieldencryption is the onEvent handler of a CDK custom resource
// Provider that declares a CloudFront field-level encryption profile and
// the configuration that uses it (catalogue SEC-11): CloudFormation (as the
// CDK 2.270 schemas this module validates against know it) has
// AWS::CloudFront::PublicKey but no resource for the profile or the
// configuration, so this function calls the CloudFront API.
//
// ResourceProperties (strings, as CloudFormation passes them):
//
//	NamePrefix      base of the profile's name (letters, digits, '-', '_'; the construct derives it from its path)
//	PublicKeyId     the id of the AWS::CloudFront::PublicKey (RSA 2048) that encrypts the fields
//	ProviderId      the name the decrypting application gives its private key (1 to 128 characters)
//	FieldPatterns   JSON array of 1 to 10 field-name patterns ("card_number", "ssn*"), case-sensitive, not overlapping
//	ForwardUnknownContentType  "true" forwards bodies of other content types unencrypted; "false" (default) rejects them
//
// The configuration has one content-type profile,
// application/x-www-form-urlencoded (format URLEncoded): the only content
// type CloudFront field-level encryption handles.
//
// Create makes the profile, named NamePrefix-<hash of the properties>, then
// the configuration; if the configuration fails, the new profile is deleted
// again. The PhysicalResourceId is the configuration's id; Data holds
// ConfigId and ProfileId. Update with different encryption settings creates
// a new profile and configuration (a new PhysicalResourceId), so that the
// distribution switches over in one deployment and CloudFormation deletes
// the old pair afterwards; an update that changes nothing CloudFront keeps
// returns the same id. Delete reads the configuration (GET, for its ETag and
// its profiles), deletes it with If-Match, then reads and deletes each of
// its profiles the same way; an id CloudFront does not know counts as
// deleted (the rollback of a failed Create).
//
// Requests are signed with SigV4 for the service "cloudfront" in us-east-1
// (cn-northwest-1 in the China partition) with the function's credentials;
// throttling and 5xx answers are retried with backoff. The CloudFront REST
// API speaks XML, encoded here with encoding/xml (no CloudFront SDK module
// is a dependency of this project).
package main
