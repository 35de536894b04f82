package guardrails

import "strings"

// document is an IAM policy document; statement one of its statements.
type (
	document  map[string]any
	statement map[string]any
)

func doc(statements ...statement) document {
	return document{"Version": "2012-10-17", "Statement": statements}
}

// roleArns are the ARN patterns of role names in every account. An
// organization lives in one partition, so "arn:*:" matches exactly the
// partition's ARNs, and the policy stays a constant whose size is known at
// synthesis.
func roleArns(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "arn:*:iam::*:role/" + n
	}
	return out
}

// exempt adds the principal exemption to a statement's conditions.
func exempt(s statement, roles []string) statement {
	cond, _ := s["Condition"].(map[string]any)
	if cond == nil {
		cond = map[string]any{}
	}
	cond["ArnNotLike"] = map[string]any{"aws:PrincipalARN": roleArns(roles)}
	s["Condition"] = cond
	return s
}

// regionDeny denies every action but the global ones outside the allowed
// Regions.
func regionDeny(p *Props, exempted []string) document {
	return doc(exempt(statement{
		"Sid":       "DenyOutsideAllowedRegions",
		"Effect":    "Deny",
		"NotAction": globalActions(p),
		"Resource":  "*",
		"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:RequestedRegion": p.AllowedRegions}},
	}, exempted))
}

func globalActions(p *Props) []string {
	if p.GlobalServiceActions != nil {
		return p.GlobalServiceActions
	}
	return DefaultGlobalActions
}

// vaultArns are the backup vaults of the allowed Regions, in any account.
func vaultArns(regions []string) []string {
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = "arn:*:backup:" + r + ":*:backup-vault:*"
	}
	return out
}

// dataResidency denies what copies data out of the allowed Regions from an
// allowed one, where the region deny does not see it (the request is made
// in an allowed Region, only its destination is elsewhere).
func dataResidency(p *Props, exempted []string) document {
	regions := p.AllowedRegions
	replicators := append(append([]string{}, exempted...), p.ReplicationRoles...)
	return doc(
		// The copy's destination vault is the action's resource.
		exempt(statement{
			"Sid": "DenyBackupCopyIntoOtherRegions", "Effect": "Deny",
			"Action": "backup:CopyIntoBackupVault", "NotResource": vaultArns(regions),
		}, exempted),
		// Checked on the source recovery point, by the copy's targets
		// (plans' copy actions and StartCopyJob alike).
		exempt(statement{
			"Sid": "DenyBackupCopyToOtherRegions", "Effect": "Deny",
			"Action": "backup:CopyFromBackupVault", "Resource": "*",
			"Condition": map[string]any{"ForAnyValue:ArnNotLike": map[string]any{"backup:CopyTargets": vaultArns(regions)}},
		}, exempted),
		exempt(statement{
			"Sid": "DenyKeyReplicasInOtherRegions", "Effect": "Deny",
			"Action": "kms:ReplicateKey", "Resource": "*",
			"Condition": map[string]any{"StringNotEquals": map[string]any{"kms:ReplicaRegion": regions}},
		}, exempted),
		// kms:* is a global action of the region deny (CloudFront needs
		// keys in us-east-1); multi-Region keys (a replica is created by
		// CreateKey in its Region) are not.
		exempt(statement{
			"Sid": "DenyMultiRegionKeysInOtherRegions", "Effect": "Deny",
			"Action": "kms:CreateKey", "Resource": "*",
			"Condition": map[string]any{
				"Bool":            map[string]any{"kms:MultiRegion": "true"},
				"StringNotEquals": map[string]any{"aws:RequestedRegion": regions},
			},
		}, exempted),
		exempt(statement{
			"Sid": "DenySecretReplicasInOtherRegions", "Effect": "Deny",
			"Action": []string{"secretsmanager:CreateSecret", "secretsmanager:ReplicateSecretToRegions"}, "Resource": "*",
			"Condition": map[string]any{"ForAnyValue:StringNotEquals": map[string]any{"secretsmanager:AddReplicaRegions": regions}},
		}, exempted),
		// No condition key names these destinations: only the
		// replication roles may set them up.
		exempt(statement{
			"Sid": "DenyUncheckableReplication", "Effect": "Deny",
			"Action":   []string{"s3:PutReplicationConfiguration", "redshift:EnableSnapshotCopy", "ecr:PutReplicationConfiguration"},
			"Resource": "*",
		}, replicators),
	)
}

// protect denies changes to the exempt roles, CloudTrail and AWS Config,
// and leaving the organization (which would shed every SCP).
func protect(exempted []string) document {
	return doc(
		exempt(statement{
			"Sid": "ProtectGuardrailRoles", "Effect": "Deny",
			"Action": []string{
				"iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy",
				"iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:TagRole",
				"iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
			},
			"Resource": roleArns(exempted),
		}, exempted),
		exempt(statement{
			"Sid": "ProtectCloudTrail", "Effect": "Deny",
			"Action":   []string{"cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail"},
			"Resource": "*",
		}, exempted),
		exempt(statement{
			"Sid": "ProtectConfig", "Effect": "Deny",
			"Action": []string{
				"config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel", "config:DeleteRetentionConfiguration",
				"config:PutConfigurationRecorder", "config:PutDeliveryChannel", "config:PutRetentionConfiguration",
				"config:StopConfigurationRecorder",
			},
			"Resource": "*",
		}, exempted),
		statement{"Sid": "DenyLeavingTheOrganization", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
	)
}

// exemptRoles are ExemptRoles (or the defaults) and BreakGlassRoles.
func exemptRoles(p *Props) []string {
	roles := p.ExemptRoles
	if roles == nil {
		roles = DefaultExemptRoles
	}
	return append(append([]string{}, roles...), p.BreakGlassRoles...)
}

func regionList(p *Props) string { return strings.Join(p.AllowedRegions, ", ") }
