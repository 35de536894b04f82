package serving_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func sftpingestContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func sftpingestLacks(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s has %s:\n%s", what, w, got)
		}
	}
}

const sftpingestViaS3 = `"Condition":{"StringEquals":{"kms:ViaService":{"Fn::Join":["",["s3.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"}]]}}}`

// TestSftpingestDefaults: a VPC endpoint in the private subnets open to the
// VPC only, the current security policy set explicitly, structured logs
// to an encrypted, retained log group written by a role that can write
// nothing else, per-user roles and chrooted homes, and the workflow.
func TestSftpingestDefaults(t *testing.T) {
	st := sftpingestConfigs().Stack(t, sftpingestDefaultsStack)
	path := sftpingestDefaultsStack + "/Sftp/"
	st.Count(t, "AWS::Transfer::Server", 2)
	serverID, server := st.ByPath(t, "AWS::Transfer::Server", path+"Server")
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", path+"Logs/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	loggingID, _ := st.ByPath(t, "AWS::IAM::Role", path+"LoggingRole/Resource")
	workflowID, workflow := st.ByPath(t, "AWS::Transfer::Workflow", path+"Workflow")
	workflowRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"WorkflowRole/Resource")

	if got, want := testkit.JSON(testkit.Props(server)), `{"Domain":"S3",`+
		`"EndpointDetails":{"SecurityGroupIds":[{"Fn::GetAtt":["`+sgID+`","GroupId"]}],"SubnetIds":[{"Ref":"VpcPrivateSubnet1Subnet67A4DBCB"},{"Ref":"VpcPrivateSubnet2SubnetC8EB537D"}],"VpcId":{"Ref":"VpcC3027511"}},`+
		`"EndpointType":"VPC","IdentityProviderType":"SERVICE_MANAGED","LoggingRole":{"Fn::GetAtt":["`+loggingID+`","Arn"]},`+
		`"ProtocolDetails":{"SetStatOption":"ENABLE_NO_OP"},"Protocols":["SFTP"],"SecurityPolicyName":"TransferSecurityPolicy-2024-01",`+
		`"StructuredLogDestinations":[{"Fn::GetAtt":["`+logsID+`","Arn"]}],`+
		`"WorkflowDetails":{"OnUpload":[{"ExecutionRole":{"Fn::GetAtt":["`+workflowRoleID+`","Arn"]},"WorkflowId":{"Fn::GetAtt":["`+workflowID+`","WorkflowId"]}}]}}`; got != want {
		t.Errorf("server\n got %s\nwant %s", got, want)
	}

	// Port 22 from the VPC's CIDR only, nothing out.
	if got := testkit.JSON(testkit.Props(sg)["SecurityGroupIngress"]); got != `[{"CidrIp":{"Fn::GetAtt":["VpcC3027511","CidrBlock"]},"Description":"SFTP from the VPC","FromPort":22,"IpProtocol":"tcp","ToPort":22}]` {
		t.Errorf("ingress = %s", got)
	}
	sftpingestContains(t, "egress", testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"]), `"CidrIp":"255.255.255.255/32","Description":"Disallow all traffic"`)
	st.Count(t, "AWS::EC2::EIP", 1) // the VPC's NAT gateway only

	// Logs: one year, the construct's key, retained; the logging role
	// writes there and nowhere else.
	if logs["DeletionPolicy"] != "Retain" || testkit.JSON(testkit.Props(logs)) != `{"KmsKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]},"RetentionInDays":365}` {
		t.Errorf("log group = %s", testkit.JSON(logs))
	}
	_, loggingPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"LoggingRole/DefaultPolicy/Resource")
	if got := testkit.JSON(testkit.Props(loggingPolicy)["PolicyDocument"]); got != `{"Statement":[{"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+logsID+`","Arn"]}}],"Version":"2012-10-17"}` {
		t.Errorf("logging policy = %s", got)
	}
	_, loggingRole := st.ByPath(t, "AWS::IAM::Role", path+"LoggingRole/Resource")
	sftpingestContains(t, "logging role trust", testkit.JSON(loggingRole),
		`"Condition":{"ArnLike":{"aws:SourceArn":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":transfer:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":server/*"]]}},"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"transfer.amazonaws.com"}`)

	// Users: chrooted to /<bucket>/sftp/<name>, keys from the props, a
	// role per user limited to that prefix and the bucket key through S3.
	for name, keys := range map[string]string{"alice": `["` + sftpingestAliceKey + `"]`, "bob.partner@example": `["` + sftpingestBobKey + `","ssh-ed25519 `} {
		roleID, role := st.ByPath(t, "AWS::IAM::Role", path+"User-"+name+"/Role/Resource")
		_, user := st.ByPath(t, "AWS::Transfer::User", path+"User-"+name+"/Resource")
		sftpingestContains(t, "user "+name, testkit.JSON(testkit.Props(user)),
			`"HomeDirectoryMappings":[{"Entry":"/","Target":{"Fn::Join":["",["/",{"Ref":"LakeBucketB1D32E10"},"/sftp/`+name+`"]]}}],"HomeDirectoryType":"LOGICAL","Role":{"Fn::GetAtt":["`+roleID+`","Arn"]},"ServerId":{"Fn::GetAtt":["`+serverID+`","ServerId"]},"SshPublicKeys":`+keys,
			`"UserName":"`+name+`"`)
		sftpingestContains(t, "user role "+name, testkit.JSON(role), `":user/",{"Fn::GetAtt":["`+serverID+`","ServerId"]},"/*"]]}},"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}}`)
		_, policy := st.ByPath(t, "AWS::IAM::Policy", path+"User-"+name+"/Role/DefaultPolicy/Resource")
		if got, want := testkit.JSON(testkit.Props(policy)["PolicyDocument"]), `{"Statement":[`+
			`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["sftp/`+name+`/","sftp/`+name+`/*"]}},"Effect":"Allow","Resource":{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"Sid":"ListHome"},`+
			`{"Action":["s3:DeleteObject","s3:GetObject","s3:GetObjectVersion","s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"/sftp/`+name+`/*"]]},"Sid":"HomeObjects"},`+
			`{"Action":["kms:Decrypt","kms:GenerateDataKey"],`+sftpingestViaS3+`,"Effect":"Allow","Resource":{"Fn::GetAtt":["LakeKey7B6C155C","Arn"]},"Sid":"BucketKeyThroughS3"}],"Version":"2012-10-17"}`; got != want {
			t.Errorf("user %s policy\n got %s\nwant %s", name, got, want)
		}
	}

	// The workflow, in CloudFormation's PascalCase (the step details are
	// JSON that the CDK passes through).
	if got, want := testkit.JSON(testkit.Props(workflow)), `{"Description":"Copies SFTP uploads to the incoming prefix and tags them",`+
		`"OnExceptionSteps":[{"TagStepDetails":{"Name":"TagUploadFailed","SourceFileLocation":"${original.file}","Tags":[{"Key":"ingest","Value":"failed"}]},"Type":"TAG"}],`+
		`"Steps":[{"CopyStepDetails":{"DestinationFileLocation":{"S3FileLocation":{"Bucket":{"Ref":"LakeBucketB1D32E10"},"Key":"incoming/${transfer:UserName}/${transfer:UploadDate}/"}},"Name":"CopyToIncoming","OverwriteExisting":"TRUE","SourceFileLocation":"${original.file}"},"Type":"COPY"},`+
		`{"TagStepDetails":{"Name":"TagCopy","SourceFileLocation":"${previous.file}","Tags":[{"Key":"source","Value":"sftp"}]},"Type":"TAG"},`+
		`{"TagStepDetails":{"Name":"TagUploadCopied","SourceFileLocation":"${original.file}","Tags":[{"Key":"ingest","Value":"copied"}]},"Type":"TAG"}]}`; got != want {
		t.Errorf("workflow\n got %s\nwant %s", got, want)
	}
	_, wfPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"WorkflowRole/DefaultPolicy/Resource")
	if got, want := testkit.JSON(testkit.Props(wfPolicy)["PolicyDocument"]), `{"Statement":[`+
		`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["sftp/","sftp/*"]}},"Effect":"Allow","Resource":{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"Sid":"ListUploads"},`+
		`{"Action":["s3:GetObject","s3:GetObjectTagging","s3:GetObjectVersion","s3:GetObjectVersionTagging","s3:PutObjectTagging","s3:PutObjectVersionTagging"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"/sftp/*"]]},"Sid":"UploadsObjects"},`+
		`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["incoming/","incoming/*"]}},"Effect":"Allow","Resource":{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"Sid":"ListCopies"},`+
		`{"Action":["s3:GetObjectTagging","s3:GetObjectVersionTagging","s3:PutObject","s3:PutObjectTagging","s3:PutObjectVersionTagging"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["LakeBucketB1D32E10","Arn"]},"/incoming/*"]]},"Sid":"CopiesObjects"},`+
		`{"Action":["kms:Decrypt","kms:GenerateDataKey"],`+sftpingestViaS3+`,"Effect":"Allow","Resource":{"Fn::GetAtt":["LakeKey7B6C155C","Arn"]},"Sid":"BucketKeyThroughS3"}],"Version":"2012-10-17"}`; got != want {
		t.Errorf("workflow policy\n got %s\nwant %s", got, want)
	}

	// The second server in the same stack has its own everything and its
	// own prefixes; no physical names.
	_, second := st.ByPath(t, "AWS::Transfer::Server", sftpingestDefaultsStack+"/Second/Server")
	sftpingestContains(t, "second server", testkit.JSON(second), `"LoggingRole":{"Fn::GetAtt":["SecondLoggingRole`, `"StructuredLogDestinations":[{"Fn::GetAtt":["SecondLogs`)
	_, secondWf := st.ByPath(t, "AWS::Transfer::Workflow", sftpingestDefaultsStack+"/Second/Workflow")
	sftpingestContains(t, "second workflow", testkit.JSON(secondWf), `"Key":"partners/incoming/${transfer:UserName}/${transfer:UploadDate}/"`)
	st.Count(t, "AWS::Transfer::User", 2)
	sftpingestLacks(t, "template", testkit.JSON(st.Template), `"RoleName"`, `"ServerName"`, `TransferSecurityPolicy-2018-11`)

	b := sftpingestBuilt.defaults
	if b.Users["alice"] == nil || b.UserRoles["bob.partner@example"] == nil || b.AuthFunction != nil || b.ElasticIps != nil || b.LakePrefix != "sftp" || b.IncomingPrefix != "incoming" || b.BucketKey == nil {
		t.Errorf("exposed resources = %+v", b)
	}
}

