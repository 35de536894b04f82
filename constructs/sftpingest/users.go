package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awstransfer"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// users creates each service-managed user: its own role, allowed only its
// prefix <LakePrefix>/<name>, and a logical home directory "/" mapped to
// /<bucket>/<LakePrefix>/<name> (the user sees nothing else: a chroot).
func (in *Ingest) users(p *Props) {
	for _, u := range p.Users {
		c := constructs.NewConstruct(in.Construct, jsii.String("User-"+u.Name))
		role := in.transferRole(c, "Role", "SFTP user "+u.Name+" of "+*in.Node().Path()+": its lake prefix only", "user/"+*in.Server.AttrServerId()+"/*")
		in.allowPrefixes(role, "Home", []string{in.LakePrefix + "/" + u.Name}, UserObjectActions)
		in.allowBucketKey(role)
		user := awstransfer.NewCfnUser(c, jsii.String("Resource"), &awstransfer.CfnUserProps{
			ServerId:          in.Server.AttrServerId(),
			UserName:          jsii.String(u.Name),
			Role:              role.RoleArn(),
			HomeDirectoryType: jsii.String("LOGICAL"),
			HomeDirectoryMappings: []any{&awstransfer.CfnUser_HomeDirectoryMapEntryProperty{
				Entry:  jsii.String("/"),
				Target: jsii.String("/" + *in.Bucket.BucketName() + "/" + in.LakePrefix + "/" + u.Name),
			}},
			SshPublicKeys: jsii.Strings(u.SshPublicKeys...),
		})
		user.Node().AddDependency(role)
		in.Users[u.Name] = user
		in.UserRoles[u.Name] = role
	}
}
