package spark_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emreks"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestEmreksBase36(t *testing.T) {
	// The AWS CLI's emrcontainers Base36 gives the same for this name.
	if got := emreks.Base36("emr-job-role"); got != "31k61zpmb7mlsiqq1k5" {
		t.Errorf("Base36 = %s", got)
	}
}

func TestEmreksCreatedCluster(t *testing.T) {
	st := emreksConfigs().Stack(t, emreksCreatedStack)
	_, cl := st.ByPath(t, "AWS::EKS::Cluster", emreksCreatedStack+"/Spark/Cluster")
	cp := testkit.Props(cl)
	want := map[string]string{
		"Version":          `"` + emreks.DefaultKubernetesVersion + `"`,
		"AccessConfig":     `{"AuthenticationMode":"API_AND_CONFIG_MAP","BootstrapClusterCreatorAdminPermissions":false}`,
		"UpgradePolicy":    `{"SupportType":"STANDARD"}`,
		"Logging":          `{"ClusterLogging":{"EnabledTypes":[{"Type":"api"},{"Type":"audit"},{"Type":"authenticator"},{"Type":"controllerManager"},{"Type":"scheduler"}]}}`,
		"EncryptionConfig": "",
	}
	for k, v := range want {
		if got := testkit.JSON(cp[k]); v != "" && got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if vpc := testkit.JSON(cp["ResourcesVpcConfig"]); !strings.Contains(vpc, `"EndpointPrivateAccess":true`) || !strings.Contains(vpc, `"EndpointPublicAccess":false`) {
		t.Errorf("endpoint = %s", vpc)
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", emreksCreatedStack+"/Spark/Key/Resource")
	if enc := testkit.JSON(cp["EncryptionConfig"]); !strings.Contains(enc, keyID) || !strings.Contains(enc, `"secrets"`) {
		t.Errorf("encryption = %s", enc)
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", emreksCreatedStack+"/Spark/ControlPlaneLogs/Resource")
	if n := testkit.Props(lg)["LogGroupName"].(string); n != "/aws/eks/"+cp["Name"].(string)+"/cluster" {
		t.Errorf("control plane log group %s for cluster %s", n, cp["Name"])
	}

	// Fargate for the namespace and CoreDNS, the add-on on Fargate.
	_, fp := st.ByPath(t, "AWS::EKS::FargateProfile", emreksCreatedStack+"/Spark/Fargate")
	sel := testkit.JSON(testkit.Props(fp)["Selectors"])
	if !strings.Contains(sel, `{"Namespace":"etl"}`) || !strings.Contains(sel, `"Key":"k8s-app","Value":"kube-dns"`) {
		t.Errorf("selectors = %s", sel)
	}
	_, addon := st.ByPath(t, "AWS::EKS::Addon", emreksCreatedStack+"/Spark/CoreDns")
	if testkit.Props(addon)["ConfigurationValues"] != `{"computeType":"Fargate"}` {
		t.Errorf("coredns = %s", testkit.JSON(testkit.Props(addon)))
	}
	// The admin's access entry; no entry for EMR (EMR creates its own).
	_, ae := st.ByPath(t, "AWS::EKS::AccessEntry", emreksCreatedStack+"/Spark/AdminAccess")
	if s := testkit.JSON(testkit.Props(ae)); !strings.Contains(s, "AmazonEKSClusterAdminPolicy") || !strings.Contains(s, "platform-admin") {
		t.Errorf("admin entry = %s", s)
	}
	// One namespace function's entry per cluster, plus the admin's.
	st.Count(t, "AWS::EKS::AccessEntry", 3)

	// The namespace is created at deployment; the virtual cluster is held
	// back only where NamespaceReady is false.
	_, ns := st.ByPath(t, "Custom::EksNamespace", emreksCreatedStack+"/Spark/Namespace/Resource/Default")
	if s := testkit.JSON(testkit.Props(ns)); !strings.Contains(s, `"Namespace":"etl"`) {
		t.Errorf("namespace resource = %s", s)
	}
	st.Count(t, "AWS::EMRContainers::VirtualCluster", 1)
	if emreksBuilt.held.VirtualCluster != nil || emreksBuilt.held.NamespaceResource == nil {
		t.Errorf("held = %v %v", emreksBuilt.held.VirtualCluster, emreksBuilt.held.NamespaceResource)
	}
	// The job role's trust goes through CfnJson (the issuer is a token).
	_, role := st.ByPath(t, "AWS::IAM::Role", emreksCreatedStack+"/Spark/JobRole/Resource")
	if s := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"]); !strings.Contains(s, "sts:AssumeRoleWithWebIdentity") || !strings.Contains(s, "TrustCondition") {
		t.Errorf("trust = %s", s)
	}
}

// emreksDependsOn is a resource's DependsOn list.
func emreksDependsOn(r map[string]any) string { return testkit.JSON(r["DependsOn"]) }

func TestEmreksNamespaceAtDeployment(t *testing.T) {
	st := emreksConfigs().Stack(t, emreksCreatedStack)
	const base = emreksCreatedStack + "/Default/"
	clusterID, cluster := st.ByPath(t, "AWS::EKS::Cluster", base+"Cluster")
	nsID, ns := st.ByPath(t, "Custom::EksNamespace", base+"Namespace/Resource/Default")
	props := testkit.JSON(testkit.Props(ns))
	for _, s := range []string{
		`"ClusterName":{"Ref":"` + clusterID + `"}`,
		`"Endpoint":{"Fn::GetAtt":["` + clusterID + `","Endpoint"]}`,
		`"CertificateAuthority":{"Fn::GetAtt":["` + clusterID + `","CertificateAuthorityData"]}`,
		`"Namespace":"spark-jobs"`,
		`"Labels":{"app.kubernetes.io/managed-by":"` + emreks.ManagedByLabel + `"}`,
	} {
		if !strings.Contains(props, s) {
			t.Errorf("namespace resource lacks %s: %s", s, props)
		}
	}
	if ns["DeletionPolicy"] != "Delete" {
		t.Errorf("DeletionPolicy = %v", ns["DeletionPolicy"])
	}

	// The function runs in the cluster's subnets behind its own group.
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", base+"Namespace/Function/Resource")
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", base+"Namespace/SecurityGroup/Resource")
	vpcCfg := testkit.JSON(testkit.Props(fn)["VpcConfig"])
	if !strings.Contains(vpcCfg, sgID) || !strings.Contains(vpcCfg, "PrivateSubnet1") || !strings.Contains(vpcCfg, "PrivateSubnet2") {
		t.Errorf("VpcConfig = %s", vpcCfg)
	}
	clusterSG := `{"Fn::GetAtt":["` + clusterID + `","ClusterSecurityGroupId"]}`
	if eg := testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"]); !strings.Contains(eg, `"DestinationSecurityGroupId":`+clusterSG) || !strings.Contains(eg, `"FromPort":443`) || strings.Contains(eg, "0.0.0.0/0") {
		t.Errorf("egress = %s", eg)
	}
	ingID, ing := st.ByPath(t, "AWS::EC2::SecurityGroupIngress", base+"Namespace/ToControlPlane")
	if s := testkit.JSON(testkit.Props(ing)); !strings.Contains(s, `"GroupId":`+clusterSG) || !strings.Contains(s, `"SourceSecurityGroupId":{"Fn::GetAtt":["`+sgID+`","GroupId"]}`) || !strings.Contains(s, `"FromPort":443,`) || !strings.Contains(s, `"IpProtocol":"tcp",`) || !strings.Contains(s, `"ToPort":443}`) {
		t.Errorf("ingress = %s", s)
	}
	// Its role is cluster-admin through an access entry.
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", base+"Namespace/Role/Resource")
	aeID, ae := st.ByPath(t, "AWS::EKS::AccessEntry", base+"Namespace/Access")
	if s := testkit.JSON(testkit.Props(ae)); !strings.Contains(s, `"PrincipalArn":{"Fn::GetAtt":["`+roleID+`","Arn"]}`) || !strings.Contains(s, `cluster-access-policy/AmazonEKSClusterAdminPolicy`) || !strings.Contains(s, `"AccessScope":{"Type":"cluster"}`) {
		t.Errorf("access entry = %s", s)
	}
	for _, id := range []string{aeID, ingID, roleID} {
		if !strings.Contains(emreksDependsOn(ns), `"`+id+`"`) {
			t.Errorf("namespace resource does not depend on %s: %s", id, emreksDependsOn(ns))
		}
	}
	// The provider framework's function stays outside the VPC and only
	// invokes the namespace function.
	_, fw := st.ByPath(t, "AWS::Lambda::Function", base+"Namespace/Provider/framework-onEvent/Resource")
	if testkit.Props(fw)["VpcConfig"] != nil {
		t.Errorf("framework in a VPC: %s", testkit.JSON(testkit.Props(fw)["VpcConfig"]))
	}
	if s := testkit.JSON(testkit.Props(fw)); !strings.Contains(s, fnID) {
		t.Errorf("framework = %s", s)
	}

	// The virtual cluster follows the namespace in the same deployment.
	_, vc := st.ByPath(t, "AWS::EMRContainers::VirtualCluster", base+"VirtualCluster")
	if !strings.Contains(emreksDependsOn(vc), `"`+nsID+`"`) {
		t.Errorf("virtual cluster DependsOn = %s", emreksDependsOn(vc))
	}
	if s := testkit.JSON(testkit.Props(vc)["ContainerProvider"]); !strings.Contains(s, `"Namespace":"spark-jobs"`) || !strings.Contains(s, `"Id":"`+testkit.Props(cluster)["Name"].(string)+`"`) {
		t.Errorf("container provider = %s", s)
	}
	if emreksBuilt.defaults.VirtualClusterId == nil || emreksBuilt.defaults.NamespaceFunction == nil || emreksBuilt.defaults.NamespaceAccess == nil {
		t.Error("defaults: virtual cluster or namespace parts missing")
	}
}

func TestEmreksGivenCluster(t *testing.T) {
	st := emreksConfigs().Stack(t, emreksGivenStack)
	for _, typ := range []string{"AWS::EKS::Cluster", "AWS::EC2::VPC", "AWS::EKS::FargateProfile", "AWS::IAM::OIDCProvider", "Custom::EksNamespace", "AWS::Lambda::Function", "AWS::EKS::AccessEntry"} {
		st.Count(t, typ, 0)
	}
	vc := testkit.Props(st.Only(t, "AWS::EMRContainers::VirtualCluster"))
	if s := testkit.JSON(vc); !strings.Contains(s, `"Id":"analytics"`) || !strings.Contains(s, `"Namespace":"spark-jobs"`) || vc["Name"] != "analytics-spark" {
		t.Errorf("virtual cluster = %s", s)
	}
	_, role := st.ByPath(t, "AWS::IAM::Role", emreksGivenStack+"/Spark/JobRole/Resource")
	rp := testkit.Props(role)
	trust := testkit.JSON(rp["AssumeRolePolicyDocument"])
	for _, s := range []string{`"Federated":"` + emreksOidcArn + `"`, `"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B7:sub":{"Fn::Join":["",["system:serviceaccount:spark-jobs:emr-containers-sa-*-*-",{"Ref":"AWS::AccountId"},"-31k61zpmb7mlsiqq1k5"]]}`} {
		if !strings.Contains(trust, s) {
			t.Errorf("trust lacks %s: %s", s, trust)
		}
	}
	if rp["RoleName"] != "emr-job-role" {
		t.Errorf("RoleName = %v", rp["RoleName"])
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", emreksGivenStack+"/Spark/JobRole/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"/raw/*", "/curated/*", "database/lake_curated", "logs:PutLogEvents"} {
		if !strings.Contains(doc, s) {
			t.Errorf("job role lacks %s: %s", s, doc)
		}
	}
}

func TestEmreksRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *emreks.Props
		wants []string
	}{
		{"invalid namespace", func(awscdk.Stack) *emreks.Props { return &emreks.Props{Namespace: "Spark_Jobs"} },
			[]string{"emreks Bad/Eks: invalid props", `Namespace = "Spark_Jobs": a Kubernetes namespace name`}},
		{"system namespace", func(awscdk.Stack) *emreks.Props { return &emreks.Props{Namespace: "kube-system"} },
			[]string{"Namespace = kube-system: a namespace of its own"}},
		{"given and created cluster", func(awscdk.Stack) *emreks.Props {
			return &emreks.Props{ClusterName: "analytics", OidcProviderArn: emreksOidcArn, Cluster: &emreks.ClusterProps{}}
		}, []string{"ClusterName = analytics and Cluster are both set"}},
		{"given cluster without OIDC provider", func(awscdk.Stack) *emreks.Props { return &emreks.Props{ClusterName: "analytics"} },
			[]string{`OidcProviderArn = "": the IAM OIDC provider of the cluster's issuer`}},
		{"OIDC provider without cluster, malformed", func(awscdk.Stack) *emreks.Props {
			return &emreks.Props{OidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/example.com"}
		}, []string{"OidcProviderArn = arn:aws:iam::123456789012:oidc-provider/example.com: only with ClusterName", "oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>"}},
		{"public subnet", func(stack awscdk.Stack) *emreks.Props {
			return &emreks.Props{Cluster: &emreks.ClusterProps{Vpc: emrserverlessPublicVpc(stack), VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}}
		}, []string{"Cluster.VpcSubnets = Bad/Vpc/PublicSubnet1: private subnets only"}},
		{"old version, names, retention", func(stack awscdk.Stack) *emreks.Props {
			return &emreks.Props{Cluster: &emreks.ClusterProps{Version: "1.29"}, JobRoleName: "bad role", VirtualClusterName: "bad name!", LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"Cluster.Version = 1.29: 1.35 or later", "JobRoleName = bad role: a literal IAM role name", "VirtualClusterName = bad name!", "LogRetention = INFINITE"}},
		{"role name token", func(stack awscdk.Stack) *emreks.Props {
			return &emreks.Props{ClusterName: "analytics", OidcProviderArn: emreksOidcArn, JobRoleName: "job-" + *stack.Account()}
		}, []string{"JobRoleName = job-${Token", "a literal IAM role name"}},
		{"subnets without a VPC", func(awscdk.Stack) *emreks.Props {
			return &emreks.Props{Cluster: &emreks.ClusterProps{VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}}
		}, []string{"Cluster.VpcSubnets = set: only with Cluster.Vpc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				emreks.New(stack, "Eks", c.props(stack))
			}, c.wants...)
		})
	}
}
