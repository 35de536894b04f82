package mwaa

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE    = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z_-]{0,59}$`)
	versionRE = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	logLevels = []string{"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("mwaa", scope, id)
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 60 letters, digits, - and _, starting with a letter")
	}
	if p.AirflowVersion != "" && !versionRE.MatchString(p.AirflowVersion) {
		pr.Add("AirflowVersion", p.AirflowVersion, `an Airflow version Amazon MWAA supports, as major.minor.patch (e.g. "`+DefaultAirflowVersion+`", "2.11.0")`)
	}
	if c := p.EnvironmentClass; c != "" && !slices.Contains(EnvironmentClasses, c) {
		pr.Add("EnvironmentClass", c, "one of "+strings.Join(EnvironmentClasses, ", "))
	}
	checkWorkers(pr, p)
	switch p.WebserverAccessMode {
	case "", "PRIVATE_ONLY":
	case "PUBLIC_ONLY":
		if p.AllowPublicWebserver == nil || !*p.AllowPublicWebserver {
			pr.Add("WebserverAccessMode", "PUBLIC_ONLY", "PRIVATE_ONLY (the default); a web server on the internet needs AllowPublicWebserver: true as well")
		}
	default:
		pr.Add("WebserverAccessMode", p.WebserverAccessMode, "PRIVATE_ONLY or PUBLIC_ONLY")
	}
	if p.LogLevel != "" && !slices.Contains(logLevels, p.LogLevel) {
		pr.Add("LogLevel", p.LogLevel, strings.Join(logLevels, ", "))
	}
	pr.FiniteRetention(p.LogRetention)
	checkNetwork(pr, p)
	checkBucket(pr, p)
	return pr
}

func checkWorkers(pr *propcheck.Problems, p *Props) {
	whole := func(prop string, v *float64) bool {
		if v != nil && (*v < 1 || *v > 25 || *v != float64(int(*v))) {
			pr.Add(prop, *v, "a whole number of workers from 1 to 25")
			return false
		}
		return true
	}
	okMin, okMax := whole("MinWorkers", p.MinWorkers), whole("MaxWorkers", p.MaxWorkers)
	lo, hi := 1.0, 2.0
	if p.MinWorkers != nil {
		lo = *p.MinWorkers
	}
	if p.MaxWorkers != nil {
		hi = *p.MaxWorkers
	}
	if okMin && okMax && lo > hi {
		pr.Addf("MinWorkers = %v, MaxWorkers = %v: MinWorkers must not exceed MaxWorkers (MaxWorkers defaults to 2)", lo, hi)
	}
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc (the new VPC's two isolated subnets are used)")
		}
		return
	}
	if len(p.ExtraEndpoints) > 0 {
		pr.Add("ExtraEndpoints", len(p.ExtraEndpoints), "none with an existing Vpc: the construct creates endpoints only in its own VPC")
	}
	ids, err := selectSubnets(p.Vpc, subnetSelection(p))
	if err != nil {
		pr.Add("VpcSubnets", err.Error(), "a selection of two private subnets of Vpc in different zones")
		return
	}
	if len(ids) != 2 {
		pr.Add("VpcSubnets", fmt.Sprintf("%d subnet(s)", len(ids)), "exactly two private subnets in different zones (Amazon MWAA runs in two)")
	}
}

func subnetSelection(p *Props) *awsec2.SubnetSelection {
	if p.VpcSubnets != nil {
		return p.VpcSubnets
	}
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
}

// selectSubnets returns the ids of the subnets sel selects in vpc, or the
// CDK's error when it selects none.
func selectSubnets(vpc awsec2.IVpc, sel *awsec2.SubnetSelection) (ids []*string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return *vpc.SelectSubnets(sel).SubnetIds, nil
}

func checkBucket(pr *propcheck.Problems, p *Props) {
	if path := p.DagS3Path; path != "" && (strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") || strings.HasPrefix(path, "s3:")) {
		pr.Add("DagS3Path", path, `a folder of the bucket without leading or trailing slash, e.g. "dags"`)
	}
	if p.RequirementsS3ObjectVersion != "" && p.RequirementsS3Path == "" {
		pr.Add("RequirementsS3ObjectVersion", p.RequirementsS3ObjectVersion, "only with RequirementsS3Path (the key of requirements.txt)")
	}
	if p.DagConfig != nil && p.DagsDirectory == "" {
		pr.Add("DagConfig", "set", "only with DagsDirectory (it is uploaded beside the DAGs)")
	}
	if p.DagBucketVersioned != nil && p.DagBucket == nil {
		pr.Add("DagBucketVersioned", *p.DagBucketVersioned, "only with DagBucket (the new bucket is versioned)")
	}
	if p.DagBucket == nil {
		return
	}
	versioned, known := bucketVersioning(p.DagBucket)
	switch {
	case known && !versioned:
		pr.Add("DagBucket", *p.DagBucket.Node().Path(), "a versioned bucket (VersioningConfiguration Status Enabled): Amazon MWAA reads DAGs, requirements and plugins by object version")
	case !known && (p.DagBucketVersioned == nil || !*p.DagBucketVersioned):
		pr.Add("DagBucket", *p.DagBucket.Node().Path(), "a versioned bucket: this one is imported, so confirm its versioning with DagBucketVersioned: true")
	}
}

// bucketVersioning reads the versioning of a bucket defined in this app
// (known), from its AWS::S3::Bucket's VersioningConfiguration.
func bucketVersioning(b awss3.IBucket) (versioned, known bool) {
	child := b.Node().DefaultChild()
	if child == nil || !*awss3.CfnBucket_IsCfnBucket(child) {
		return false, false
	}
	cfn := child.(awss3.CfnBucket)
	v := cfn.VersioningConfiguration()
	if v == nil {
		return false, true
	}
	raw, _ := json.Marshal(awscdk.Stack_Of(cfn).Resolve(v))
	return strings.Contains(string(raw), `"Enabled"`), true
}
