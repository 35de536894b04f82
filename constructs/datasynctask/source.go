package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatasync"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
)

// defaultNameNodePort is HDFS's NameNode RPC port.
const defaultNameNodePort = 8020

// source creates the location of the one source the props give.
func (t *Task) source(p *Props) {
	agents := jsii.Strings(t.AgentArns...)
	switch {
	case p.NFS != nil:
		n := p.NFS
		loc := awsdatasync.NewCfnLocationNFS(t.Construct, jsii.String("Source"), &awsdatasync.CfnLocationNFSProps{
			OnPremConfig:   &awsdatasync.CfnLocationNFS_OnPremConfigProperty{AgentArns: agents},
			ServerHostname: jsii.String(n.ServerHostname),
			Subdirectory:   jsii.String(n.Subdirectory),
			MountOptions:   &awsdatasync.CfnLocationNFS_MountOptionsProperty{Version: jsii.String(orDefault(n.Version, "AUTOMATIC"))},
		})
		t.SourceLocationArn = loc.AttrLocationArn()
	case p.SMB != nil:
		s := p.SMB
		role := t.secretRole(s.Password)
		props := &awsdatasync.CfnLocationSMBProps{
			AgentArns:          agents,
			AuthenticationType: jsii.String("NTLM"),
			ServerHostname:     jsii.String(s.ServerHostname),
			Subdirectory:       jsii.String(s.Subdirectory),
			User:               jsii.String(s.User),
			MountOptions:       &awsdatasync.CfnLocationSMB_MountOptionsProperty{Version: jsii.String(orDefault(s.Version, "AUTOMATIC"))},
			CustomSecretConfig: &awsdatasync.CfnLocationSMB_CustomSecretConfigProperty{
				SecretArn:           s.Password.SecretArn(),
				SecretAccessRoleArn: role.RoleArn(),
			},
		}
		if s.Domain != "" {
			props.Domain = jsii.String(s.Domain)
		}
		loc := awsdatasync.NewCfnLocationSMB(t.Construct, jsii.String("Source"), props)
		// DataSync checks the role when the location is created.
		loc.Node().AddDependency(role)
		t.SourceLocationArn = loc.AttrLocationArn()
	case p.HDFS != nil:
		h := p.HDFS
		nodes := make([]any, len(h.NameNodes))
		for i, n := range h.NameNodes {
			port := n.Port
			if port == 0 {
				port = defaultNameNodePort
			}
			nodes[i] = &awsdatasync.CfnLocationHDFS_NameNodeProperty{Hostname: jsii.String(n.Hostname), Port: jsii.Number(port)}
		}
		props := &awsdatasync.CfnLocationHDFSProps{
			AgentArns:    agents,
			NameNodes:    &nodes,
			Subdirectory: jsii.String(orDefault(h.Subdirectory, "/")),
		}
		var role awsiam.IRole
		if h.KerberosKeytab != nil {
			role = t.secretRole(h.KerberosKeytab)
			props.AuthenticationType = jsii.String("KERBEROS")
			props.KerberosPrincipal = jsii.String(h.KerberosPrincipal)
			props.KerberosKrb5Conf = jsii.String(h.KerberosKrb5Conf)
			props.CustomSecretConfig = &awsdatasync.CfnLocationHDFS_CustomSecretConfigProperty{
				SecretArn:           h.KerberosKeytab.SecretArn(),
				SecretAccessRoleArn: role.RoleArn(),
			}
		} else {
			props.AuthenticationType = jsii.String("SIMPLE")
			props.SimpleUser = jsii.String(h.SimpleUser)
		}
		loc := awsdatasync.NewCfnLocationHDFS(t.Construct, jsii.String("Source"), props)
		if role != nil {
			loc.Node().AddDependency(role)
		}
		t.SourceLocationArn = loc.AttrLocationArn()
	}
}

// secretRole is the role DataSync assumes to read secret (the SMB password
// or the HDFS keytab) at each execution: GetSecretValue and DescribeSecret
// on that secret only (and kms:Decrypt on its key), trusted by DataSync on
// behalf of this account's locations only.
func (t *Task) secretRole(secret awssecretsmanager.ISecret) awsiam.IRole {
	role := awsiam.NewRole(t.Construct, jsii.String("SecretRole"), &awsiam.RoleProps{
		AssumedBy:   datasyncPrincipal(t),
		Description: jsii.String("DataSync reads the source credentials of " + *t.Node().Path()),
	})
	secret.GrantRead(role, nil)
	t.SecretRole = role
	return role
}

// datasyncPrincipal is datasync.amazonaws.com acting for this account's
// DataSync resources only (the confused-deputy conditions of the DataSync
// user guide).
func datasyncPrincipal(t *Task) awsiam.IPrincipal {
	stack := awscdk.Stack_Of(t.Construct)
	return awsiam.NewServicePrincipal(jsii.String("datasync.amazonaws.com"), &awsiam.ServicePrincipalOpts{
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
			"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
				Service: jsii.String("datasync"), Resource: jsii.String("*"),
			})},
		},
	})
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
