package security_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func endpointpolicyContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

// endpointpolicyDoc is the PolicyDocument of the endpoint at path.
func endpointpolicyDoc(t *testing.T, st *testkit.Stack, path string) string {
	t.Helper()
	_, ep := st.ByPath(t, "AWS::EC2::VPCEndpoint", path)
	return testkit.JSON(testkit.Props(ep)["PolicyDocument"])
}

func TestEndpointpolicyDefaults(t *testing.T) {
	st := endpointpolicyConfigs().Stack(t, endpointpolicyPlainStack)
	// Two perimeters in one VPC: 3 + 2 endpoints, one security group each,
	// plus the L1 endpoint.
	st.Count(t, "AWS::EC2::VPCEndpoint", 6)
	st.Count(t, "AWS::EC2::SecurityGroup", 2)
	own := `"Condition":{"StringEquals":{"aws:PrincipalAccount":{"Ref":"AWS::AccountId"},"aws:ResourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"AWS":"*"},"Resource":"*","Sid":"AllowOwnPrincipalsToOwnResources"}`
	for path, prefix := range map[string]string{
		"Lake/S3/Resource": "s3", "Lake/DynamoDB/Resource": "dynamodb", "Lake/Kms/Resource": "kms",
		"Ops/Sts/Resource": "sts", "Ops/SecretsManager/Resource": "secretsmanager",
	} {
		doc := endpointpolicyDoc(t, st, endpointpolicyPlainStack+"/"+path)
		if want := `{"Statement":[{"Action":"` + prefix + `:*",` + own + `],"Version":"2012-10-17"}`; doc != want {
			t.Errorf("%s policy\n got %s\nwant %s", path, doc, want)
		}
	}
	// Gateway endpoints are routes; interface endpoints private DNS, the
	// perimeter's security group, HTTPS from the VPC's CIDR only.
	_, s3 := st.ByPath(t, "AWS::EC2::VPCEndpoint", endpointpolicyPlainStack+"/Lake/S3/Resource")
	endpointpolicyContains(t, "S3 endpoint", testkit.JSON(s3), `"VpcEndpointType":"Gateway"`, `"RouteTableIds":[`, `".s3"]]}`)
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", endpointpolicyPlainStack+"/Lake/SecurityGroup/Resource")
	_, kms := st.ByPath(t, "AWS::EC2::VPCEndpoint", endpointpolicyPlainStack+"/Lake/Kms/Resource")
	endpointpolicyContains(t, "KMS endpoint", testkit.JSON(kms), `"PrivateDnsEnabled":true`, `"SecurityGroupIds":[{"Fn::GetAtt":["`+sgID+`","GroupId"]}]`, `"VpcEndpointType":"Interface"`)
	sgJSON := testkit.JSON(testkit.Props(sg))
	endpointpolicyContains(t, "security group", sgJSON,
		`"SecurityGroupIngress":[{"CidrIp":{"Fn::GetAtt":["Vpc8378EB38","CidrBlock"]},"Description":"HTTPS from the VPC CIDR","FromPort":443,"IpProtocol":"tcp","ToPort":443}]`,
		`"Description":"Disallow all traffic"`)
	if endpointpolicyBuilt.plainLake.SecurityGroup == nil || endpointpolicyBuilt.plainLake.GatewayEndpoints[endpointpolicy.S3] == nil || len(endpointpolicyBuilt.plainLake.InterfaceEndpoints) != 1 {
		t.Errorf("exposed endpoints: %+v", endpointpolicyBuilt.plainLake)
	}

	// The L1 endpoint: PolicyDocument set, two resource accounts.
	doc := endpointpolicyDoc(t, st, endpointpolicyPlainStack+"/LegacyGlue")
	endpointpolicyContains(t, "L1 policy", doc, `"Action":"glue:*"`, `"aws:ResourceAccount":[{"Ref":"AWS::AccountId"},"111122223333"]`)
	if endpointpolicyBuilt.legacy.SecurityGroup != nil {
		t.Errorf("a security group without created interface endpoints")
	}
}

