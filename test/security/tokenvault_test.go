package security_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func tokenvaultContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

func tokenvaultLacks(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s has %s: %s", what, w, got)
		}
	}
}

func TestTokenvaultDefaults(t *testing.T) {
	st := tokenvaultConfigs().Stack(t, tokenvaultDefaultsStack)
	path := tokenvaultDefaultsStack + "/Vault/"
	keyID, key := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	storageID, storage := st.ByPath(t, "AWS::KMS::Key", path+"StorageKey/Resource")
	tableID, table := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")
	tokRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"Tokenize/Role/Resource")
	detRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"Detokenize/Role/Resource")

	// Data retained, keys rotating.
	for name, r := range map[string]map[string]any{"key": key, "storage key": storage, "table": table} {
		if r["DeletionPolicy"] != "Retain" {
			t.Errorf("%s DeletionPolicy = %v", name, r["DeletionPolicy"])
		}
	}
	tokenvaultContains(t, "key", testkit.JSON(key), `"EnableKeyRotation":true`)
	tokenvaultContains(t, "table", testkit.JSON(testkit.Props(table)),
		`"AttributeDefinitions":[{"AttributeName":"token","AttributeType":"S"}]`,
		`"BillingMode":"PAY_PER_REQUEST"`, `"DeletionProtectionEnabled":true`,
		`"KeySchema":[{"AttributeName":"token","KeyType":"HASH"}]`,
		`"PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}`,
		`"SSESpecification":{"KMSMasterKeyId":{"Fn::GetAtt":["`+storageID+`","Arn"]},"SSEEnabled":true,"SSEType":"KMS"}`)
	tokenvaultLacks(t, "table", testkit.JSON(testkit.Props(table)), "TableName")

	// The envelope key's policy: only the tokenize role generates data
	// keys, only the detokenize role decrypts, nobody re-encrypts.
	tokenvaultContains(t, "key policy", testkit.JSON(key),
		`{"Action":["kms:Encrypt","kms:GenerateDataKey*"],"Condition":{"ArnNotEquals":{"aws:PrincipalArn":{"Fn::GetAtt":["`+tokRoleID+`","Arn"]}}},"Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"DenyDataKeysButTokenize"}`,
		`{"Action":"kms:Decrypt","Condition":{"ArnNotEquals":{"aws:PrincipalArn":{"Fn::GetAtt":["`+detRoleID+`","Arn"]}}},"Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"DenyDecryptButDetokenize"}`,
		`{"Action":"kms:ReEncrypt*","Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"DenyReEncrypt"}`,
		`"Sid":"DenyGrantsNotForAwsServices"`)

	// The roles: tokenize puts and generates, detokenize reads and
	// decrypts, both with the vault's encryption context.
	ctx := `"Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["tokenvault:table"]},"StringEquals":{"kms:EncryptionContext:tokenvault:table":{"Ref":"` + tableID + `"}}},"Effect":"Allow","Resource":{"Fn::GetAtt":["` + keyID + `","Arn"]},"Sid":"EnvelopeKey"}`
	_, tokPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Tokenize/Role/DefaultPolicy/Resource")
	_, detPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Detokenize/Role/DefaultPolicy/Resource")
	tp, dp := testkit.JSON(tokPolicy), testkit.JSON(detPolicy)
	tokenvaultContains(t, "tokenize policy", tp, `{"Action":"kms:GenerateDataKey",`+ctx,
		`{"Action":"dynamodb:PutItem","Effect":"Allow","Resource":{"Fn::GetAtt":["`+tableID+`","Arn"]}}`,
		`"Sid":"TableKeyThroughDynamoDB"`)
	tokenvaultContains(t, "detokenize policy", dp, `{"Action":"kms:Decrypt",`+ctx,
		`{"Action":["dynamodb:BatchGetItem","dynamodb:GetItem"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+tableID+`","Arn"]}}`)
	tokenvaultLacks(t, "tokenize policy", tp, `"kms:Decrypt",`+ctx, "dynamodb:GetItem", "dynamodb:BatchGetItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "secretsmanager")
	tokenvaultLacks(t, "detokenize policy", dp, "GenerateDataKey", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")

	// Two functions of one binary, arm64, one year of encrypted logs, no
	// VPC, no secret.
	for _, fn := range []string{"Tokenize", "Detokenize"} {
		_, f := st.ByPath(t, "AWS::Lambda::Function", path+fn+"/Function/Resource")
		_, logs := st.ByPath(t, "AWS::Logs::LogGroup", path+fn+"/Logs/Resource")
		fp := testkit.JSON(testkit.Props(f))
		tokenvaultContains(t, fn, fp, `"Architectures":["arm64"]`, `"Runtime":"provided.al2023"`, `"MemorySize":256`, `"Timeout":30`,
			`"MODE":"`+strings.ToLower(fn)+`"`, `"TABLE_NAME":{"Ref":"`+tableID+`"}`, `"KEY_ARN":{"Fn::GetAtt":["`+keyID+`","Arn"]}`,
			`"DATA_KEY_MAX_AGE_SECONDS":"300"`, `"DATA_KEY_MAX_USES":"1000"`)
		tokenvaultLacks(t, fn, fp, "VpcConfig", "HMAC_SECRET_ARN", "ReservedConcurrentExecutions")
		tokenvaultContains(t, fn+" logs", testkit.JSON(testkit.Props(logs)), `"RetentionInDays":365`, `"KmsKeyId":{"Fn::GetAtt":["`+storageID+`","Arn"]}`)
	}
	if tokenvaultBuilt.defaults.HMACSecret != nil || tokenvaultBuilt.defaults.SecurityGroup != nil || tokenvaultBuilt.defaults.KMSEndpoint != nil {
		t.Errorf("secret or network without Deterministic or Vpc")
	}
}

func TestTokenvaultTwoInstancesInOneStack(t *testing.T) {
	st := tokenvaultConfigs().Stack(t, tokenvaultDefaultsStack)
	st.Count(t, "AWS::DynamoDB::Table", 2)
	st.Count(t, "AWS::Lambda::Function", 4)
	st.Count(t, "AWS::KMS::Key", 4)
	st.ByPath(t, "AWS::DynamoDB::Table", tokenvaultDefaultsStack+"/Second/Table/Resource")
	for _, f := range st.Resources("AWS::Lambda::Function") {
		tokenvaultLacks(t, "function", testkit.JSON(f), "FunctionName")
	}
}

func TestTokenvaultGrantsAreSeparate(t *testing.T) {
	st := tokenvaultConfigs().Stack(t, tokenvaultDefaultsStack)
	path := tokenvaultDefaultsStack + "/Vault/"
	tokFn, _ := st.ByPath(t, "AWS::Lambda::Function", path+"Tokenize/Function/Resource")
	detFn, _ := st.ByPath(t, "AWS::Lambda::Function", path+"Detokenize/Function/Resource")
	_, app := st.ByPath(t, "AWS::IAM::Policy", tokenvaultDefaultsStack+"/App/DefaultPolicy/Resource")
	_, analyst := st.ByPath(t, "AWS::IAM::Policy", tokenvaultDefaultsStack+"/Analyst/DefaultPolicy/Resource")
	// The function's ARN only: no "<arn>:*" (versions and aliases).
	if got := testkit.JSON(testkit.Props(app)["PolicyDocument"]); got != `{"Statement":[{"Action":"lambda:InvokeFunction","Effect":"Allow","Resource":{"Fn::GetAtt":["`+tokFn+`","Arn"]}}],"Version":"2012-10-17"}` {
		t.Errorf("tokenize grant = %s", got)
	}
	if got := testkit.JSON(testkit.Props(analyst)["PolicyDocument"]); got != `{"Statement":[{"Action":"lambda:InvokeFunction","Effect":"Allow","Resource":{"Fn::GetAtt":["`+detFn+`","Arn"]}}],"Version":"2012-10-17"}` {
		t.Errorf("detokenize grant = %s", got)
	}
}

func TestTokenvaultVpcWithEndpoints(t *testing.T) {
	st := tokenvaultConfigs().Stack(t, tokenvaultVpcStack)
	path := tokenvaultVpcStack + "/Vault/"
	v := tokenvaultBuilt.vpc
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	esgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"EndpointSecurityGroup/Resource")
	tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	secretID, secret := st.ByPath(t, "AWS::SecretsManager::Secret", path+"HmacKey/Resource")
	storageID, _ := st.ByPath(t, "AWS::KMS::Key", tokenvaultVpcStack+"/StorageKey/Resource")
	if v.StorageKey != tokenvaultBuilt.storageKey {
		t.Errorf("StorageKey is not the given key")
	}
	st.Count(t, "AWS::KMS::Key", 2) // the given storage key and the envelope key

	// HTTPS out only.
	if got := testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"]); got != `[{"CidrIp":"0.0.0.0/0","Description":"HTTPS to DynamoDB, KMS and Secrets Manager","FromPort":443,"IpProtocol":"tcp","ToPort":443}]` {
		t.Errorf("egress = %s", got)
	}
	if _, ok := testkit.Props(sg)["SecurityGroupIngress"]; ok {
		t.Errorf("the functions' group accepts connections")
	}
	tokenvaultContains(t, "endpoint ingress", testkit.JSON(st.Resources("AWS::EC2::SecurityGroupIngress")),
		`"FromPort":443,"GroupId":{"Fn::GetAtt":["`+esgID+`","GroupId"]},"IpProtocol":"tcp","SourceSecurityGroupId":{"Fn::GetAtt":["`+sgID+`","GroupId"]},"ToPort":443`)

	// Functions in the "Vault" subnets, deterministic tokens, tuned.
	_, tok := st.ByPath(t, "AWS::Lambda::Function", path+"Tokenize/Function/Resource")
	_, det := st.ByPath(t, "AWS::Lambda::Function", path+"Detokenize/Function/Resource")
	vpcConfig := `"VpcConfig":{"SecurityGroupIds":[{"Fn::GetAtt":["` + sgID + `","GroupId"]}],"SubnetIds":[{"Ref":"VpcVaultSubnet1`
	tokenvaultContains(t, "tokenize", testkit.JSON(tok), vpcConfig, `"HMAC_SECRET_ARN":{"Ref":"`+secretID+`"}`,
		`"DATA_KEY_MAX_AGE_SECONDS":"60"`, `"DATA_KEY_MAX_USES":"100"`, `"MemorySize":512`, `"ReservedConcurrentExecutions":20`)
	tokenvaultContains(t, "detokenize", testkit.JSON(det), vpcConfig)
	tokenvaultLacks(t, "detokenize", testkit.JSON(det), "HMAC_SECRET_ARN", "OtherSubnet")
	for _, fn := range []string{"Tokenize", "Detokenize"} {
		_, logs := st.ByPath(t, "AWS::Logs::LogGroup", path+fn+"/Logs/Resource")
		tokenvaultContains(t, fn+" logs", testkit.JSON(logs), `"RetentionInDays":731`, `"KmsKeyId":{"Fn::GetAtt":["`+storageID+`","Arn"]}`)
	}

	// The secret: generated, the storage key, retained; only tokenize
	// reads it.
	tokenvaultContains(t, "secret", testkit.JSON(secret), `"DeletionPolicy":"Retain"`,
		`"GenerateSecretString":{"ExcludePunctuation":true,"PasswordLength":64}`, `"KmsKeyId":{"Fn::GetAtt":["`+storageID+`","Arn"]}`)
	_, tokPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Tokenize/Role/DefaultPolicy/Resource")
	_, detPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Detokenize/Role/DefaultPolicy/Resource")
	tokenvaultContains(t, "tokenize policy", testkit.JSON(tokPolicy), `{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":{"Ref":"`+secretID+`"}}`,
		`"ec2:CreateNetworkInterface"`)
	tokenvaultLacks(t, "detokenize policy", testkit.JSON(detPolicy), "secretsmanager")

	// Endpoints: policies name only the vault's table, key and secret.
	_, ddb := st.ByPath(t, "AWS::EC2::VPCEndpoint", path+"DynamoDBEndpoint/Resource")
	_, kms := st.ByPath(t, "AWS::EC2::VPCEndpoint", path+"Endpoint-kms/Resource")
	_, sm := st.ByPath(t, "AWS::EC2::VPCEndpoint", path+"Endpoint-secretsmanager/Resource")
	tokenvaultContains(t, "dynamodb endpoint", testkit.JSON(testkit.Props(ddb)), `"VpcEndpointType":"Gateway"`,
		`"PolicyDocument":{"Statement":[{"Action":["dynamodb:BatchGetItem","dynamodb:GetItem","dynamodb:PutItem"],"Effect":"Allow","Principal":{"AWS":"*"},"Resource":{"Fn::GetAtt":["`+tableID+`","Arn"]}}]`,
		`"RouteTableIds":[{"Ref":"VpcVaultSubnet1RouteTable`)
	tokenvaultLacks(t, "dynamodb endpoint", testkit.JSON(ddb), "OtherSubnet")
	tokenvaultContains(t, "kms endpoint", testkit.JSON(testkit.Props(kms)), `"PrivateDnsEnabled":true`,
		`"PolicyDocument":{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Principal":{"AWS":"*"},"Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]}}]`,
		`"SecurityGroupIds":[{"Fn::GetAtt":["`+esgID+`","GroupId"]}]`)
	tokenvaultContains(t, "secretsmanager endpoint", testkit.JSON(testkit.Props(sm)),
		`"PolicyDocument":{"Statement":[{"Action":"secretsmanager:GetSecretValue","Effect":"Allow","Principal":{"AWS":"*"},"Resource":{"Ref":"`+secretID+`"}}]`)
	if v.DynamoDBEndpoint == nil || v.KMSEndpoint == nil || v.SecretsManagerEndpoint == nil || v.EndpointSecurityGroup == nil {
		t.Errorf("endpoints not exposed")
	}
}

