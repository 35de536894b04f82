package cicd

import (
	"strings"
)

// Runtimes the CodeBuild standard images install in the install phase. Go
// then switches to the toolchain go.mod asks for (GOTOOLCHAIN=auto fetches
// it from the module proxy), so the image's Go only has to be 1.21 or newer.
var buildRuntimes = map[string]any{"golang": "1.24", "nodejs": "20"}

// buildSpec runs the build commands at the repository's root and keeps
// cdk.out/ (with that folder name, so `--app cdk.out` finds it) as the cloud
// assembly artifact.
func buildSpec(commands []string) map[string]any {
	return map[string]any{
		"version": "0.2",
		"env": map[string]any{
			"shell":     "bash",
			"variables": map[string]any{"CI": "true", "GOTOOLCHAIN": "auto"},
		},
		"phases": map[string]any{
			"install": map[string]any{"runtime-versions": buildRuntimes},
			"build":   map[string]any{"commands": commands},
		},
		"artifacts": map[string]any{"files": []string{"cdk.out/**/*"}},
	}
}

// deployCommand is the deployment of one stage from the cloud assembly.
func deployCommand(stacks []string) string {
	return "npx cdk deploy --app cdk.out " + strings.Join(stacks, " ") + " --require-approval never --ci --progress events"
}

// deploySpec installs the pinned CDK CLI beside the cloud assembly and
// deploys the stage's stacks. The CLI assumes the target's bootstrap roles
// named in the assembly (deploy role, file-publishing role).
func deploySpec(stacks []string, cliVersion string) map[string]any {
	return map[string]any{
		"version": "0.2",
		"env":     map[string]any{"shell": "bash"},
		"phases": map[string]any{
			"install": map[string]any{
				"runtime-versions": map[string]any{"nodejs": buildRuntimes["nodejs"]},
				"commands":         []string{"npm install --no-save --no-package-lock --no-audit --no-fund aws-cdk@" + cliVersion},
			},
			"build": map[string]any{"commands": []string{deployCommand(stacks)}},
		},
	}
}

// assumeCommand exports the credentials of the role in $POST_DEPLOY_ROLE_ARN
// for the commands after it (buildspec 0.2 runs a phase's commands in one shell).
const assumeCommand = `export $(printf "AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s" ` +
	`$(aws sts assume-role --role-arn "$POST_DEPLOY_ROLE_ARN" --role-session-name "e2e-$STAGE" ` +
	`--query "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]" --output text))`

// testSpec runs a stage's post-deploy commands at the repository's root,
// after assuming the stage's test role when there is one.
func testSpec(commands []string, assume bool) map[string]any {
	cmds := commands
	if assume {
		cmds = append([]string{assumeCommand}, commands...)
	}
	return map[string]any{
		"version": "0.2",
		"env":     map[string]any{"shell": "bash"},
		"phases": map[string]any{
			"install": map[string]any{"runtime-versions": buildRuntimes},
			"build":   map[string]any{"commands": cmds},
		},
	}
}
