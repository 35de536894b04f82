package serving_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	datasynctaskNfsStack      = "DataSyncNfs"
	datasynctaskSmbStack      = "DataSyncSmb"
	datasynctaskKerberosStack = "DataSyncKerberos"
	datasynctaskSandboxStack  = "DataSyncSandbox"
	datasynctaskAgent1        = "arn:aws:datasync:eu-west-1:111111111111:agent/agent-0123456789abcdef0"
	datasynctaskAgent2        = "arn:aws:datasync:eu-west-1:111111111111:agent/agent-0fedcba9876543210"
	datasynctaskPasswordArn   = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:datasync/smb-AbCdEf"
	datasynctaskKeytabArn     = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:datasync/keytab-GhIjKl"
	datasynctaskActivationKey = "AB1CD-EF2GH-IJ3KL-MN4OP-QR5ST"
)

var datasynctaskBuilt struct {
	nfs, hdfs, smb, kerberos, sandbox *datasynctask.Task
	lake                              *securebucket.SecureBucket
	topic                             awssns.ITopic
	password, keytab                  awssecretsmanager.ISecret
}

var datasynctaskConfigs = testkit.Register("datasynctask", nil, func(app constructs.Construct) {
	// NFS with the defaults, and an HDFS (SIMPLE) task in the same stack.
	s1 := awscdk.NewStack(app, jsii.String(datasynctaskNfsStack), nil)
	datasynctaskBuilt.nfs = datasynctask.New(s1, "FileShare", &datasynctask.Props{
		AgentArns:      []string{datasynctaskAgent1},
		NFS:            &datasynctask.NFS{ServerHostname: "nas01.corp.example.com", Subdirectory: "/exports/finance"},
		BytesPerSecond: 50 << 20,
	})
	datasynctaskBuilt.hdfs = datasynctask.New(s1, "Hadoop", &datasynctask.Props{
		AgentArns:      []string{datasynctaskAgent1, datasynctaskAgent2},
		HDFS:           &datasynctask.HDFS{NameNodes: []datasynctask.NameNode{{Hostname: "nn1.corp.example.com"}, {Hostname: "nn2.corp.example.com", Port: 9000}}, Subdirectory: "/warehouse", SimpleUser: "hdfs"},
		BytesPerSecond: 100 << 20,
		LakePrefix:     "raw/hadoop/",
	})

	// SMB with its password in Secrets Manager, the caller's bucket and
	// topic, a report, filters, point-in-time verification, a rate.
	s2 := awscdk.NewStack(app, jsii.String(datasynctaskSmbStack), nil)
	datasynctaskBuilt.lake = securebucket.New(s2, "Lake", nil)
	datasynctaskBuilt.password = awssecretsmanager.Secret_FromSecretAttributes(s2, jsii.String("SmbPassword"), &awssecretsmanager.SecretAttributes{
		SecretCompleteArn: jsii.String(datasynctaskPasswordArn), EncryptionKey: ttltableKey(s2, "SecretKey"),
	})
	topicKey := ttltableKey(s2, "TopicKey")
	datasynctaskBuilt.topic = awssns.NewTopic(s2, jsii.String("Alerts"), &awssns.TopicProps{MasterKey: topicKey, EnforceSSL: jsii.Bool(true)})
	datasynctaskBuilt.smb = datasynctask.New(s2, "Share", &datasynctask.Props{
		AgentArns:          []string{datasynctaskAgent1},
		SMB:                &datasynctask.SMB{ServerHostname: "10.0.0.15", Subdirectory: "/exports$/sales", User: "svc-datasync", Domain: "CORP", Password: datasynctaskBuilt.password, Version: "SMB3"},
		LakeBucket:         datasynctaskBuilt.lake.Bucket,
		LakePrefix:         "raw/sales/",
		StorageClass:       "INTELLIGENT_TIERING",
		VerifyMode:         datasynctask.VerifyPointInTimeConsistent,
		BytesPerSecond:     10 << 20,
		RemoveDeletedFiles: jsii.Bool(true),
		Filters:            &datasynctask.Filters{Includes: []string{"/2026", "/2027"}, Excludes: []string{"*.tmp", "~$*"}},
		Schedule:           "rate(6 hours)",
		BasicLogging:       jsii.Bool(true),
		TaskReport:         jsii.Bool(true),
		AlarmTopic:         datasynctaskBuilt.topic,
	})

	// Kerberized HDFS, an agent activated from this stack, on demand,
	// unlimited bandwidth, no notifications.
	s3 := awscdk.NewStack(app, jsii.String(datasynctaskKerberosStack), nil)
	datasynctaskBuilt.keytab = awssecretsmanager.Secret_FromSecretCompleteArn(s3, jsii.String("Keytab"), jsii.String(datasynctaskKeytabArn))
	datasynctaskBuilt.kerberos = datasynctask.New(s3, "Hadoop", &datasynctask.Props{
		ActivationKey: datasynctaskActivationKey,
		HDFS: &datasynctask.HDFS{NameNodes: []datasynctask.NameNode{{Hostname: "nn1.corp.example.com"}},
			KerberosPrincipal: "datasync@CORP.EXAMPLE.COM", KerberosKeytab: datasynctaskBuilt.keytab, KerberosKrb5Conf: "[libdefaults]\n default_realm = CORP.EXAMPLE.COM\n"},
		UnlimitedBandwidth: jsii.Bool(true),
		OnDemandOnly:       jsii.Bool(true),
		CreateAlarms:       jsii.Bool(false),
	})
})

var datasynctaskSandboxConfigs = testkit.Register("datasynctask-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(datasynctaskSandboxStack), nil)
	datasynctaskBuilt.sandbox = datasynctask.New(s, "FileShare", &datasynctask.Props{
		AgentArns:      []string{datasynctaskAgent1},
		NFS:            &datasynctask.NFS{ServerHostname: "nas01", Subdirectory: "/exports", Version: "NFS4_1"},
		BytesPerSecond: 1 << 20,
	})
})
