package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestObjectredactionWriteTime(t *testing.T) {
	st := objectredactionConfigs().Stack(t, objectredactionStack)
	path := objectredactionStack + "/Redaction/"
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", objectredactionStack+"/Orders/Bucket/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", objectredactionStack+"/Orders/Key/Resource")
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", path+"WriteTime/Function/Resource")

	// Object Created under raw/ of this bucket only.
	_, rule := st.ByPath(t, "AWS::Events::Rule", path+"WriteTime/Rule/Resource")
	accesspointsContains(t, "rule", testkit.JSON(testkit.Props(rule)),
		`"EventPattern":{"detail":{"bucket":{"name":[{"Ref":"`+bucketID+`"}]},"object":{"key":[{"prefix":"raw/"}]}},"detail-type":["Object Created","Object Deleted"],"source":["aws.s3"]}`,
		`"Arn":{"Fn::GetAtt":["`+fnID+`","Arn"]}`)
	accesspointsContains(t, "function", testkit.JSON(testkit.Props(fn)),
		`"Environment":{"Variables":{"BUCKET":{"Ref":"`+bucketID+`"},"MAX_OBJECT_BYTES":"134217728","REDACTED_PREFIX":"redacted/","SOURCE_PREFIX":"raw/"}}`,
		`"MemorySize":1024`, `"Timeout":300`, `"Runtime":"provided.al2023"`, `"Architectures":["arm64"]`)

	// The function reads raw/, writes redacted/, uses the bucket's key.
	_, policy := st.ByPath(t, "AWS::IAM::Policy", path+"WriteTime/Role/DefaultPolicy/Resource")
	pol := testkit.JSON(policy)
	objects := func(prefix string) string {
		return `{"Fn::Join":["",[{"Fn::GetAtt":["` + bucketID + `","Arn"]},"/` + prefix + `*"]]}`
	}
	accesspointsContains(t, "function policy", pol,
		`{"Action":"s3:GetObject","Effect":"Allow","Resource":`+objects("raw/")+`}`,
		`{"Action":["s3:DeleteObject","s3:PutObject"],"Effect":"Allow","Resource":`+objects("redacted/")+`}`,
		`{"Action":"s3:ListBucket","Effect":"Allow","Resource":{"Fn::GetAtt":["`+bucketID+`","Arn"]}}`,
		`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]}}`)
	if strings.Count(pol, "s3:DeleteObject") != 1 || strings.Contains(pol, `"/*"`) {
		t.Errorf("function policy too wide: %s", pol)
	}

	// The e-commerce role reads raw/ through "Original", the analytics
	// role redacted/ through "Redacted"; both VPC-only; nothing else.
	ecID, _ := st.ByPath(t, "AWS::IAM::Role", objectredactionStack+"/ECommerce/Resource")
	anID, _ := st.ByPath(t, "AWS::IAM::Role", objectredactionStack+"/Analytics/Resource")
	_, orig := st.ByPath(t, "AWS::S3::AccessPoint", path+"AccessPoints/Original/Resource")
	_, red := st.ByPath(t, "AWS::S3::AccessPoint", path+"AccessPoints/Redacted/Resource")
	o, r := testkit.JSON(testkit.Props(orig)), testkit.JSON(testkit.Props(red))
	accesspointsContains(t, "original access point", o, `/object/raw/*"]]}`, `"Principal":{"AWS":{"Fn::GetAtt":["`+ecID+`","Arn"]}}`, `"VpcId":"`+accesspointsVpcID+`"`)
	accesspointsContains(t, "redacted access point", r, `/object/redacted/*"]]}`, `"Principal":{"AWS":{"Fn::GetAtt":["`+anID+`","Arn"]}}`, `"VpcId":"`+accesspointsVpcID+`"`)
	if strings.Contains(o, anID) || strings.Contains(r, ecID) || strings.Contains(r, "raw/") {
		t.Errorf("a reader reaches the other prefix:\n%s\n%s", o, r)
	}
	w := objectredactionBuilt.writeTime
	if w.ObjectLambdaAccessPoint != nil || w.AccessPoints.Point("Supporting") != nil || w.RedactedPrefix != "redacted/" {
		t.Errorf("write-time construct: %+v", w)
	}
	if w.FailureQueue == nil || w.AlarmTopic == nil || w.Rule == nil {
		t.Errorf("write-time resources not exposed")
	}
}

