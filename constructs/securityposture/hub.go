package securityposture

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecurityhub"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// hub enables Security Hub CSPM with consolidated control findings (one
// finding per control across standards), new controls of enabled standards
// turned on automatically, and the chosen standards instead of the console's
// defaults (EnableDefaultStandards false, so deleting a standard here is not
// undone by the defaults).
func (s *Posture) hub(c constructs.Construct, p *Props) {
	s.Hub = awssecurityhub.NewCfnHub(c, jsii.String("Hub"), &awssecurityhub.CfnHubProps{
		AutoEnableControls:      jsii.Bool(true),
		ControlFindingGenerator: jsii.String("SECURITY_CONTROL"),
		EnableDefaultStandards:  jsii.Bool(false),
	})
	s.HubArn = s.Hub.AttrArn()
	standards := p.Standards
	if standards == nil {
		standards = DefaultStandards
	}
	for _, std := range standards {
		cs := awssecurityhub.NewCfnStandard(c, jsii.String(standardID(std)), &awssecurityhub.CfnStandardProps{
			StandardsArn: StandardsArn(c, std),
		})
		cs.Node().AddDependency(s.Hub)
		s.Standards[std] = cs
	}
}

var standardIDs = map[string]string{
	FoundationalBestPractices: "FoundationalBestPractices",
	CIS300:                    "CisBenchmark300",
	NIST80053:                 "Nist80053",
	PCIDSS401:                 "PciDss401",
	ResourceTagging:           "ResourceTagging",
}

func standardID(std string) string { return "Standard" + standardIDs[std] }
