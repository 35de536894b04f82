package piidiscovery

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// curated is the caller's bucket or a new SSE-KMS securebucket with the
// construct's key (the key the job's security configuration writes with).
func (d *PiiDiscovery) curated(p *Props) {
	d.CuratedPrefix = p.CuratedPrefix
	if p.CuratedBucket != nil {
		d.CuratedBucket = p.CuratedBucket
		return
	}
	d.CuratedBucket = securebucket.New(d.Construct, "Curated", &securebucket.Props{
		Encryption:    securebucket.SSEKMS,
		EncryptionKey: d.Key,
	}).Bucket
}

// jobColumn is one entry of the script's --columns.
type jobColumn struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Handling Handling `json:"handling"`
}

// arguments are the script's job arguments (glue/jobs/pii_discovery.py).
func (d *PiiDiscovery) arguments(p *Props) map[string]string {
	cols := make([]jobColumn, len(p.Columns))
	for i, c := range p.Columns {
		cols[i] = jobColumn{Name: c.Name, Type: c.Type.Hive(), Handling: c.Handling}
	}
	columns, err := json.Marshal(cols)
	if err != nil {
		panic(err.Error())
	}
	salt := "none"
	if p.SaltSecret != nil {
		salt = *p.SaltSecret.SecretArn()
	}
	minScore, batch := 0.0, float64(DefaultBatchBytes)
	if p.MinScore != nil {
		minScore = *p.MinScore
	}
	if p.BatchBytes != nil {
		batch = *p.BatchBytes
	}
	return map[string]string{
		"--raw_path":     *d.RawBucket.S3UrlForObject(jsii.String(d.RawPrefix)),
		"--curated_path": *d.CuratedBucket.S3UrlForObject(jsii.String(d.CuratedPrefix)),
		"--columns":      string(columns),
		"--language":     p.LanguageCode,
		"--entity_types": strings.Join(p.EntityTypes, ","),
		"--masking":      string(p.Mode),
		"--salt_arn":     salt,
		"--min_score":    strconv.FormatFloat(minScore, 'f', -1, 64),
		"--batch_bytes":  strconv.FormatFloat(batch, 'f', 0, 64),
	}
}

// job is the Glue job (bookmarks on, so each run reads only new raw
// objects) with exactly the grants the script needs, and its schedule.
func (d *PiiDiscovery) job(p *Props) {
	d.Job = gluejob.New(d.Construct, "Job", &gluejob.Props{
		Script:        gluejob.ShippedScript(Script),
		Arguments:     d.arguments(p),
		Workers:       p.Workers,
		EncryptionKey: d.Key,
		AlarmTopic:    d.AlarmTopic,
	})
	role := d.Job.Role
	d.Job.GrantRead(d.RawBucket, d.RawPrefix)
	d.Job.GrantWrite(d.CuratedBucket, d.CuratedPrefix)
	if p.SaltSecret != nil {
		p.SaltSecret.GrantRead(role, nil)
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("ComprehendDetectPii"),
		Actions:   jsii.Strings("comprehend:DetectPiiEntities"),
		Resources: jsii.Strings("*"),
	}))
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "comprehend:DetectPiiEntities acts on the text in the request, not on a resource: the Service Authorization Reference lists no resource type for it, " +
				"so its statement must name Resource * (only this one action is granted).",
			AppliesTo: []string{"Resource::*"},
		})
	}
	d.Trigger = awsglue.NewCfnTrigger(d.Construct, jsii.String("Schedule"), &awsglue.CfnTriggerProps{
		Type:            jsii.String("SCHEDULED"),
		Schedule:        jsii.String(p.Schedule),
		StartOnCreation: jsii.Bool(true),
		Description:     jsii.String("Runs the PII discovery job of " + *d.Node().Path()),
		Actions:         &[]any{&awsglue.CfnTrigger_ActionProperty{JobName: d.Job.Job.JobName()}},
	})
}
