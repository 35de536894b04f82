package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "hash" {
		os.Exit(hashCommand())
	}
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	a := &Authenticator{Config: cfg, Secrets: secretsmanager.NewFromConfig(startup.AWSConfig(log)), Log: log}
	lambda.Start(a.Handle)
}

// hashCommand prints the hash of the password read from the first line of
// standard input.
func hashCommand() int {
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		fmt.Fprintln(os.Stderr, "usage: sftpauth hash < file-with-the-password", err)
		return 2
	}
	h, err := HashPassword(line, MinIterations)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(h)
	return 0
}

// SecretGetter is the one Secrets Manager call the function makes.
type SecretGetter interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, optFns ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// Authenticator answers Transfer's login requests.
type Authenticator struct {
	Config  Config
	Secrets SecretGetter
	Log     *slog.Logger
}

// Handle is the Lambda handler: it decodes the event itself, so that a
// malformed event is a denial, not an error.
func (a *Authenticator) Handle(ctx context.Context, raw json.RawMessage) (Response, error) {
	ev, ip, err := ParseEvent(raw)
	if err != nil {
		a.Log.Warn("login denied", "reason", err.Error())
		return Response{}, nil
	}
	resp, reason, err := a.Authenticate(ctx, ev, ip)
	method := "publickey"
	if ev.Password != "" {
		method = "password"
	}
	switch {
	case err != nil:
		a.Log.Error("login failed", "user", ev.Username, "sourceIp", ev.SourceIP, "serverId", ev.ServerID, "method", method, "error", err.Error())
	case reason != "":
		a.Log.Warn("login denied", "user", ev.Username, "sourceIp", ev.SourceIP, "serverId", ev.ServerID, "method", method, "reason", reason)
	default:
		a.Log.Info("login allowed", "user", ev.Username, "sourceIp", ev.SourceIP, "serverId", ev.ServerID, "method", method)
	}
	return resp, err
}

// Authenticate decides one login of a checked event. It returns the
// response, or an empty one with the reason of the denial, or an error when
// the record could not be read.
func (a *Authenticator) Authenticate(ctx context.Context, ev Event, ip netip.Addr) (Response, string, error) {
	out, err := a.Secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String(a.Config.SecretPrefix + "/" + ev.Username),
	})
	var nf *smtypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		if ev.Password != "" {
			decoy.verify(ev.Password)
		}
		return Response{}, "unknown user", nil
	}
	if err != nil {
		return Response{}, "", fmt.Errorf("reading the user's secret: %w", err)
	}
	if out.SecretString == nil {
		return Response{}, "record is not a string secret", nil
	}
	rec, err := ParseRecord([]byte(*out.SecretString), ev.Username, a.Config)
	if err != nil {
		return Response{}, "invalid record: " + err.Error(), nil
	}
	switch {
	case rec.Disabled:
		return Response{}, "user disabled", nil
	case !rec.allows(ip):
		return Response{}, "source address not in allowedCidrs", nil
	case ev.Password != "" && rec.hash == nil:
		decoy.verify(ev.Password)
		return Response{}, "password login of a user without passwordHash", nil
	case ev.Password != "" && !rec.hash.verify(ev.Password):
		return Response{}, "wrong password", nil
	case ev.Password == "" && len(rec.PublicKeys) == 0:
		return Response{}, "key login of a user without publicKeys", nil
	case ev.Password != "" && a.Config.KeyAndPassword && len(rec.PublicKeys) == 0:
		return Response{}, "key-and-password login of a user without publicKeys", nil
	}
	// Transfer checks the client's key against PublicKeys: they answer a
	// key login, and a password login only when the server wants both.
	var keys []string
	if ev.Password == "" || a.Config.KeyAndPassword {
		keys = rec.PublicKeys
	}
	home, err := json.Marshal(rec.HomeDirectoryDetails)
	if err != nil {
		return Response{}, "", err
	}
	policy, err := sessionPolicy(a.Config, rec.HomeDirectoryDetails)
	if err != nil {
		return Response{}, "", err
	}
	role := rec.Role
	if role == "" {
		role = a.Config.RoleArn
	}
	return Response{
		Role:                 role,
		HomeDirectoryType:    "LOGICAL",
		HomeDirectoryDetails: string(home),
		PublicKeys:           keys,
		Policy:               policy,
	}, "", nil
}