// TestSftpingestLambda: the custom identity provider on an imported bucket.
func TestSftpingestLambda(t *testing.T) {
	st := sftpingestConfigs().Stack(t, sftpingestLambdaStack)
	path := sftpingestLambdaStack + "/Sftp/"
	serverID, server := st.ByPath(t, "AWS::Transfer::Server", path+"Server")
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Auth/Function/Resource")
	usersRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"LambdaUsersRole/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	sp := testkit.Props(server)
	if got := testkit.JSON(sp["IdentityProviderDetails"]); got != `{"Function":{"Fn::GetAtt":["`+fnID+`","Arn"]},"SftpAuthenticationMethods":"PUBLIC_KEY"}` {
		t.Errorf("IdentityProviderDetails = %s", got)
	}
	if sp["IdentityProviderType"] != "AWS_LAMBDA" || sp["SecurityPolicyName"] != "TransferSecurityPolicy-2025-03" || sp["WorkflowDetails"] != nil {
		t.Errorf("server = %s", testkit.JSON(sp))
	}
	st.Count(t, "AWS::Transfer::Workflow", 0)
	st.Count(t, "AWS::Transfer::User", 0)

	fp := testkit.Props(fn)
	if got := testkit.JSON(fp["Environment"]); got != `{"Variables":{"AUTHENTICATION_METHODS":"PUBLIC_KEY","BUCKET":"lake-raw","BUCKET_ARN":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::lake-raw"]]},"KEY_ARN":"`+sftpingestImportedKey+`","LAKE_PREFIX":"landing/sftp","ROLE_ARN":{"Fn::GetAtt":["`+usersRoleID+`","Arn"]},"SECRET_PREFIX":"sftp/partners"}}` {
		t.Errorf("environment = %s", got)
	}
	if fp["Runtime"] != "provided.al2023" || testkit.JSON(fp["Architectures"]) != `["arm64"]` || fp["MemorySize"] != 1024.0 || fp["Timeout"] != 10.0 {
		t.Errorf("function = %s", testkit.JSON(fp))
	}
	// Only this server may invoke it.
	_, perm := st.ByPath(t, "AWS::Lambda::Permission", path+"Auth/Function/InvokeByTransfer")
	if got := testkit.JSON(testkit.Props(perm)); got != `{"Action":"lambda:InvokeFunction","FunctionName":{"Fn::GetAtt":["`+fnID+`","Arn"]},"Principal":"transfer.amazonaws.com","SourceAccount":{"Ref":"AWS::AccountId"},"SourceArn":{"Fn::GetAtt":["`+serverID+`","Arn"]}}` {
		t.Errorf("permission = %s", got)
	}
	// The function reads the records under its prefix, decrypting them
	// with the construct's key through Secrets Manager.
	_, fnPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"Auth/Role/DefaultPolicy/Resource")
	sftpingestContains(t, "function policy", testkit.JSON(fnPolicy),
		`{"Action":"secretsmanager:GetSecretValue","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":secretsmanager:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":secret:sftp/partners/*"]]},"Sid":"ReadUserRecords"}`,
		`{"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:ViaService":{"Fn::Join":["",["secretsmanager.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"}]]}}},"Effect":"Allow","Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]},"Sid":"DecryptUserRecords"}`)
	// Its users' role: the lake prefix and the imported key through S3.
	_, usersPolicy := st.ByPath(t, "AWS::IAM::Policy", path+"LambdaUsersRole/DefaultPolicy/Resource")
	if got, want := testkit.JSON(testkit.Props(usersPolicy)["PolicyDocument"]), `{"Statement":[`+
		`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["landing/sftp/","landing/sftp/*"]}},"Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::lake-raw"]]},"Sid":"ListLake"},`+
		`{"Action":["s3:DeleteObject","s3:GetObject","s3:GetObjectVersion","s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::lake-raw/landing/sftp/*"]]},"Sid":"LakeObjects"},`+
		`{"Action":["kms:Decrypt","kms:GenerateDataKey"],`+sftpingestViaS3+`,"Effect":"Allow","Resource":"`+sftpingestImportedKey+`","Sid":"BucketKeyThroughS3"}],"Version":"2012-10-17"}`; got != want {
		t.Errorf("users policy\n got %s\nwant %s", got, want)
	}
	_, fnLogs := st.ByPath(t, "AWS::Logs::LogGroup", path+"Auth/Logs/Resource")
	if fnLogs["DeletionPolicy"] != "Retain" || testkit.JSON(testkit.Props(fnLogs)) != `{"KmsKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]},"RetentionInDays":365}` {
		t.Errorf("function logs = %s", testkit.JSON(fnLogs))
	}
	b := sftpingestBuilt.lambda
	if b.SecretPrefix != "sftp/partners" || b.AuthFunction == nil || b.AuthRole == nil || b.AuthLogGroup == nil || b.LambdaUsersRole == nil || b.Workflow != nil || len(b.Users) != 0 {
		t.Errorf("exposed resources = %+v", b)
	}
}

