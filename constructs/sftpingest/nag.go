package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppress records the cdk-nag findings the design accepts, with reasons.
func (in *Ingest) suppress(p *Props) {
	objects := `/^Resource::.*\/\*$/`
	for name, role := range in.UserRoles {
		suppressIAM5(role, "The role of SFTP user "+name+" may read, write and delete objects under its own prefix "+in.LakePrefix+"/"+name+"/ only: the wildcard is the objects of that prefix, which SFTP clients name freely.", objects)
	}
	if in.LambdaUsersRole != nil {
		suppressIAM5(in.LambdaUsersRole, "Users authenticated by the function share this role over the objects of the lake prefix "+in.LakePrefix+"/; each login's session policy from functions/sftpauth narrows it to the user's own folders.", objects)
		suppressIAM5(in.AuthRole, "The function reads the user records, secrets named "+in.SecretPrefix+"/<user name>; the user names are not known when the stack is deployed, so the resource is that name prefix.", `/^Resource::arn:.*:secretsmanager:.*:secret:.*\/\*$/`)
	}
	if in.WorkflowRole != nil {
		suppressIAM5(in.WorkflowRole, "The upload workflow copies any uploaded object under the lake prefix "+in.LakePrefix+"/ to the incoming prefix "+in.IncomingPrefix+"/ and tags both; the wildcards are the objects of those two prefixes.", objects)
	}
	if isTrue(p.AllowAnySource) {
		const reason = "The owner opted in with AllowAnySource to an internet-facing SFTP endpoint open to every address on port 22 (partners without fixed addresses); SSH authentication and the security policy protect it."
		nag.Suppress(in.SecurityGroup, nag.Suppression{Rule: "AwsSolutions-EC23", Reason: reason})
		nag.Suppress(in.SecurityGroup, nag.InPacks("EC2RestrictedSSH", reason, nag.HIPAA, nag.NIST, nag.PCI)...)
	}
}

func suppressIAM5(role awsiam.IRole, reason string, appliesTo ...string) {
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: reason, AppliesTo: appliesTo})
	}
}
