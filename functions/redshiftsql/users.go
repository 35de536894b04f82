package main

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// SecretsAPI reads the password users' secrets (*secretsmanager.Client).
type SecretsAPI interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// PasswordUser is a user whose password is in a secret.
type PasswordUser struct {
	Name      string `json:"Name"`
	SecretArn string `json:"SecretArn"`
}

var userRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,126}$`)

// UserSQL is the statement that creates name with the password, or sets the
// password of an existing user: Redshift has no CREATE USER IF NOT EXISTS,
// so a stored procedure decides (created by the same set). The password is
// sent as Redshift's MD5 form ('md5' + md5(password + user name)) so the
// statement history never holds it.
func UserSQL(name, password string) ([]string, error) {
	if !userRE.MatchString(name) {
		return nil, fmt.Errorf("user name %q: lowercase letters, digits and underscores", name)
	}
	if len(password) < 8 || len(password) > 64 {
		return nil, fmt.Errorf("user %s: the secret's password must be 8 to 64 characters", name)
	}
	sum := md5.Sum([]byte(password + name))
	hash := "md5" + hex.EncodeToString(sum[:])
	return []string{
		`CREATE OR REPLACE PROCEDURE cdp_ensure_user(u VARCHAR(128), h VARCHAR(64)) AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_user WHERE usename = u) THEN
    EXECUTE 'ALTER USER ' || quote_ident(u) || ' PASSWORD ' || quote_literal(h);
  ELSE
    EXECUTE 'CREATE USER ' || quote_ident(u) || ' PASSWORD ' || quote_literal(h);
  END IF;
END;
$$ LANGUAGE plpgsql`,
		fmt.Sprintf("CALL cdp_ensure_user('%s', '%s')", name, hash),
	}, nil
}

// userSets reads each secret and returns one set per user.
func userSets(ctx context.Context, sm SecretsAPI, users []PasswordUser) ([][]string, error) {
	var sets [][]string
	for _, u := range users {
		out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(u.SecretArn)})
		if err != nil {
			return nil, fmt.Errorf("user %s: reading its secret: %w", u.Name, err)
		}
		var v struct {
			Password string `json:"password"`
		}
		if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &v); err != nil {
			return nil, fmt.Errorf("user %s: the secret is not JSON with a password", u.Name)
		}
		set, err := UserSQL(u.Name, v.Password)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set)
	}
	return sets, nil
}