// TestSftpingestInternetFacing: opted in, the endpoint takes one Elastic
// IP per public subnet and admits only the partners' networks.
func TestSftpingestInternetFacing(t *testing.T) {
	st := sftpingestConfigs().Stack(t, sftpingestPublicStack)
	path := sftpingestPublicStack + "/Sftp/"
	eip1, _ := st.ByPath(t, "AWS::EC2::EIP", path+"ElasticIp1")
	eip2, _ := st.ByPath(t, "AWS::EC2::EIP", path+"ElasticIp2")
	_, server := st.ByPath(t, "AWS::Transfer::Server", path+"Server")
	sftpingestContains(t, "server", testkit.JSON(testkit.Props(server)),
		`"EndpointDetails":{"AddressAllocationIds":[{"Fn::GetAtt":["`+eip1+`","AllocationId"]},{"Fn::GetAtt":["`+eip2+`","AllocationId"]}],`,
		`"SubnetIds":[{"Ref":"VpcPublicSubnet1Subnet8E8DEDC0"},{"Ref":"VpcPublicSubnet2SubnetA811849C"}]`,
		`"SecurityPolicyName":"TransferSecurityPolicy-FIPS-2024-05"`)
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	if got := testkit.JSON(testkit.Props(sg)["SecurityGroupIngress"]); got != `[{"CidrIp":"`+sftpingestPartnerCidr+`","Description":"SFTP from `+sftpingestPartnerCidr+`","FromPort":22,"IpProtocol":"tcp","ToPort":22},{"CidrIpv6":"`+sftpingestPartnerCidr6+`","Description":"SFTP from `+sftpingestPartnerCidr6+`","FromPort":22,"IpProtocol":"tcp","ToPort":22}]` {
		t.Errorf("ingress = %s", got)
	}
	if n := len(sftpingestBuilt.internet.ElasticIps); n != 2 {
		t.Errorf("ElasticIps = %d", n)
	}
}