func TestTokenvaultVpcWithItsOwnEndpoints(t *testing.T) {
	st := tokenvaultDataVpcConfigs().Stack(t, tokenvaultDataVpcStack)
	path := tokenvaultDataVpcStack + "/Vault/"
	_, tok := st.ByPath(t, "AWS::Lambda::Function", path+"Tokenize/Function/Resource")
	tokenvaultContains(t, "tokenize", testkit.JSON(tok), `"VpcConfig":`, `"SubnetIds":[{"Ref":"NetworkVpcPrivateSubnet1`)
	// Only datavpc's endpoints (S3, DynamoDB, KMS): none of the vault's.
	st.Count(t, "AWS::EC2::VPCEndpoint", 3)

	// The caller's table and envelope key: no table created, the roles
	// name the given table, the key policy is left alone.
	st.Count(t, "AWS::DynamoDB::Table", 0)
	keyID, key := st.ByPath(t, "AWS::KMS::Key", tokenvaultDataVpcStack+"/EnvelopeKey/Resource")
	tokenvaultLacks(t, "given key", testkit.JSON(key), "DenyDataKeysButTokenize", "DenyDecryptButDetokenize", "DenyReEncrypt")
	_, tokPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Tokenize/Role/DefaultPolicy/Resource")
	tokenvaultContains(t, "tokenize policy", testkit.JSON(tokPolicy), `:table/orders-vault"`,
		`"StringEquals":{"kms:EncryptionContext:tokenvault:table":"orders-vault"}},"Effect":"Allow","Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]}`)
	tokenvaultLacks(t, "tokenize policy", testkit.JSON(tokPolicy), "TableKeyThroughDynamoDB")
	if tokenvaultBuilt.dataVpc.StorageKey == nil {
		t.Errorf("no storage key for the logs")
	}
	if tokenvaultBuilt.dataVpc.KMSEndpoint != nil || tokenvaultBuilt.dataVpc.SecurityGroup == nil {
		t.Errorf("endpoints without Endpoints, or no security group in a VPC")
	}
}

func TestTokenvaultSandbox(t *testing.T) {
	st := tokenvaultSandboxConfigs().Stack(t, tokenvaultSandboxStack)
	path := tokenvaultSandboxStack + "/Vault/"
	for typ, p := range map[string]string{"AWS::DynamoDB::Table": "Table", "AWS::KMS::Key": "Key", "AWS::SecretsManager::Secret": "HmacKey"} {
		_, r := st.ByPath(t, typ, path+p+"/Resource")
		if r["DeletionPolicy"] != "Delete" {
			t.Errorf("sandbox %s DeletionPolicy = %v", p, r["DeletionPolicy"])
		}
	}
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")
	tokenvaultContains(t, "table", testkit.JSON(table), `"DeletionProtectionEnabled":false`)
}
