package sftpingest

import (
	"slices"
	"strings"
)

// DefaultSecurityPolicy is the server's security policy unless
// Props.SecurityPolicyName says otherwise: the policy AWS attaches by
// default through the console, API and CLI. CloudFormation's default is
// still TransferSecurityPolicy-2018-11, so the construct always sets it.
const DefaultSecurityPolicy = "TransferSecurityPolicy-2024-01"

// CurrentSecurityPolicies are the Transfer Family server security policies
// the construct accepts: no SHA-1 (ssh-rsa signatures, hmac-sha1,
// diffie-hellman-group14-sha1), no non-ETM MACs, not deprecated.
// TransferSecurityPolicy-2025-03 and -FIPS-2025-03 add the hybrid
// post-quantum key exchanges (mlkem768x25519-sha256, ...).
var CurrentSecurityPolicies = []string{
	"TransferSecurityPolicy-2024-01",
	"TransferSecurityPolicy-2025-03",
	"TransferSecurityPolicy-FIPS-2024-05",
	"TransferSecurityPolicy-FIPS-2025-03",
	"TransferSecurityPolicy-SshAuditCompliant-2025-02",
	"TransferSecurityPolicy-2023-05",
	"TransferSecurityPolicy-AS2Restricted-2025-07",
}

// outdatedSecurityPolicies are real Transfer Family policies the construct
// refuses, with the reason.
var outdatedSecurityPolicies = map[string]string{
	"TransferSecurityPolicy-2018-11":                          "CloudFormation's default, from 2018: allows SHA-1 (hmac-sha1, diffie-hellman-group14-sha1, ssh-rsa signatures) and umac MACs",
	"TransferSecurityPolicy-Restricted-2018-11":               "the 2018 policy without chacha20-poly1305: still SHA-1 MACs and key exchange",
	"TransferSecurityPolicy-2020-06":                          "allows ssh-rsa (SHA-1) signatures, umac and non-ETM MACs",
	"TransferSecurityPolicy-Restricted-2020-06":               "the 2020 policy without chacha20-poly1305: still ssh-rsa signatures and non-ETM MACs",
	"TransferSecurityPolicy-2022-03":                          "superseded: allows non-ETM hmac-sha2-256 and hmac-sha2-512 MACs",
	"TransferSecurityPolicy-FIPS-2020-06":                     "superseded: allows ssh-rsa (SHA-1) signatures and non-ETM MACs; use TransferSecurityPolicy-FIPS-2024-05 or -FIPS-2025-03",
	"TransferSecurityPolicy-FIPS-2023-05":                     "allows ssh-rsa (SHA-1) signatures; use TransferSecurityPolicy-FIPS-2024-05 or -FIPS-2025-03",
	"TransferSecurityPolicy-FIPS-2024-01":                     "identical to TransferSecurityPolicy-FIPS-2024-05 except that it allows ssh-rsa (SHA-1) signatures",
	"TransferSecurityPolicy-PQ-SSH-Experimental-2023-04":      "deprecated experimental post-quantum policy; use TransferSecurityPolicy-2025-03",
	"TransferSecurityPolicy-PQ-SSH-FIPS-Experimental-2023-04": "deprecated experimental post-quantum policy; use TransferSecurityPolicy-FIPS-2025-03",
}

// checkSecurityPolicy returns what is wrong with name, or "".
func checkSecurityPolicy(name string) string {
	current := "one of the current Transfer Family security policies: " + strings.Join(CurrentSecurityPolicies, ", ")
	switch {
	case slices.Contains(CurrentSecurityPolicies, name):
		return ""
	case outdatedSecurityPolicies[name] != "":
		return "an outdated security policy (" + outdatedSecurityPolicies[name] + "); " + current
	case strings.Contains(name, "TLS-1-") || strings.HasPrefix(name, "Policy-Min-TLS") || strings.HasPrefix(name, "ELBSecurityPolicy"):
		return "not a Transfer Family security policy (the name resembles an ELB or OpenSearch TLS policy; SFTP is SSH, not TLS); " + current
	default:
		return "not a Transfer Family security policy this construct knows; " + current
	}
}
