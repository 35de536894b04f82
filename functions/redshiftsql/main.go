package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	rsd "github.com/cdk-data-patterns/patterns/functions/internal/redshiftdata"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg := startup.AWSConfig(log)
	lambda.Start(handler(redshiftdata.NewFromConfig(cfg), secretsmanager.NewFromConfig(cfg), log))
}

// Properties are the resource's properties.
type Properties struct {
	Target struct {
		ClusterIdentifier string `json:"ClusterIdentifier"`
		WorkgroupName     string `json:"WorkgroupName"`
		SecretArn         string `json:"SecretArn"`
		Database          string `json:"Database"`
	} `json:"Target"`
	Sets          [][]string     `json:"Sets"`
	PasswordUsers []PasswordUser `json:"PasswordUsers,omitempty"`
	// Once applies the SQL when the resource is created and never again:
	// for statements that cannot run twice (CREATE ROLE, ATTACH MASKING
	// POLICY). An update keeps the resource and runs nothing.
	Once string `json:"Once,omitempty"`
}

// Response is the answer to the framework.
type Response = customresource.Response

func handler(api rsd.API, sm SecretsAPI, log *slog.Logger) func(context.Context, json.RawMessage) (Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (Response, error) {
		res, err := Apply(ctx, api, sm, raw, 2*time.Second)
		if err != nil {
			log.Error("redshift sql", "error", err.Error(), "physicalResourceId", res.PhysicalResourceID)
			return res, err
		}
		log.Info("redshift sql", "physicalResourceId", res.PhysicalResourceID, "statements", res.Data["Statements"])
		return res, nil
	}
}

// Apply handles one request: parse, validate, run every set in order.
func Apply(ctx context.Context, api rsd.API, sm SecretsAPI, raw json.RawMessage, firstPoll time.Duration) (Response, error) {
	ev, err := customresource.Parse(raw)
	if err != nil {
		return Response{}, err
	}
	var p Properties
	if err := ev.Decode(&p); err != nil {
		return Response{PhysicalResourceID: ev.PhysicalResourceID}, err
	}
	id := PhysicalID(p)
	switch ev.RequestType {
	case "Delete":
		return Response{PhysicalResourceID: ev.PhysicalResourceID}, nil
	case "Update":
		if p.Once == "true" {
			return Response{PhysicalResourceID: ev.PhysicalResourceID, Data: map[string]string{"Statements": "0"}}, nil
		}
	}
	if err := p.validate(); err != nil {
		return Response{PhysicalResourceID: id}, err
	}
	r := &rsd.Runner{API: api, Target: rsd.Target{
		ClusterIdentifier: p.Target.ClusterIdentifier, WorkgroupName: p.Target.WorkgroupName,
		SecretARN: p.Target.SecretArn, Database: p.Target.Database,
	}, FirstPoll: firstPoll, MaxPoll: 10 * firstPoll, Margin: 5 * time.Second}
	users, err := userSets(ctx, sm, p.PasswordUsers)
	if err != nil {
		return Response{PhysicalResourceID: id}, err
	}
	for i, set := range users {
		if _, err := r.Batch(ctx, fmt.Sprintf("cdk-data-patterns-user-%d", i+1), set); err != nil {
			return Response{PhysicalResourceID: id}, fmt.Errorf("user %s: %w", p.PasswordUsers[i].Name, err)
		}
	}
	n := 0
	for i, set := range p.Sets {
		name := fmt.Sprintf("cdk-data-patterns-sql-%d", i+1)
		var err error
		if len(set) == 1 {
			_, err = r.Exec(ctx, name, set[0]) // outside a transaction block
		} else {
			_, err = r.Batch(ctx, name, set)
		}
		if err != nil {
			return Response{PhysicalResourceID: id}, fmt.Errorf("set %d of %d (first statement %.80q): %w", i+1, len(p.Sets), set[0], err)
		}
		n += len(set)
	}
	return Response{PhysicalResourceID: id, Data: map[string]string{"Statements": fmt.Sprint(n)}}, nil
}

func (p Properties) validate() error {
	t := p.Target
	if (t.ClusterIdentifier == "") == (t.WorkgroupName == "") {
		return fmt.Errorf("Target: give ClusterIdentifier or WorkgroupName")
	}
	if t.ClusterIdentifier != "" && t.SecretArn == "" {
		return fmt.Errorf("Target: a cluster needs SecretArn")
	}
	if t.Database == "" {
		return fmt.Errorf("Target: Database is required")
	}
	if len(p.Sets) == 0 && len(p.PasswordUsers) == 0 {
		return fmt.Errorf("Sets: no SQL to apply")
	}
	for i, s := range p.Sets {
		if len(s) == 0 {
			return fmt.Errorf("Sets[%d] is empty", i)
		}
	}
	return nil
}

// PhysicalID names the applied SQL and its target: a change of either is a
// new resource, which applies the SQL again.
func PhysicalID(p Properties) string {
	b, _ := json.Marshal(p)
	sum := sha256.Sum256(b)
	return "redshift-sql-" + hex.EncodeToString(sum[:8])
}
