package security_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestKeystoreDefaults(t *testing.T) {
	st := keystoreConfigs().Stack(t, keystoreDefaultsStack)
	_, key := st.ByPath(t, "AWS::KMS::Key", keystoreDefaultsStack+"/Key/Key/Resource")
	k := testkit.JSON(key)
	fieldencryptionContains(t, "key", k, `"EnableKeyRotation":true`, `"RotationPeriodInDays":365`, `"DeletionPolicy":"Retain"`,
		`"Sid":"DenyGrantsNotForAwsServices"`, keystoreDefaultsStack+`/Key"`)
	if strings.Contains(k, "MultiRegion") {
		t.Errorf("a multi-Region key by default: %s", k)
	}
	st.Count(t, "AWS::KMS::Key", 2)
	st.Count(t, "AWS::KMS::Alias", 0)
}

func TestKeystoreSeparatesAdminsFromUsers(t *testing.T) {
	st := keystoreConfigs().Stack(t, keystoreOptionsStack)
	_, key := st.ByPath(t, "AWS::KMS::Key", keystoreOptionsStack+"/Lake/Key/Resource")
	adminID, _ := st.ByPath(t, "AWS::IAM::Role", keystoreOptionsStack+"/KeyAdmin/Resource")
	k := testkit.JSON(key)
	fieldencryptionContains(t, "key", k, `"MultiRegion":true`, `"RotationPeriodInDays":180`, `"Description":"Encrypts the raw zone"`)
	// The administrators' statement in the key policy manages but never
	// uses the key; the users' grant is an IAM statement that uses but
	// never manages it.
	doc := testkit.Props(key)["KeyPolicy"].(map[string]any)
	var adminStmt string
	for _, s := range doc["Statement"].([]any) {
		if j := testkit.JSON(s); strings.Contains(j, `"Fn::GetAtt":["`+adminID+`","Arn"]`) {
			adminStmt += j
		}
	}
	fieldencryptionContains(t, "admin statement", adminStmt, `"Sid":"KeyAdministrators"`, `"kms:ScheduleKeyDeletion"`, `"kms:DisableKey"`, `"kms:PutKeyPolicy"`)
	_, writerPolicy := st.ByPath(t, "AWS::IAM::Policy", keystoreOptionsStack+"/Writer/DefaultPolicy/Resource")
	writerStmt := testkit.JSON(writerPolicy)
	for _, use := range []string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncrypt", "kms:CreateGrant", "kms:*"} {
		if strings.Contains(adminStmt, `"`+use) {
			t.Errorf("the administrator may %s: %s", use, adminStmt)
		}
	}
	fieldencryptionContains(t, "user statement", writerStmt, `"kms:Decrypt"`, `"kms:Encrypt"`, `"kms:GenerateDataKey"`)
	if strings.Contains(writerStmt, "ScheduleKeyDeletion") || strings.Contains(writerStmt, "kms:Put") || strings.Contains(writerStmt, `*"`) {
		t.Errorf("the user may manage the key or has a wildcard action: %s", writerStmt)
	}
	for id := range st.Resources("AWS::IAM::Policy") {
		if strings.HasPrefix(id, "KeyAdmin") {
			t.Errorf("the administrator role got an IAM policy %s: its rights are in the key policy only", id)
		}
	}
	_, alias := st.ByPath(t, "AWS::KMS::Alias", keystoreOptionsStack+"/Lake/Alias/Resource")
	fieldencryptionContains(t, "alias", testkit.JSON(alias), `"AliasName":"alias/lake/raw"`, `"DeletionPolicy":"Retain"`)

	// The CloudHSM key store key is only granted (IAM) and aliased.
	st.Count(t, "AWS::KMS::Key", 1)
	_, hsmAlias := st.ByPath(t, "AWS::KMS::Alias", keystoreOptionsStack+"/Hsm/Alias/Resource")
	fieldencryptionContains(t, "hsm alias", testkit.JSON(hsmAlias), `"TargetKeyId":"`+keystoreHsmKeyArn+`"`)
	_, readerPolicy := st.ByPath(t, "AWS::IAM::Policy", keystoreOptionsStack+"/Reader/DefaultPolicy/Resource")
	fieldencryptionContains(t, "reader policy", testkit.JSON(readerPolicy), `"kms:Decrypt"`, `"Resource":"`+keystoreHsmKeyArn+`"`)
}

func TestKeystoreTermination(t *testing.T) {
	st := keystoreConfigs().Stack(t, keystoreTLSStack)
	_, https := st.ByPath(t, "AWS::ElasticLoadBalancingV2::Listener", keystoreTLSStack+"/Https/Listener/Resource")
	fieldencryptionContains(t, "https listener", testkit.JSON(https),
		`"Protocol":"HTTPS"`, `"Port":443`, `"SslPolicy":"ELBSecurityPolicy-TLS13-1-2-2021-06"`,
		`"Certificates":[{"CertificateArn":"`+keystoreCertArn+`"}]`, `"StatusCode":"404"`)
	_, tls := st.ByPath(t, "AWS::ElasticLoadBalancingV2::Listener", keystoreTLSStack+"/Tls/Listener/Resource")
	fieldencryptionContains(t, "tls listener", testkit.JSON(tls),
		`"Protocol":"TLS"`, `"Port":8443`, `"SslPolicy":"ELBSecurityPolicy-TLS13-1-3-2021-06"`, `"Certificates":[{"CertificateArn":"`+keystoreCertArn+`"}]`)
	if keystoreBuilt.alb.ApplicationListener == nil || keystoreBuilt.nlb.NetworkListener == nil || keystoreBuilt.alb.NetworkListener != nil {
		t.Error("listeners not exposed as their types")
	}
	// No ingress from anywhere was added for the listener.
	for _, sg := range st.Resources("AWS::EC2::SecurityGroup") {
		if strings.Contains(testkit.JSON(sg), `"CidrIp":"0.0.0.0/0","Description":"Allow from anyone`) {
			t.Errorf("the listener opened the load balancer to the world: %s", testkit.JSON(sg))
		}
	}
}
