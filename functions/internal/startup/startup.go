// Package startup is the cold start every function of this project shares:
// a JSON logger on stdout, configuration errors that end the process with
// one logged line (Lambda reports the failed init in the function's log
// and its Errors metric), and, in a Lambda execution environment, a garbage
// collector tuned to the function's memory (gc.go: importing the package
// is enough).
package startup

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// Logger is the JSON logger of every function.
func Logger() *slog.Logger { return slog.New(slog.NewJSONHandler(os.Stdout, nil)) }

// Check ends the process when err is not nil, logging what failed.
func Check(log *slog.Logger, what string, err error) {
	if err != nil {
		log.Error(what, "error", err.Error())
		os.Exit(1)
	}
}

// AWSConfig loads the SDK's default configuration (the function's role and
// region) or ends the process.
func AWSConfig(log *slog.Logger) aws.Config {
	cfg, err := LoadAWSConfig()
	Check(log, "aws configuration", err)
	return cfg
}

// LoadAWSConfig is the SDK's default configuration with an HTTP client
// whose connections survive the SDK closing a request body early (see
// bodyClient).
func LoadAWSConfig() (aws.Config, error) {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return cfg, err
	}
	cfg.HTTPClient = bodyClient{next: cfg.HTTPClient}
	return cfg, nil
}
