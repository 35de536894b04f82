package serving

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
)

// sftp adds ING-08: partners upload over SFTP to a Transfer Family server
// reachable only inside a VPC without NAT (VPN or Direct Connect brings
// the partners there), with the current security policy; each user lands
// in sftp/<user>/ of the lake and the workflow copies the upload to
// incoming/<user>/<date>/ and tags it.
func (s *Stack) sftp(cfg SftpConfig, lake *Lake) {
	s.Network = datavpc.New(s.Stack, "Network", &datavpc.Props{NatGateways: jsii.Number(0)})
	p := &sftpingest.Props{
		Vpc: s.Network.Vpc, VpcSubnets: s.Network.Private,
		Bucket: lake.Bucket, AllowedCidrs: cfg.AllowedCidrs,
		IdentityProvider: cfg.IdentityProvider,
	}
	for _, u := range cfg.Users {
		p.Users = append(p.Users, sftpingest.User{Name: u.Name, SshPublicKeys: u.SshPublicKeys})
	}
	s.Sftp = sftpingest.New(s.Stack, "Sftp", p)
	awscdk.NewCfnOutput(s.Stack, jsii.String("SftpServerId"), &awscdk.CfnOutputProps{
		Value:       s.Sftp.Server.AttrServerId(),
		Description: jsii.String("sftp <user>@<endpoint of this server> from the VPC; uploads land in sftp/<user>/ and are copied to incoming/<user>/<date>/"),
	})
}
