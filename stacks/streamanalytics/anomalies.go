package streamanalytics

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/constructs/opensearchserverless"
	"github.com/cdk-data-patterns/patterns/constructs/streamalert"
	"github.com/cdk-data-patterns/patterns/flink"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// readings is ETL-19 and ANA-06: the notes' data-centre temperature
// readings, scored by the Flink equivalent of RANDOM_CUT_FOREST (what it
// finds reaches the alarm topic through a pipe, no forwarding Lambda) and
// indexed into the serverless collection.
func (s *Stack) readings(cfg Config) {
	readings := awskinesis.NewStream(s.Stack, jsii.String("Readings"), &awskinesis.StreamProps{
		StreamMode:    awskinesis.StreamMode_ON_DEMAND,
		Encryption:    awskinesis.StreamEncryption_MANAGED,
		RemovalPolicy: context.RemovalPolicy(s.Stack),
	})
	s.Readings = readings
	if cfg.Collection.OnBy(true) {
		s.Collection = opensearchserverless.New(s.Stack, "ReadingsSearch", &opensearchserverless.Props{
			Vpc:            s.Network.Vpc,
			VpcSubnets:     s.Network.Private,
			ExistingStream: readings,
			IndexName:      jsii.String("readings"),
			AlarmTopic:     s.Alarms.Topic,
		})
	}
	s.Anomalies = streamalert.New(s.Stack, "Anomalies", &streamalert.Props{
		Topic:           s.Alarms.Topic,
		MessageTemplate: jsii.String("Anomalous reading of sensor <$.data.sensor_id>: temperature <$.data.temperature> at <$.data.ts>, score <$.data.anomaly_score> above <$.data.threshold>"),
	})
	if !cfg.Flink.On() {
		return
	}
	app := flinkapp.New(s.Stack, "Anomaly", &flinkapp.Props{
		CodeDirectory: flink.JobsDir(),
		PythonEntry:   flink.AnomalyEntry,
		JarFile:       flink.ConnectorJar,
		PyFiles:       flink.AnomalyModules,
		Parallelism:   jsii.Number(cfg.Flink.Parallelism),
		Vpc:           s.Network.Vpc,
		VpcSubnets:    s.Network.Private,
		PropertyGroups: map[string]map[string]string{
			"SensorSource":    {"stream.arn": *readings.StreamArn()},
			"AnomalySink":     {"stream.arn": *s.Anomalies.Stream.StreamArn()},
			"RandomCutForest": {"factor": fmt.Sprint(cfg.Flink.AnomalyFactor)},
		},
		LagAlarmStreams: []string{*readings.StreamName()},
		AlarmTopic:      s.Alarms.Topic,
	})
	readings.GrantRead(app.Role)
	s.Anomalies.Stream.GrantWrite(app.Role)
	s.Anomaly = app
}
