package main

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	var b Backend
	if cfg.Spec.Backend == query.Athena {
		b = &Athena{API: athena.NewFromConfig(awsCfg), WorkGroup: cfg.WorkGroup, Catalog: cfg.Catalog, Database: cfg.Database, ReuseMinutes: cfg.ReuseMinutes}
	} else {
		b = &Redshift{API: redshiftdata.NewFromConfig(awsCfg), ClusterIdentifier: cfg.ClusterIdentifier, WorkgroupName: cfg.RedshiftWorkgroup,
			Database: cfg.Database, DbUser: cfg.DbUser, SecretARN: cfg.SecretARN}
	}
	api, err := NewAPI(cfg.Spec, b, &KMSMAC{API: kms.NewFromConfig(awsCfg), KeyID: cfg.MACKeyID}, log)
	startup.Check(log, "queries", err)
	lambda.Start(api.Handle)
}