func TestEndpointpolicyLake(t *testing.T) {
	st := endpointpolicyConfigs().Stack(t, endpointpolicyLakeStack)
	// datavpc's two gateway endpoints and its Kinesis endpoint are
	// restricted, five interface endpoints added.
	st.Count(t, "AWS::EC2::VPCEndpoint", 8)
	if n := len(endpointpolicyBuilt.lake.InterfaceEndpoints); n != 6 {
		t.Errorf("%d interface endpoints exposed, want 6", n)
	}
	org := `"Condition":{"StringEquals":{"aws:PrincipalOrgID":"` + endpointpolicyOrgID + `","aws:ResourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"AWS":"*"}`
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", endpointpolicyLakeStack+"/Raw/Bucket/Resource")
	tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", endpointpolicyLakeStack+"/Vault/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", endpointpolicyLakeStack+"/TableKey/Resource")

	s3 := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/Net/Vpc/S3/Resource")
	endpointpolicyContains(t, "S3 policy", s3,
		`{"Action":"s3:*",`+org+`,"Resource":[{"Fn::GetAtt":["`+bucketID+`","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["`+bucketID+`","Arn"]},"/*"]]}],"Sid":"AllowOwnPrincipalsToListedBuckets"}`,
		`{"Action":"s3:GetObject","Effect":"Allow","Principal":{"AWS":"*"},"Resource":[{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::al2023-repos-",{"Ref":"AWS::Region"},"-de612dc2/*"]]},`,
		`":s3:::prod-",{"Ref":"AWS::Region"},"-starport-layer-bucket/*"]]}],"Sid":"AllowReadsOfAwsOwnedBuckets"}`)
	ddb := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/Net/Vpc/DynamoDB/Resource")
	endpointpolicyContains(t, "DynamoDB policy", ddb,
		`{"Action":["dynamodb:GetItem","dynamodb:PutItem"],`+org+`,"Resource":[{"Fn::GetAtt":["`+tableID+`","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["`+tableID+`","Arn"]},"/index/*"]]},{"Fn::Join":["",[{"Fn::GetAtt":["`+tableID+`","Arn"]},"/stream/*"]]}],"Sid":"AllowOwnPrincipalsToListedTables"}`)
	kms := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/Endpoints/Kms/Resource")
	if want := `{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],` + org + `,"Resource":{"Fn::GetAtt":["` + keyID + `","Arn"]},"Sid":"AllowOwnPrincipalsToListedKeys"}],"Version":"2012-10-17"}`; kms != want {
		t.Errorf("KMS policy\n got %s\nwant %s", kms, want)
	}
	// The notes' CloudFormation examples, with the perimeter kept: listed
	// actions, and CreateStack denied to everyone.
	cfn := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/Endpoints/CloudFormation/Resource")
	endpointpolicyContains(t, "CloudFormation policy", cfn,
		`{"Action":["cloudformation:DescribeStackEvents","cloudformation:DescribeStacks","cloudformation:ListStacks"],`+org,
		`{"Action":"cloudformation:CreateStack","Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"DenyListedActions"}`)
	// The caller's STS statement follows the construct's.
	sts := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/Endpoints/Sts/Resource")
	endpointpolicyContains(t, "STS policy", sts, `"Sid":"AllowOwnPrincipalsToOwnResources"},{"Action":"sts:AssumeRole"`, `"Sid":"AllowAssumeRoleOfTheOrganization"`)
	for _, path := range []string{"Net/Vpc/KinesisStreamsEndpoint", "Endpoints/Glue", "Endpoints/SecretsManager"} {
		svc := path
		doc := endpointpolicyDoc(t, st, endpointpolicyLakeStack+"/"+path+"/Resource")
		endpointpolicyContains(t, svc+" policy", doc, `:*",`+org+`,"Resource":"*"`)
	}
	if n := len(endpointpolicyBuilt.lake.Statements[endpointpolicy.S3]); n != 2 {
		t.Errorf("S3 statements = %d", n)
	}
}

// TestEndpointpolicyOnlyAwsOwnedReadsAreUnconditional runs the check over
// every synthesized endpoint policy: the one Allow to any principal without
// a condition is the documented read of AWS-owned buckets.
func TestEndpointpolicyOnlyAwsOwnedReadsAreUnconditional(t *testing.T) {
	refused := 0
	for _, name := range []string{endpointpolicyLakeStack, endpointpolicyPlainStack} {
		st := endpointpolicyConfigs().Stack(t, name)
		for id, ep := range st.Resources("AWS::EC2::VPCEndpoint") {
			raw, _ := json.Marshal(testkit.Props(ep)["PolicyDocument"])
			if err := endpointpolicy.CheckPolicyJSON(name, id, raw); err != nil {
				refused++
				if !strings.Contains(err.Error(), `(Sid AllowReadsOfAwsOwnedBuckets) = Allow s3:GetObject on `) || strings.Count(err.Error(), "\n  - ") != 1 {
					t.Errorf("%v", err)
				}
			}
		}
	}
	if refused != 1 {
		t.Errorf("%d policies with an unconditional Allow, want 1 (the AWS-owned buckets of the S3 endpoint)", refused)
	}
}

func TestEndpointpolicyAwsOwnedBucketNames(t *testing.T) {
	got := strings.Join(endpointpolicy.AwsOwnedBucketNames(endpointpolicy.AmazonLinuxRepos, "eu-west-1"), " ")
	if got != "al2023-repos-eu-west-1-de612dc2 amazonlinux.eu-west-1.amazonaws.com amazonlinux-2-repos-eu-west-1" {
		t.Errorf("names = %s", got)
	}
}
