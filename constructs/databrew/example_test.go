package databrew_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Customer CSV exports under "raw/customers/" are cleaned every morning at
// 04:00 UTC into Parquet under "prepared/customers/": e-mail addresses
// trimmed, lower-cased and deduplicated, rows without a customer id
// dropped, and phone numbers masked.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Prep"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	customers := databrew.New(stack, "Customers", &databrew.Props{
		InputBucket:  lake.Bucket,
		InputKey:     "raw/customers/",
		OutputBucket: lake.Bucket,
		OutputPrefix: "prepared/customers/",
		Steps: []databrew.Step{
			databrew.Trim("email"),
			databrew.LowerCase("email"),
			databrew.RemoveDuplicates("email"),
			databrew.RemoveMissing("customer_id"),
			databrew.MaskPII("#", "phone"),
		},
		Schedule:      jsii.String("cron(0 4 * * ? *)"),
		EncryptionKey: lake.Key,
	})
	fmt.Println(*customers.Dataset.Node().Path())
	fmt.Println(*customers.Recipe.Node().Path())
	fmt.Println(*customers.Job.Node().Path())
	fmt.Println(*customers.Schedule.Node().Path())
	fmt.Println(*customers.Publisher.Node().Path())
	for _, step := range stack.Resolve(customers.Recipe.Steps()).([]any) {
		fmt.Println(step.(map[string]any)["action"])
	}
	// Output:
	// Prep/Customers/Dataset
	// Prep/Customers/Recipe
	// Prep/Customers/Job
	// Prep/Customers/Schedule
	// Prep/Customers/Publisher
	// map[operation:TRIM parameters:map[sourceColumn:email]]
	// map[operation:LOWER_CASE parameters:map[sourceColumn:email]]
	// map[operation:REMOVE_DUPLICATES parameters:map[sourceColumn:email]]
	// map[operation:REMOVE_MISSING parameters:map[sourceColumn:customer_id]]
	// map[operation:MASK_CUSTOM parameters:map[customValue:. maskSymbol:# regex:true sourceColumns:["phone"]]]
}

// The raw customers are profiled every night at 03:00 UTC, before the
// preparation: DataBrew looks for e-mail addresses, phone numbers and names
// (PII entity detection) and checks the notes' rules on the whole dataset;
// a failed run or a failed rule notifies the alarm topic.
func ExampleNewProfileJob() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Prep"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	profile := databrew.NewProfileJob(stack, "CustomerProfile", &databrew.ProfileProps{
		InputBucket: lake.Bucket, InputKey: "raw/customers/",
		OutputBucket: lake.Bucket, OutputPrefix: "profiles/customers/",
		Rules:         databrew.NotesRules(),
		EntityTypes:   []string{"EMAIL", "PHONE_NUMBER", "PERSON_NAME"},
		Schedule:      jsii.String("cron(0 3 * * ? *)"),
		EncryptionKey: lake.Key,
	})
	fmt.Println(*profile.Job.Type())
	fmt.Println(*profile.Ruleset.Node().Path())
	fmt.Println(*profile.Schedule.Node().Path())
	// Output:
	// PROFILE
	// Prep/CustomerProfile/Ruleset
	// Prep/CustomerProfile/Schedule
}
