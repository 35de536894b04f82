// Command sftpauth is the custom identity provider of an AWS Transfer Family
// SFTP server (constructs/sftpingest with IdentityProvider AWS_LAMBDA,
// catalogue ING-08).
//
// Transfer invokes it at every login with
//
//	{"username": "alice", "password": "...", "protocol": "SFTP",
//	 "serverId": "s-1234567890abcdef0", "sourceIp": "203.0.113.7"}
//
// ("password" is absent or empty for a public-key login). The function reads
// the user's record from the Secrets Manager secret SECRET_PREFIX/<username>,
// a JSON object:
//
//	{
//	  "passwordHash": "pbkdf2-sha256$600000$<salt>$<hash>",   // optional
//	  "publicKeys":   ["ssh-ed25519 AAAA... alice@laptop"],    // optional
//	  "allowedCidrs": ["203.0.113.0/24"],                      // optional: any source
//	  "role":         "arn:aws:iam::111122223333:role/...",    // optional: ROLE_ARN
//	  "homeDirectoryDetails": [{"Entry": "/", "Target": "/<bucket>/<lake prefix>/alice"}], // optional
//	  "disabled":     false
//	}
//
// and answers with Transfer's response: Role, HomeDirectoryType LOGICAL,
// HomeDirectoryDetails (a JSON string), PublicKeys (for a key login, and
// for a password login when the server asks for both: Transfer checks the
// client's key against them) and Policy, a session policy that narrows the
// role to the user's own prefixes (s3:ListBucket on them, object read,
// write and delete under them, and the bucket key through S3). An empty
// response ({}) denies the login; the function answers {} for an unknown
// user, a disabled one, a source address outside allowedCidrs, a wrong
// password, a password login of a user without passwordHash, a key login of
// a user without publicKeys, and a record that is not valid (logged as an
// error). Only a failure to reach Secrets Manager is returned as an error
// (Transfer denies the login then too).
//
// Passwords: the Go standard library has no bcrypt, scrypt or Argon2 (they
// live in golang.org/x/crypto, not a dependency of this module), but it has
// PBKDF2 (crypto/pbkdf2). A hash is "pbkdf2-sha256$<iterations>$<salt>$<key>"
// with the salt (at least 16 bytes) and the 32-byte key in unpadded standard
// base64, and at least 600,000 iterations (OWASP's figure for
// PBKDF2-HMAC-SHA256). Comparison is constant-time, and an unknown user's
// password is still put through PBKDF2 so that response times do not tell
// which user names exist. Make a hash with
//
//	go run ./functions/sftpauth hash < password.txt
//
// User names are checked against Transfer's pattern ([\w][\w@.-]{2,99},
// ASCII), so a name cannot reach another secret or another prefix. Targets
// of a record's homeDirectoryDetails must be under /BUCKET/LAKE_PREFIX/.
//
// Environment: SECRET_PREFIX, BUCKET, BUCKET_ARN, LAKE_PREFIX, ROLE_ARN
// (required), KEY_ARN (the bucket's KMS key; empty for a bucket without
// one), AUTHENTICATION_METHODS (the server's SftpAuthenticationMethods;
// empty means PUBLIC_KEY_OR_PASSWORD).
package main
