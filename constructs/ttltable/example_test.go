package ttltable_test

import (
	"fmt"
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
)

// Size a provisioned sessions table from its workload (2 KB sessions, 500
// eventually consistent reads and 100 writes per second at peak), let auto
// scaling move between a quarter of that and the peak, expire sessions by
// "expiresAt", and stream every change to the lake.
func ExampleNew() {
	rcu, wcu, err := ttltable.Capacity(ttltable.Workload{ItemSizeBytes: 2048, ReadsPerSecond: 500, WritesPerSecond: 100, Consistency: ttltable.Eventual})
	if err != nil {
		panic(err)
	}
	fmt.Println(rcu, "RCU,", wcu, "WCU at peak")

	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Serving"), nil)
	sessions := ttltable.New(stack, "Sessions", &ttltable.Props{
		PartitionKey:        &awsdynamodb.Attribute{Name: jsii.String("sessionId"), Type: awsdynamodb.AttributeType_STRING},
		TimeToLiveAttribute: "expiresAt",
		Provisioned: &ttltable.Provisioned{
			MinReadCapacity: math.Ceil(rcu / 4), MaxReadCapacity: rcu,
			MinWriteCapacity: math.Ceil(wcu / 4), MaxWriteCapacity: wcu,
		},
	})
	fmt.Println(sessions.TimeToLiveAttribute, *sessions.Table.Node().Path())
	// Output:
	// 250 RCU, 200 WCU at peak
	// expiresAt Serving/Sessions/Table
}

// The throughput arithmetic: 10 strongly consistent reads per second of 6 KB
// items need 20 RCU (two 4 KB units each); 6 writes per second of 4.5 KB
// items need 30 WCU (five 1 KB units each).
func ExampleCapacity() {
	rcu, _, _ := ttltable.Capacity(ttltable.Workload{ItemSizeBytes: 6 * 1024, ReadsPerSecond: 10, Consistency: ttltable.Strong})
	_, wcu, _ := ttltable.Capacity(ttltable.Workload{ItemSizeBytes: 4.5 * 1024, WritesPerSecond: 6})
	fmt.Println(rcu, wcu)
	// Output: 20 30
}
