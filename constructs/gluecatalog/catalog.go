package gluecatalog

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Catalog is a Glue database and the crawler that keeps its tables in step
// with S3.
type Catalog struct {
	constructs.Construct
	// Database receives the tables.
	Database awsglue.IDatabase
	// DatabaseName is the database's name.
	DatabaseName *string
	// Crawler crawls the targets.
	Crawler awsglue.CfnCrawler
	// Classifier is the custom CSV classifier of Props.Delimited (nil
	// without it).
	Classifier awsglue.CfnClassifier
	// Role runs the crawler.
	Role awsiam.IRole
	// Key encrypts the crawler's logs.
	Key awskms.IKey
	// SecurityConfiguration of the crawler.
	SecurityConfiguration awsglue.ISecurityConfiguration
}

// New creates the database (unless given) and the crawler. Invalid props
// fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Catalog {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	cat := &Catalog{Construct: c}
	cat.Database = p.ExistingDatabase
	if cat.Database == nil {
		name := p.DatabaseName
		if name == nil {
			name = jsii.String(strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
				MaxLength: jsii.Number(64), Separator: jsii.String("_"),
			})))
		}
		cat.Database = awsglue.NewDatabase(c, jsii.String("Database"), &awsglue.DatabaseProps{
			DatabaseName:  name,
			Description:   jsii.String("Tables crawled by " + *c.Node().Path()),
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
	}
	cat.DatabaseName = cat.Database.DatabaseName()
	cat.Key = p.EncryptionKey
	if cat.Key == nil {
		cat.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the Glue crawler "+*c.Node().Path())
	}
	cat.SecurityConfiguration = gluebase.SecurityConfiguration(c, cat.Key, false)
	cat.Role = p.ExistingRole
	if cat.Role == nil {
		cat.Role = gluebase.NewRole(c, "Runs the Glue crawler "+*c.Node().Path())
	}
	grantCrawler(cat, &p)
	cat.Crawler = crawler(c, cat, &p)
	return cat
}

// configuration is the crawler's Configuration JSON.
func configuration(p *Props) string {
	conf := map[string]any{"Version": 1.0}
	grouping := map[string]any{}
	if p.SingleTable == nil || *p.SingleTable {
		grouping["TableGroupingPolicy"] = "CombineCompatibleSchemas"
		conf["CrawlerOutput"] = map[string]any{"Partitions": map[string]any{"AddOrUpdateBehavior": "InheritFromTable"}}
	}
	if p.TableLevel != nil {
		grouping["TableLevelConfiguration"] = int(*p.TableLevel)
	}
	if len(grouping) > 0 {
		conf["Grouping"] = grouping
	}
	b, _ := json.Marshal(conf)
	return string(b)
}

func crawler(c constructs.Construct, cat *Catalog, p *Props) awsglue.CfnCrawler {
	cp := awsglue.CfnCrawlerProps{}
	if p.CrawlerProps != nil {
		cp = *p.CrawlerProps
	}
	cp.Role = cat.Role.RoleArn()
	cp.DatabaseName = cat.DatabaseName
	exclusions := p.Exclusions
	if exclusions == nil {
		exclusions = DefaultExclusions
	}
	targets := make([]any, len(p.Targets))
	for i, t := range p.Targets {
		targets[i] = &awsglue.CfnCrawler_S3TargetProperty{
			Path:       t.Bucket.S3UrlForObject(jsii.String(t.Prefix)),
			Exclusions: jsii.Strings(append(append([]string{}, exclusions...), t.Exclusions...)...),
		}
	}
	cp.Targets = &awsglue.CfnCrawler_TargetsProperty{S3Targets: &targets}
	if cp.Configuration == nil {
		cp.Configuration = jsii.String(configuration(p))
	}
	if cp.SchemaChangePolicy == nil {
		update, del := p.UpdateBehavior, p.DeleteBehavior
		if update == "" {
			update = UpdateInDatabase
		}
		if del == "" {
			del = DeprecateInDatabase
		}
		cp.SchemaChangePolicy = &awsglue.CfnCrawler_SchemaChangePolicyProperty{
			UpdateBehavior: jsii.String(string(update)),
			DeleteBehavior: jsii.String(string(del)),
		}
	}
	if cp.RecrawlPolicy == nil {
		behavior := "CRAWL_EVERYTHING"
		if p.NewFoldersOnly != nil && *p.NewFoldersOnly {
			behavior = "CRAWL_NEW_FOLDERS_ONLY"
		}
		cp.RecrawlPolicy = &awsglue.CfnCrawler_RecrawlPolicyProperty{RecrawlBehavior: jsii.String(behavior)}
	}
	if cp.Schedule == nil && p.Schedule != nil {
		cp.Schedule = &awsglue.CfnCrawler_ScheduleProperty{ScheduleExpression: p.Schedule}
	}
	if cp.TablePrefix == nil {
		cp.TablePrefix = p.TablePrefix
	}
	if cp.Classifiers == nil && p.Delimited != nil {
		cat.Classifier = classifier(c, p.Delimited)
		cp.Classifiers = &[]*string{cat.Classifier.Ref()}
	}
	if cp.CrawlerSecurityConfiguration == nil {
		cp.CrawlerSecurityConfiguration = cat.SecurityConfiguration.SecurityConfigurationName()
	}
	if cp.Description == nil {
		cp.Description = jsii.String("Keeps the tables of " + *c.Node().Path() + " in step with S3")
	}
	crawler := awsglue.NewCfnCrawler(c, jsii.String("Crawler"), &cp)
	// The role's policy must exist before the crawler first runs.
	if policy := cat.Role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		crawler.Node().AddDependency(policy)
	}
	return crawler
}

// grantCrawler gives the role exactly what a crawler of these targets and
// this database does: list and read the prefixes, decrypt their objects,
// read and change the database's tables and partitions, write its logs.
func grantCrawler(cat *Catalog, p *Props) {
	role := cat.Role
	for _, t := range p.Targets {
		gluebase.GrantReadPrefix(role, t.Bucket, t.Prefix)
	}
	actions := []string{"glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
		"glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition",
		"glue:UpdatePartition", "glue:BatchUpdatePartition"}
	if p.DeleteBehavior == DeleteFromDatabase {
		actions = append(actions, "glue:DeleteTable", "glue:BatchDeleteTable", "glue:DeletePartition", "glue:BatchDeletePartition")
	}
	arns := gluebase.CatalogArns(cat.Construct, cat.DatabaseName, "*")
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("CrawlerCatalog"),
		Actions:   jsii.Strings(actions...),
		Resources: &arns,
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("CrawlerSecurityConfiguration"),
		Actions:   jsii.Strings("glue:GetSecurityConfiguration"),
		Resources: jsii.Strings("*"),
	}))
	gluebase.GrantLogs(role)
	gluebase.GrantKey(role, cat.Key)
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, gluebase.LogsSuppression, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "A crawler names the tables it makes from the folders it finds, so its catalog grant covers the tables of its own database (table/<database>/*); " +
				"it reads the objects under its targets' prefixes only; glue:GetSecurityConfiguration has no resource-level permissions.",
			AppliesTo: []string{`/^Resource::arn:.*:glue:.*:table\/.*\/\*$/`, `/^Resource::.*\/\*$/`, "Resource::*"},
		})
	}
}
