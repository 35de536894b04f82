// Package fieldencryption encrypts chosen form fields at the CloudFront edge
// with an RSA public key, so that the origin and everything behind it only
// ever see ciphertext for them (catalogue SEC-11,
// cloudfront-field-level-encryption).
//
// Scenario: a sign-up or payment form posts a card number or a national id
// through CloudFront to an ingestion API. The ingestion tier, its queues,
// logs and the data lake must never hold those fields in clear; only one
// authorised service (the one holding the private key) may decrypt them.
//
//	browser ── HTTPS POST /ingest/*  (application/x-www-form-urlencoded, TLS ≥ 1.2_2021, SNI, ACM cert in us-east-1)
//	   │                               (optional WAFv2 web ACL, optional country allow-list)
//	   ▼
//	CloudFront distribution ── behaviour IngestPath: all methods, no cache, FieldLevelEncryptionId ─┐
//	   │   default behaviour: GET/HEAD only (POST elsewhere is refused), optional origin failover   │
//	   │   access logs ─▶ S3 (SSE-KMS, ACLs for the log delivery, expire after 1 year)             │
//	   ▼                                                                                            ▼
//	origin (HTTPS only, TLS 1.2): card_number=AYADe…(RSA-OAEP envelope)   FLE profile: public key + provider id + patterns
//	   │                                                                   FLE config: x-www-form-urlencoded → profile
//	   ▼
//	authorised decrypting service (private key, AWS Encryption SDK with the provider id)
//
// New creates: an AWS::CloudFront::PublicKey from the PEM given (checked at
// synthesis to be an RSA 2048 SubjectPublicKeyInfo public key, the only key
// CloudFront field-level encryption takes); the field-level encryption
// profile and configuration through a custom resource
// (functions/fieldencryption, a Go function calling the CloudFront API, with
// the construct's provider framework); a distribution whose IngestPath
// behaviour carries the configuration's id; a rotating, retained KMS key for
// the function logs and the log bucket; and a securebucket for the access
// logs.
//
// Why a custom resource: the catalogue's IaC line names
// AWS::CloudFront::FieldLevelEncryptionProfile and
// AWS::CloudFront::FieldLevelEncryptionConfig, which this project's
// toolchain does not have: CDK 2.270 (go.mod) has no L1 for them and its
// synthesis-time CloudFormation validation (cfn-lint 1.51 schemas) rejects
// them as unknown types (F3006). CloudFormation added both types recently
// (CDK 2.275, October 2026, lists CfnFieldLevelEncryptionProfile and
// CfnFieldLevelEncryptionConfig); when the project moves to that version,
// the custom resource can be replaced by them (a replacement of the
// resource: the distribution switches to the new configuration in one
// deployment). The function creates, reads (every delete needs the ETag of
// a GET just before) and deletes; a change of key, provider id or patterns
// creates a new profile and configuration and CloudFormation deletes the old
// pair after the distribution has switched.
//
// What the notes got wrong (the catalogue's Caution): field-level
// encryption covers only HTTPS POST bodies of type
// application/x-www-form-urlencoded, at most 10 field patterns per profile,
// and it is RSA 2048 only. The notes' figure shows JSON fields encrypted at
// the edge: CloudFront cannot do that. ContentTypes rejects anything else
// with that reason, and ForwardUnknownContentType is false by default, so a
// client that switches to JSON gets an error instead of sending the fields
// in clear. For JSON bodies the design is, in order of preference:
// encrypt in the client (the browser or app encrypts the field with the
// same public key, e.g. with WebCrypto RSA-OAEP or the AWS Encryption SDK,
// before the request leaves it); or a Lambda@Edge origin-request function
// in us-east-1 that parses the JSON body (include-body, at most 1 MB) and
// replaces the sensitive values with ciphertext under a KMS key or the
// public key; or encrypt in the first application tier (the origin) before
// anything is logged or queued. None of these is built here.
//
// Keys: the private key never enters CloudFormation, the cloud assembly or
// this construct; a private key given as PublicKeyPem fails synthesis.
// Generate the pair offline (`openssl genrsa -out private.pem 2048; openssl
// rsa -pubout -in private.pem -out public.pem`), keep private.pem in the
// decrypting service's secret store (Secrets Manager with a customer
// managed key whose policy names only that service's role), and decrypt
// only there, with the ProviderId given here. Rotation: the public key's
// construct id carries a hash of the PEM, so a new PEM is a new
// AWS::CloudFront::PublicKey, and with it a new profile and configuration,
// in one deployment; CloudFormation deletes the old configuration, profile
// and key afterwards, in that order. Keep the old private key until the
// data encrypted with it is no longer needed.
//
// Defaults: viewers need TLS 1.2 (TLSv1.2_2021) with SNI and the ACM
// certificate given (the *.cloudfront.net certificate would allow TLS 1.0);
// origins are reached over HTTPS only with TLS 1.2; no caching; the default
// behaviour allows only GET and HEAD; access logs are on; the function and
// provider logs are encrypted and kept one year.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): a missing, unreadable, non-PEM, private, PKCS#1, ECDSA or
// non-2048-bit key; no, more than 10, malformed or overlapping field
// patterns; content types other than application/x-www-form-urlencoded; no
// origin, two origins, an http:// origin or a host with a path; a missing
// certificate, one outside us-east-1 or not from ACM; no or malformed
// domain names; a viewer policy older than TLSv1.2_2021; a WAF Classic or
// regional web ACL; malformed country codes; a log expiration with an
// existing log bucket; an infinite log retention.
//
// Not covered: Lambda@Edge for JSON (above); decryption (application code);
// DNS records for DomainNames; CloudFront standard logging v2 (CloudWatch
// vended logs must be configured in us-east-1).
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the function's policy (the
// six CloudFront calls act on ids that exist only after creation, resource
// *); AwsSolutions-IAM5 on the provider framework's policy (invokes the
// function's versions); AwsSolutions-CFR1 and AwsSolutions-CFR2 on the
// distribution only when AllowedCountries or WebAclArn are not given (both
// are options: who may submit is a business decision, and a CloudFront web
// ACL is usually an organisation-wide Firewall Manager policy in
// us-east-1). Control Tower: CT.CLOUDFRONT.PR.4 (origin failover) holds
// only with FailoverOriginDomainName — the POST behaviour cannot use an
// origin group, CloudFront fails over only GET, HEAD and OPTIONS; the
// function and provider framework are covered by the project's exemptions
// for CT.LAMBDA.PR.3 (Function/Resource, Provider/framework-onEvent).
package fieldencryption
