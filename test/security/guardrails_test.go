package security_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/guardrails"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// guardrailsPolicy is the policy at path: its properties and its statements
// by Sid.
func guardrailsPolicy(t *testing.T, path string) (map[string]any, map[string]map[string]any) {
	t.Helper()
	st := guardrailsConfigs().Stack(t, guardrailsStack)
	_, r := st.ByPath(t, "AWS::Organizations::Policy", guardrailsStack+"/"+path)
	p := testkit.Props(r)
	content, _ := p["Content"].(map[string]any)
	sids := map[string]map[string]any{}
	list, _ := content["Statement"].([]any)
	for _, s := range list {
		m := s.(map[string]any)
		sids[m["Sid"].(string)] = m
	}
	return p, sids
}

var guardrailsDefaultRoles = `["arn:*:iam::*:role/AWSControlTowerExecution","arn:*:iam::*:role/aws-controltower-ConfigRecorderRole","arn:*:iam::*:role/aws-controltower-ForwardSnsNotificationRole"]`

func TestGuardrailsRegionDeny(t *testing.T) {
	p, sids := guardrailsPolicy(t, "Sovereignty/RegionDeny")
	if p["Type"] != "SERVICE_CONTROL_POLICY" || testkit.JSON(p["TargetIds"]) != `["`+guardrailsOU+`","`+guardrailsAccount+`"]` {
		t.Errorf("policy = %s", testkit.JSON(p))
	}
	if len(sids) != 1 {
		t.Fatalf("statements = %v", sids)
	}
	s := sids["DenyOutsideAllowedRegions"]
	if s["Effect"] != "Deny" || s["Resource"] != "*" || testkit.JSON(s["NotAction"]) != testkit.JSON(guardrails.DefaultGlobalActions) {
		t.Errorf("statement = %s", testkit.JSON(s))
	}
	if got := testkit.JSON(s["Condition"]); got != `{"ArnNotLike":{"aws:PrincipalARN":`+guardrailsDefaultRoles+`},"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}` {
		t.Errorf("Condition = %s", got)
	}
	// The AWS example's global services are all there.
	for _, a := range []string{"iam:*", "organizations:*", "route53:*", "cloudfront:*", "sts:*", "support:*", "budgets:*"} {
		if !strings.Contains(testkit.JSON(s["NotAction"]), `"`+a+`"`) {
			t.Errorf("NotAction lacks %s", a)
		}
	}
}

func TestGuardrailsDataResidency(t *testing.T) {
	_, sids := guardrailsPolicy(t, "Sovereignty/DataResidency")
	vaults := `["arn:*:backup:eu-central-1:*:backup-vault:*","arn:*:backup:eu-west-1:*:backup-vault:*"]`
	exempt := `"ArnNotLike":{"aws:PrincipalARN":` + guardrailsDefaultRoles + `}`
	for sid, want := range map[string][]string{
		"DenyBackupCopyIntoOtherRegions":    {`"Action":"backup:CopyIntoBackupVault"`, `"NotResource":` + vaults, exempt},
		"DenyBackupCopyToOtherRegions":      {`"Action":"backup:CopyFromBackupVault"`, `"ForAnyValue:ArnNotLike":{"backup:CopyTargets":` + vaults + `}`},
		"DenyKeyReplicasInOtherRegions":     {`"Action":"kms:ReplicateKey"`, `"StringNotEquals":{"kms:ReplicaRegion":["eu-central-1","eu-west-1"]}`},
		"DenyMultiRegionKeysInOtherRegions": {`"Action":"kms:CreateKey"`, `"Bool":{"kms:MultiRegion":"true"}`, `"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}`},
		"DenySecretReplicasInOtherRegions":  {`"secretsmanager:ReplicateSecretToRegions"`, `"ForAnyValue:StringNotEquals":{"secretsmanager:AddReplicaRegions":["eu-central-1","eu-west-1"]}`},
		"DenyUncheckableReplication":        {`"s3:PutReplicationConfiguration"`, `"redshift:EnableSnapshotCopy"`, `"ecr:PutReplicationConfiguration"`, exempt},
	} {
		got := testkit.JSON(sids[sid])
		if sids[sid]["Effect"] != "Deny" || !strings.Contains(got, exempt) {
			t.Errorf("%s = %s", sid, got)
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s: %s", sid, w, got)
			}
		}
	}
	if len(sids) != 6 {
		t.Errorf("%d statements, want 6", len(sids))
	}
}

