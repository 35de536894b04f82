package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// MapWriter maps another writer in the domain's fine-grained access
// control: a custom resource (created under scope/id, which may be in
// another stack) served by this construct's access function, which creates
// an OpenSearch role allowed to write indexPatterns (crud, create_index,
// manage, as for Firehose) and maps writer's role ARN to it. Deleting the
// resource deletes that role and mapping. The writer still needs its own
// es:ESHttp* permission on the domain and a network path to it
// (DomainSecurityGroup).
func (s *StreamToOpenSearch) MapWriter(scope constructs.Construct, id string, writer awsiam.IRole, indexPatterns ...string) awscdk.CustomResource {
	c := constructs.NewConstruct(scope, jsii.String(id))
	patterns := make([]*string, len(indexPatterns))
	for i, p := range indexPatterns {
		patterns[i] = jsii.String(p)
	}
	cr := awscdk.NewCustomResource(c, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken: s.accessServiceToken,
		ResourceType: jsii.String("Custom::OpenSearchRoleMapping"),
		Properties: &map[string]any{
			"DomainEndpoint":     s.Domain.DomainEndpoint(),
			"RoleName":           "writer_" + (*c.Node().Addr())[:12],
			"IndexPatterns":      commaList(patterns),
			"WriterBackendRoles": commaList([]*string{writer.RoleArn()}),
			"AdminBackendRoles":  jsii.String(""),
		},
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	cr.Node().AddDependency(writer)
	return cr
}
