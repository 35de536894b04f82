package cicd

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	connectionRE = regexp.MustCompile(`^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection/[A-Za-z0-9-]+$`)
	repositoryRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$`)
	branchRE     = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)
	accountRE    = regexp.MustCompile(`^\d{12}$`)
	regionRE     = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	stageNameRE  = regexp.MustCompile(`^[A-Za-z0-9.@_-]{1,100}$`)
	// stackRE keeps stack selectors to what `cdk deploy` takes (ids, display
	// paths, globs) and out of the shell's way.
	stackRE     = regexp.MustCompile(`^[A-Za-z0-9*][A-Za-z0-9*/_.-]*$`)
	roleRE      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]+$`)
	versionRE   = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	qualifierRE = regexp.MustCompile(`^[a-z0-9]{1,10}$`)
	emailRE     = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	// reserved are the pipeline's own stages.
	reserved = []string{"source", "build"}
)

// isProduction reports whether stage i of n is a production stage: named
// prod, production or prd, or the last one.
func isProduction(s Stage, i, n int) bool {
	return slices.Contains([]string{"prod", "production", "prd"}, strings.ToLower(s.Name)) || i == n-1
}

// needsApproval is the stage's RequireApproval, or its default.
func needsApproval(s Stage, i, n int) bool {
	if s.RequireApproval != nil {
		return *s.RequireApproval
	}
	return isProduction(s, i, n)
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("cicd", scope, id)
	connection := p.ConnectionArn != "" || p.Repository != "" || p.Branch != ""
	s3 := p.SourceBucket != nil || p.SourceKey != ""
	switch {
	case connection && s3:
		pr.Add("ConnectionArn/SourceBucket", "both given", "one source: a CodeConnections connection (ConnectionArn, Repository, Branch) or an S3 object (SourceBucket, SourceKey)")
	case !connection && !s3:
		pr.Add("ConnectionArn/SourceBucket", "none", "one source: a CodeConnections connection (ConnectionArn, Repository, Branch) or an S3 object (SourceBucket, SourceKey)")
	case connection:
		if a := p.ConnectionArn; !*awscdk.Token_IsUnresolved(jsii.String(a)) && !connectionRE.MatchString(a) {
			pr.Add("ConnectionArn", quote(a), "a connection ARN arn:<partition>:codeconnections:<region>:<account>:connection/<id> (or codestar-connections); CodeCommit is closed to new customers")
		}
		if !repositoryRE.MatchString(p.Repository) {
			pr.Add("Repository", quote(p.Repository), `"owner/name" (GitLab: "group/subgroup/name")`)
		}
		if b := p.Branch; b != "" && (!branchRE.MatchString(b) || strings.Contains(b, "..") || strings.HasSuffix(b, "/")) {
			pr.Add("Branch", quote(b), "a branch name (letters, digits, . _ / -)")
		}
	case s3:
		if p.SourceBucket == nil || p.SourceKey == "" || strings.HasSuffix(p.SourceKey, "/") {
			pr.Add("SourceBucket/SourceKey", quote(p.SourceKey), "a bucket and the key of a zip object in it")
		}
	}

	checkStages(pr, p)

	if p.ExistingApprovalTopic != nil && len(p.ApprovalEmails) > 0 {
		pr.Add("ExistingApprovalTopic and ApprovalEmails", "both given", "subscribe the addresses to the existing topic where it is managed, or let the construct create the topic")
	}
	for _, e := range p.ApprovalEmails {
		if !emailRE.MatchString(e) {
			pr.Add("ApprovalEmails", quote(e), "e-mail addresses")
		}
	}
	approvals := false
	for i, s := range p.Stages {
		approvals = approvals || needsApproval(s, i, len(p.Stages))
	}
	if !approvals && (p.ExistingApprovalTopic != nil || len(p.ApprovalEmails) > 0) && len(p.Stages) > 0 {
		pr.Add("ExistingApprovalTopic/ApprovalEmails", "given", "no stage requires an approval, so nothing would notify them; drop them")
	}
	if len(p.BuildCommands) > 0 {
		for i, c := range p.BuildCommands {
			if strings.TrimSpace(c) == "" {
				pr.Add("BuildCommands["+strconv.Itoa(i)+"]", quote(c), "a command")
			}
		}
	} else if p.BuildCommands != nil {
		pr.Add("BuildCommands", "[]", "at least one command that leaves the cloud assembly in cdk.out/ (nil runs npm test and npm run synth)")
	}
	if v := p.CdkCliVersion; v != "" && !versionRE.MatchString(v) {
		pr.Add("CdkCliVersion", quote(v), `an exact aws-cdk version such as "2.1148.1"`)
	}
	if q := p.BootstrapQualifier; q != "" && !qualifierRE.MatchString(q) {
		pr.Add("BootstrapQualifier", quote(q), "the bootstrap qualifier: 1 to 10 lower-case letters and digits")
	}
	pr.FiniteRetention(p.LogRetention)
	checkTimeout(pr, "BuildTimeout", p.BuildTimeout)
	checkTimeout(pr, "DeployTimeout", p.DeployTimeout)
	return pr
}

