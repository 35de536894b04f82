package analytics_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func flinkappPython(p flinkapp.Props) *flinkapp.Props {
	if p.CodeDirectory == "" && p.CodeFile == "" && p.CodeBucket == nil {
		p.CodeDirectory = flinkappJobs()
	}
	if p.PythonEntry == "" && p.Language == "" {
		p.PythonEntry = "weblogs.py"
	}
	return &p
}

func TestFlinkappRejectedProps(t *testing.T) {
	bucket := func(stack awscdk.Stack) awss3.IBucket {
		return awss3.Bucket_FromBucketName(stack, jsii.String("Artifacts"), jsii.String("artifacts"))
	}
	zip := filepath.Join(t.TempDir(), "app.txt")
	if err := os.WriteFile(zip, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *flinkapp.Props
		wants []string
	}{
		{"nil props: no code", func(awscdk.Stack) *flinkapp.Props { return nil },
			[]string{"flinkapp Bad/App: invalid props", "CodeDirectory/CodeFile/CodeBucket = none: the application code", "PythonEntry = none"}},
		{"checkpointing off", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{Checkpointing: jsii.Bool(false)})
		}, []string{"Checkpointing = false: true: without checkpoints a restart"}},
		{"parallelism", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{Parallelism: jsii.Number(0), ParallelismPerKpu: jsii.Number(9)})
		}, []string{"Parallelism = 0: a whole number from 1 to 256", "ParallelismPerKpu = 9: a whole number from 1 to 8"}},
		{"per-KPU below 1, fractional parallelism", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{Parallelism: jsii.Number(1.5), ParallelismPerKpu: jsii.Number(0)})
		}, []string{"Parallelism = 1.5", "ParallelismPerKpu = 0"}},
		{"directory and prebuilt artifact", func(stack awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{CodeDirectory: flinkappJobs(), CodeBucket: bucket(stack), CodeKey: "app.zip"})
		}, []string{"CodeDirectory/CodeFile/CodeBucket = 2 given: exactly one source of code"}},
		{"bucket without key, version without bucket", func(stack awscdk.Stack) *flinkapp.Props {
			return &flinkapp.Props{CodeKey: "/app.zip", CodeObjectVersion: "v1", PythonEntry: "main.py"}
		}, []string{"CodeBucket/CodeKey = bucket false", "CodeKey = /app.zip", "CodeObjectVersion = v1: only with CodeBucket"}},
		{"Python without its entry file", func(awscdk.Stack) *flinkapp.Props {
			return &flinkapp.Props{CodeDirectory: flinkappJobs()}
		}, []string{"PythonEntry = none: the job's main file"}},
		{"entry file not in the folder", func(awscdk.Stack) *flinkapp.Props {
			return &flinkapp.Props{CodeDirectory: flinkappJobs(), PythonEntry: "missing.py"}
		}, []string{"PythonEntry = missing.py: a file of CodeDirectory"}},
		{"missing jar when required", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{JarFile: "lib/none.jar", RequireJar: jsii.Bool(true)})
		}, []string{"JarFile = lib/none.jar: a file of CodeDirectory", "flink/connectors/build.sh"}},
		{"folder and file that do not exist, wrong extension", func(awscdk.Stack) *flinkapp.Props {
			return &flinkapp.Props{CodeFile: zip, PythonEntry: "x.py"}
		}, []string{"CodeFile = " + zip + ": a .zip or .jar file"}},
		{"Java options", func(awscdk.Stack) *flinkapp.Props {
			return &flinkapp.Props{Language: flinkapp.Java, CodeDirectory: flinkappJobs(), PythonEntry: "weblogs.py", JarFile: "x.jar", PyFiles: []string{"a.py"}}
		}, []string{"PythonEntry = set: only for a PYTHON application", "JarFile = set", "PyFiles = set", "CodeDirectory = " + flinkappJobs() + ": a built .jar for a JAVA application"}},
		{"runtime, language, levels, name", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{Runtime: "FLINK-1_13", Language: "SCALA", MetricsLevel: "ALL", LogLevel: "TRACE", Name: "bad name"})
		}, []string{"Runtime = FLINK-1_13", "Language = SCALA: PYTHON or JAVA", "MetricsLevel = ALL", "LogLevel = TRACE", "Name = bad name"}},
		{"Python on Flink 2.2", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{Runtime: flinkapp.Flink22})
		}, []string{"Runtime = FLINK-2_2: FLINK-1_20 or older for a Python application"}},
		{"run options group, durations", func(awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{
				PropertyGroups:     map[string]map[string]string{flinkapp.RunOptionsGroup: {"python": "x.py"}},
				CheckpointInterval: awscdk.Duration_Millis(jsii.Number(500)), MaxLag: awscdk.Duration_Millis(jsii.Number(10)),
			})
		}, []string{"PropertyGroups[kinesis.analytics.flink.run.options] = set", "CheckpointInterval = 0.5: at least 1 second", "MaxLag = 0.01"}},
		{"subnets without VPC, alarms off with a topic and lag streams, infinite logs", func(stack awscdk.Stack) *flinkapp.Props {
			return flinkappPython(flinkapp.Props{
				VpcSubnets:   &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("Topic"), nil),
				LagAlarmStreams: []string{"s"}, LogRetention: awslogs.RetentionDays_INFINITE,
			})
		}, []string{"VpcSubnets = set: only with Vpc", "AlarmTopic = Bad/Topic: CreateAlarms is false", "LagAlarmStreams = 1: only with alarms", "LogRetention = INFINITE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				flinkapp.New(stack, "App", c.props(stack))
			}, c.wants...)
		})
	}
}

// The context switch makes a missing jar fail synthesis in every
// application of the app.
func TestFlinkappRequireJarContext(t *testing.T) {
	// A jar name no build makes, so the case holds wherever the real jar
	// has been built.
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), map[string]any{flinkapp.RequireJarContext: true}), jsii.String("Bad"), nil)
		flinkapp.New(stack, "App", flinkappPython(flinkapp.Props{JarFile: "lib/never-built-connectors.jar"}))
	}, "JarFile = lib/never-built-connectors.jar: a file of CodeDirectory")
}
