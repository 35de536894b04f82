package sftpingest_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
)

// An internet-facing SFTP server for one partner network: the partner's
// uploads land in /<bucket>/sftp/acme and are copied to
// incoming/acme/<date>/ by the managed workflow.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Ingestion"), nil)
	vpc := datavpc.New(stack, "Vpc", &datavpc.Props{Zones: jsii.Number(2)})
	lake := securebucket.New(stack, "Lake", nil)
	sftp := sftpingest.New(stack, "Sftp", &sftpingest.Props{
		Vpc:            vpc.Vpc,
		Bucket:         lake.Bucket,
		InternetFacing: jsii.Bool(true),
		AllowedCidrs:   []string{"203.0.113.0/24"},
		Users: []sftpingest.User{{
			Name:          "acme",
			SshPublicKeys: []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMOcQ4i9Gw4XyRi3zB8sQp1mD6bmUdyNmyTRN5bS3Zfr acme@partner"},
		}},
	})
	fmt.Println(len(sftp.ElasticIps), "Elastic IPs")
	fmt.Println(sftp.LakePrefix, sftp.IncomingPrefix)
	fmt.Println(*sftp.Users["acme"].Node().Path())
	// Output:
	// 2 Elastic IPs
	// sftp incoming
	// Ingestion/Sftp/User-acme/Resource
}