func checkStages(pr *propcheck.Problems, p *Props) {
	if len(p.Stages) == 0 {
		pr.Add("Stages", "none", "at least one target environment (Name, Account, Region, Stacks)")
	}
	seen := map[string]bool{}
	allow := p.AllowUnapprovedProduction != nil && *p.AllowUnapprovedProduction
	for i, s := range p.Stages {
		at := "Stages[" + strconv.Itoa(i) + "]"
		name := strings.ToLower(s.Name)
		switch {
		case !stageNameRE.MatchString(s.Name):
			pr.Add(at+".Name", quote(s.Name), "1 to 100 letters, digits, . @ - _")
		case slices.Contains(reserved, name):
			pr.Add(at+".Name", quote(s.Name), "a name other than Source and Build (the pipeline's own stages)")
		case seen[name]:
			pr.Add(at+".Name", quote(s.Name), "a name no other stage has (names are compared without case)")
		}
		seen[name] = true
		if !accountRE.MatchString(s.Account) {
			pr.Add(at+".Account", quote(s.Account), "a 12-digit account id")
		}
		if !regionRE.MatchString(s.Region) {
			pr.Add(at+".Region", quote(s.Region), `a region such as "eu-west-1"`)
		}
		if len(s.Stacks) == 0 {
			pr.Add(at+".Stacks", "none", "the stacks of cdk.out to deploy")
		}
		for _, st := range s.Stacks {
			if !stackRE.MatchString(st) {
				pr.Add(at+".Stacks", quote(st), "stack ids or display paths as cdk deploy takes them (letters, digits, * / _ . -)")
			}
		}
		if s.RequireApproval != nil && !*s.RequireApproval && isProduction(s, i, len(p.Stages)) && !allow {
			pr.Add(at+".RequireApproval", false, "true for a production stage (named prod, production or prd, or the last stage), unless AllowUnapprovedProduction is true")
		}
		for j, c := range s.PostDeployCommands {
			if strings.TrimSpace(c) == "" {
				pr.Add(at+".PostDeployCommands["+strconv.Itoa(j)+"]", quote(c), "a command")
			}
		}
		if r := s.PostDeployRoleArn; r != "" {
			if !roleRE.MatchString(r) {
				pr.Add(at+".PostDeployRoleArn", quote(r), "an IAM role ARN arn:<partition>:iam::<account>:role/<name>")
			}
			if s.PostDeployCommands != nil && len(s.PostDeployCommands) == 0 {
				pr.Add(at+".PostDeployRoleArn", quote(r), "nothing: the stage runs no post-deploy commands")
			}
		}
	}
}

// checkTimeout records d unless it is whole minutes from 5 to 2160 (CodeBuild's range).
func checkTimeout(pr *propcheck.Problems, prop string, d awscdk.Duration) {
	if d == nil {
		return
	}
	if m := propcheck.Seconds(d) / 60; m < 5 || m > 2160 || m != float64(int(m)) {
		pr.Add(prop, *d.ToHumanString(), "whole minutes from 5 minutes to 36 hours")
	}
}

func quote(s string) string { return strconv.Quote(s) }
