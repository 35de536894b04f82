package serving_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// datasynctaskNFSProps is a valid task for the cases to break.
func datasynctaskNFSProps() *datasynctask.Props {
	return &datasynctask.Props{
		AgentArns:      []string{datasynctaskAgent1},
		NFS:            &datasynctask.NFS{ServerHostname: "nas01", Subdirectory: "/exports"},
		BytesPerSecond: 1 << 20,
	}
}

func TestDatasynctaskRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *datasynctask.Props
		wants []string
	}{
		// The bad input.
		{"task without verification", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.VerifyMode = datasynctask.VerifyNone
			return p
		}, []string{"datasynctask Bad/Task: invalid props", "VerifyMode = NONE: ONLY_FILES_TRANSFERRED (the default) or POINT_IN_TIME_CONSISTENT: a task without verification can land corrupted or partial files"}},
		{"unknown verify mode, archive with point in time", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.VerifyMode, p.StorageClass = datasynctask.VerifyPointInTimeConsistent, "DEEP_ARCHIVE"
			return p
		}, []string{"VerifyMode = POINT_IN_TIME_CONSISTENT, StorageClass = DEEP_ARCHIVE: DataSync cannot read archived objects back"}},
		{"nil props", func(awscdk.Stack) *datasynctask.Props { return nil },
			[]string{"AgentArns = []: 1 to 4 activated agents", "NFS/SMB/HDFS = 0 sources: exactly one source", "BytesPerSecond = 0: a bandwidth limit of at least 1048576"}},
		{"agents", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.AgentArns = []string{"arn:aws:datasync:eu-west-1:111111111111:agent/agent-123", datasynctaskAgent1, datasynctaskAgent1, datasynctaskAgent1, datasynctaskAgent1}
			p.ActivationKey = "abc"
			return p
		}, []string{"AgentArns/ActivationKey = both given", "AgentArns = arn:aws:datasync:eu-west-1:111111111111:agent/agent-123: an agent ARN", "ActivationKey = abc: the key the agent VM issues"}},
		{"too many agents", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.AgentArns = []string{datasynctaskAgent1, datasynctaskAgent1, datasynctaskAgent1, datasynctaskAgent1, datasynctaskAgent1}
			return p
		}, []string{"AgentArns = 5: at most 4 agents per location"}},
		{"two sources, bad NFS", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.NFS = &datasynctask.NFS{ServerHostname: "nas 01", Subdirectory: "exports", Version: "NFS5"}
			p.HDFS = &datasynctask.HDFS{}
			return p
		}, []string{"NFS/SMB/HDFS = 2 sources: exactly one source", "NFS.ServerHostname = nas 01: a DNS name or IPv4 address", "NFS.Subdirectory = exports: the exported path, starting with '/'",
			"NFS.Version = NFS5: AUTOMATIC, NFS3, NFS4_0, NFS4_1", "HDFS.NameNodes = 0: 1 or 2 NameNodes", `HDFS.SimpleUser = "": the user for SIMPLE authentication`}},
		{"SMB without a password secret", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.NFS = nil
			p.SMB = &datasynctask.SMB{ServerHostname: "fs01", Subdirectory: "/share", User: "a/b", Domain: "-bad", Version: "SMB4"}
			return p
		}, []string{"SMB.Password = nil: a Secrets Manager secret holding the password as plain text", "SMB.User = a/b: a user name", "SMB.Domain = -bad: a Windows domain name", "SMB.Version = SMB4"}},
		{"incomplete Kerberos", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.NFS = nil
			p.HDFS = &datasynctask.HDFS{NameNodes: []datasynctask.NameNode{{Hostname: "nn1", Port: 70000}}, KerberosPrincipal: "x@Y"}
			return p
		}, []string{"HDFS.Kerberos = incomplete: KerberosPrincipal, KerberosKeytab and KerberosKrb5Conf together", "HDFS.NameNodes[0].Port = 70000"}},
		{"bandwidth", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.BytesPerSecond = 1000
			return p
		}, []string{"BytesPerSecond = 1000: whole bytes per second, at least 1048576 (1 MiB/s, DataSync's minimum limit)"}},
		{"bandwidth and unlimited", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.UnlimitedBandwidth = jsii.Bool(true)
			return p
		}, []string{"BytesPerSecond = 1048576: 0 with UnlimitedBandwidth: one bandwidth decision"}},
		{"schedules", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Schedule = "rate(30 minutes)"
			return p
		}, []string{"Schedule = rate(30 minutes): at most once an hour: DataSync's minimum interval"}},
		{"cron every quarter hour", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Schedule = "cron(0/15 * * * ? *)"
			return p
		}, []string{"Schedule = cron(0/15 * * * ? *): one minute of the hour"}},
		{"cron out of range and plural rate", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Schedule = "cron(0 25 * * ? *)"
			return p
		}, []string{`Schedule = cron(0 25 * * ? *): a cron expression AWS accepts, but hours "25"`}},
		{"rate singular", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Schedule = "rate(1 hours)"
			return p
		}, []string{"Schedule = rate(1 hours): a rate with the singular for 1"}},
		{"schedule on demand", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Schedule, p.OnDemandOnly = "daily", jsii.Bool(true)
			return p
		}, []string{"Schedule = daily: none with OnDemandOnly"}},
		{"prefixes, report and storage class", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.LakePrefix, p.ReportPrefix, p.StorageClass = "/raw//x", "raw/x/reports/", "COLD"
			return p
		}, []string{`LakePrefix = /raw//x: an S3 prefix ending in "/"`, "ReportPrefix = raw/x/reports/: only with TaskReport: true", "StorageClass = COLD"}},
		{"report inside the data", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.TaskReport, p.ReportPrefix = jsii.Bool(true), "raw/datasync/reports/"
			return p
		}, []string{"LakePrefix = raw/datasync/, ReportPrefix = raw/datasync/reports/: the reports must not be inside"}},
		{"filters", func(awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.Filters = &datasynctask.Filters{Includes: []string{"/a|/b"}, Excludes: []string{""}}
			return p
		}, []string{`Filters.Includes[0] = "/a|/b": a non-empty pattern without '|'`, `Filters.Excludes[0] = "": a non-empty pattern`}},
		{"bucket twice, infinite logs", func(stack awscdk.Stack) *datasynctask.Props {
			p := datasynctaskNFSProps()
			p.LakeBucket = awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake"))
			p.BucketProps = &securebucket.Props{}
			p.LogRetention = awslogs.RetentionDays_INFINITE
			return p
		}, []string{"LakeBucket/BucketProps = both given", "LogRetention = INFINITE: a finite retention"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				datasynctask.New(stack, "Task", c.props(stack))
			}, c.wants...)
		})
	}
	// The valid base builds.
	if err := testkit.Catch(func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Good"), nil)
		datasynctask.New(stack, "Task", datasynctaskNFSProps())
	}); err != nil {
		t.Errorf("the valid base props fail: %v", err)
	}
}