// TestSftpingestAnySource: the explicit opt-in opens port 22 to every
// address (with the nag suppression and the Control Tower findings the
// configuration declares); the default secret prefix is derived from the
// construct's address.
func TestSftpingestAnySource(t *testing.T) {
	st := sftpingestAnyConfigs().Stack(t, sftpingestAnyStack)
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", sftpingestAnyStack+"/Sftp/SecurityGroup/Resource")
	sftpingestContains(t, "security group", testkit.JSON(sg), `{"CidrIp":"0.0.0.0/0","Description":"SFTP from 0.0.0.0/0","FromPort":22,"IpProtocol":"tcp","ToPort":22}`,
		`{"CidrIpv6":"::/0","Description":"SFTP from ::/0","FromPort":22,"IpProtocol":"tcp","ToPort":22}`, `"id":"AwsSolutions-EC23"`)
	b := sftpingestBuilt.anySource
	if !strings.HasPrefix(b.SecretPrefix, "sftp/c8") || len(b.SecretPrefix) != len("sftp/")+42 {
		t.Errorf("SecretPrefix = %q", b.SecretPrefix)
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", sftpingestAnyStack+"/Sftp/Auth/Function/Resource")
	sftpingestContains(t, "function", testkit.JSON(fn), `"SECRET_PREFIX":"`+b.SecretPrefix+`"`, `"KEY_ARN":{"Fn::GetAtt":["LakeKey`)
	_, server := st.ByPath(t, "AWS::Transfer::Server", sftpingestAnyStack+"/Sftp/Server")
	sftpingestContains(t, "server", testkit.JSON(server), `"SftpAuthenticationMethods":"`+sftpingest.DefaultAuthenticationMethods+`"`)
}