func TestGuardrailsProtect(t *testing.T) {
	_, sids := guardrailsPolicy(t, "Sovereignty/ProtectGuardrails")
	roles := sids["ProtectGuardrailRoles"]
	if testkit.JSON(roles["Resource"]) != guardrailsDefaultRoles || !strings.Contains(testkit.JSON(roles["Action"]), `"iam:UpdateAssumeRolePolicy"`) {
		t.Errorf("roles = %s", testkit.JSON(roles))
	}
	for _, sid := range []string{"ProtectCloudTrail", "ProtectConfig"} {
		if got := testkit.JSON(sids[sid]); !strings.Contains(got, guardrailsDefaultRoles) || sids[sid]["Effect"] != "Deny" {
			t.Errorf("%s = %s", sid, got)
		}
	}
	secretrotationContains(t, "cloudtrail", testkit.JSON(sids["ProtectCloudTrail"]), `"cloudtrail:StopLogging"`, `"cloudtrail:DeleteTrail"`)
	secretrotationContains(t, "config", testkit.JSON(sids["ProtectConfig"]), `"config:StopConfigurationRecorder"`, `"config:DeleteDeliveryChannel"`)
	// Leaving the organization sheds every SCP: denied to everyone.
	if got := testkit.JSON(sids["DenyLeavingTheOrganization"]); got != `{"Action":"organizations:LeaveOrganization","Effect":"Deny","Resource":"*","Sid":"DenyLeavingTheOrganization"}` {
		t.Errorf("leave = %s", got)
	}
}

// A second instance in the same stack: its own names, a break-glass role
// exempted everywhere, replication roles only where destinations cannot
// be checked, no protection policy.
func TestGuardrailsOptionsAndTwoInstances(t *testing.T) {
	st := guardrailsConfigs().Stack(t, guardrailsStack)
	st.Count(t, "AWS::Organizations::Policy", 5)
	names := map[string]bool{}
	for _, r := range st.Resources("AWS::Organizations::Policy") {
		n := testkit.Props(r)["Name"].(string)
		if names[n] || len(n) > 128 {
			t.Errorf("policy name %q repeated or too long", n)
		}
		names[n] = true
	}
	if len(guardrailsBuilt.options.Policies) != 2 || guardrailsBuilt.options.Policies["ProtectGuardrails"] != nil {
		t.Errorf("options policies = %v", guardrailsBuilt.options.Policies)
	}
	p, sids := guardrailsPolicy(t, "RootSovereignty/DataResidency")
	if testkit.JSON(p["TargetIds"]) != `["r-a1b2"]` {
		t.Errorf("TargetIds = %v", p["TargetIds"])
	}
	breakGlass := `"arn:*:iam::*:role/BreakGlass"`
	replication := `"arn:*:iam::*:role/cdk-*-cfn-exec-role-*"`
	secretrotationContains(t, "uncheckable replication", testkit.JSON(sids["DenyUncheckableReplication"]), breakGlass, replication)
	if got := testkit.JSON(sids["DenyBackupCopyIntoOtherRegions"]); !strings.Contains(got, breakGlass) || strings.Contains(got, replication) {
		t.Errorf("backup copy exemptions = %s", got)
	}
	_, deny := guardrailsPolicy(t, "RootSovereignty/RegionDeny")
	secretrotationContains(t, "region deny", testkit.JSON(deny["DenyOutsideAllowedRegions"]), breakGlass, `"aws:RequestedRegion":["eu-central-1"]`)
}

// Documents are what CloudFormation sends (compact JSON of Content), and
// their sizes are checked against the SCP limit.
func TestGuardrailsSizes(t *testing.T) {
	st := guardrailsConfigs().Stack(t, guardrailsStack)
	for kind, text := range guardrailsBuilt.defaults.Documents {
		_, r := st.ByPath(t, "AWS::Organizations::Policy", guardrailsStack+"/Sovereignty/"+kind)
		var fromTemplate any
		_ = json.Unmarshal([]byte(text), &fromTemplate)
		if testkit.JSON(testkit.Props(r)["Content"]) != testkit.JSON(fromTemplate) {
			t.Errorf("%s: template content differs from the measured document", kind)
		}
		if n := guardrailsBuilt.defaults.Sizes[kind]; n != len(text) || n > guardrails.MaxPolicyChars || n < 500 {
			t.Errorf("%s: size %d of %d characters", kind, n, len(text))
		}
	}
	if len(guardrailsBuilt.defaults.Documents) != 3 {
		t.Errorf("documents = %v", guardrailsBuilt.defaults.Documents)
	}
}