func TestObjectredactionObjectLambda(t *testing.T) {
	st := objectredactionConfigs().Stack(t, objectredactionStack)
	path := objectredactionStack + "/ReadTime/"
	st.Count(t, "AWS::S3ObjectLambda::AccessPoint", 1)
	b := objectredactionBuilt.both
	stack := awscdk.Stack_Of(b.ObjectLambdaAccessPoint)
	olName := *b.ObjectLambdaAccessPoint.Name()
	if !accesspointsNameRE.MatchString(olName) || len(olName) > 45 {
		t.Errorf("Object Lambda access point name %q", olName)
	}
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", path+"ObjectLambda/Function/Resource")
	accesspointsContains(t, "function", testkit.JSON(testkit.Props(fn)), `"Timeout":60`, `"MAX_OBJECT_BYTES":"67108864"`)
	supporting := b.AccessPoints.Point("Supporting")
	supID, sup := st.ByPath(t, "AWS::S3::AccessPoint", path+"AccessPoints/Supporting/Resource")

	_, olap := st.ByPath(t, "AWS::S3ObjectLambda::AccessPoint", path+"ObjectLambda/AccessPoint")
	want := `{"Name":"` + olName + `","ObjectLambdaConfiguration":{"CloudWatchMetricsEnabled":true,"SupportingAccessPoint":` + accesspointsArn(*supporting.Name) +
		`,"TransformationConfigurations":[{"Actions":["GetObject"],"ContentTransformation":{"AwsLambda":{"FunctionArn":{"Fn::GetAtt":["` + fnID + `","Arn"]}}}}]}}`
	if got := testkit.JSON(testkit.Props(olap)); got != want {
		t.Errorf("Object Lambda access point:\n got %s\nwant %s", got, want)
	}
	if got := testkit.JSON(olap["DependsOn"]); got != `["`+supID+`"]` {
		t.Errorf("DependsOn = %s", got)
	}
	olArn := `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3-object-lambda:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":accesspoint/` + olName + `"]]}`
	if got := testkit.JSON(stack.Resolve(b.ObjectLambdaAccessPointArn)); got != olArn {
		t.Errorf("ObjectLambdaAccessPointArn = %s", got)
	}

	// Only the analytics role may GetObject through it, and only through
	// S3 Object Lambda may it read the supporting access point.
	anID, _ := st.ByPath(t, "AWS::IAM::Role", objectredactionStack+"/Analytics/Resource")
	olapID, _ := st.ByPath(t, "AWS::S3ObjectLambda::AccessPoint", path+"ObjectLambda/AccessPoint")
	_, olPolicy := st.ByPath(t, "AWS::S3ObjectLambda::AccessPointPolicy", path+"ObjectLambda/Policy")
	if got := testkit.JSON(testkit.Props(olPolicy)); got != `{"ObjectLambdaAccessPoint":{"Ref":"`+olapID+`"},"PolicyDocument":{"Statement":[{"Action":"s3-object-lambda:GetObject","Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["`+anID+`","Arn"]}},"Resource":`+olArn+`,"Sid":"ReadRedacted"}],"Version":"2012-10-17"}}` {
		t.Errorf("Object Lambda access point policy = %s", got)
	}
	s := testkit.JSON(testkit.Props(sup))
	accesspointsContains(t, "supporting access point", s,
		`{"Action":["s3:GetObject","s3:GetObjectVersion"],"Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":["s3-object-lambda.amazonaws.com"]}},"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["`+anID+`","Arn"]}}`,
		`/object/events/*"]]}`)
	if strings.Contains(s, "VpcConfiguration") {
		t.Errorf("supporting access point is VPC-only; the function reads it from the Lambda service's network: %s", s)
	}

	// The function may answer (WriteGetObjectResponse has no resource
	// level); the analytics role may have S3 Object Lambda invoke it.
	_, role := st.ByPath(t, "AWS::IAM::Policy", path+"ObjectLambda/Role/DefaultPolicy/Resource")
	accesspointsContains(t, "function policy", testkit.JSON(role), `{"Action":"s3-object-lambda:WriteGetObjectResponse","Effect":"Allow","Resource":"*","Sid":"AnswerObjectLambdaRequests"}`)
	if strings.Contains(testkit.JSON(role), `"s3:`) {
		t.Errorf("the Object Lambda function has S3 permissions: %s", testkit.JSON(role))
	}
	_, reader := st.ByPath(t, "AWS::IAM::Policy", objectredactionStack+"/Analytics/DefaultPolicy/Resource")
	accesspointsContains(t, "analytics policy", testkit.JSON(reader),
		`{"Action":"lambda:InvokeFunction","Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":["s3-object-lambda.amazonaws.com"]}},"Effect":"Allow","Resource":{"Fn::GetAtt":["`+fnID+`","Arn"]}}`)

	// Both modes: the write-time copy too, without alarms.
	if b.Function == nil || b.AlarmTopic != nil || b.RedactedPrefix != "events-redacted/" {
		t.Errorf("write-time part of both modes: %+v", b)
	}
}

func TestObjectredactionImportedBucket(t *testing.T) {
	st := objectredactionConfigs().Stack(t, objectredactionImportedStack)
	st.Count(t, "AWS::S3::BucketPolicy", 0)
	st.Count(t, "AWS::S3::AccessPoint", 1) // Redacted only: no original readers
	_, policy := st.ByPath(t, "AWS::IAM::Policy", objectredactionImportedStack+"/Redaction/WriteTime/Role/DefaultPolicy/Resource")
	accesspointsContains(t, "function policy", testkit.JSON(policy),
		`{"Action":"s3:GetObject","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::`+accesspointsImportedName+`/raw/*"]]}}`,
		`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":"`+accesspointsImportedKey+`"}`)
	_, rule := st.ByPath(t, "AWS::Events::Rule", objectredactionImportedStack+"/Redaction/WriteTime/Rule/Resource")
	accesspointsContains(t, "rule", testkit.JSON(rule), `"bucket":{"name":["`+accesspointsImportedName+`"]}`)
	_, reader := st.ByPath(t, "AWS::IAM::Policy", objectredactionImportedStack+"/Reader/DefaultPolicy/Resource")
	accesspointsContains(t, "reader policy", testkit.JSON(reader), `{"Action":"kms:Decrypt","Effect":"Allow","Resource":"`+accesspointsImportedKey+`"}`)
}
