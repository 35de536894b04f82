package logshipper

import (
	"path"
	"slices"
	"strings"
)

// KinesisAgentRPM is the Kinesis Agent package AWS publishes for Amazon
// Linux 2 and RHEL (noarch, Java): the fallback when the instance's own
// repositories carry no aws-kinesis-agent package.
const KinesisAgentRPM = "https://s3.amazonaws.com/streaming-data-agent/aws-kinesis-agent-latest.amzn2.noarch.rpm"

// FluentBitRepo is the yum repository file of Fluent Bit's Amazon Linux
// 2023 packages (signed; the key is checked).
const FluentBitRepo = `[fluent-bit]
name = Fluent Bit
baseurl = https://packages.fluentbit.io/amazonlinux/2023/
gpgcheck = 1
gpgkey = https://packages.fluentbit.io/fluentbit.key
enabled = 1
`

// userDataCommands is the boot script: httpd, the agent, its
// configuration, the service.
func userDataCommands(agent Agent, flows []Flow, httpd bool, config string) []string {
	cmds := []string{"set -euxo pipefail"}
	if httpd {
		cmds = append(cmds, "dnf install -y httpd", "systemctl enable --now httpd")
	}
	switch agent {
	case KinesisAgent:
		cmds = append(cmds,
			"dnf install -y java-17-amazon-corretto-headless acl",
			"dnf install -y aws-kinesis-agent || dnf install -y "+KinesisAgentRPM,
		)
		// The agent runs as aws-kinesis-agent-user: let it read the
		// files (httpd's log folder is root-only), and files rotated in later.
		var dirs []string
		for _, f := range flows {
			if d := path.Dir(f.FilePattern); !slices.Contains(dirs, d) && !strings.Contains(d, "*") {
				dirs = append(dirs, d)
			}
		}
		for _, d := range dirs {
			cmds = append(cmds, "mkdir -p "+d,
				"setfacl -m u:aws-kinesis-agent-user:rx "+d,
				"setfacl -d -m u:aws-kinesis-agent-user:r "+d,
				"find "+d+" -maxdepth 1 -type f -exec setfacl -m u:aws-kinesis-agent-user:r {} +")
		}
		cmds = append(cmds, heredoc(KinesisAgentConfigPath, config)...)
		cmds = append(cmds, "systemctl enable aws-kinesis-agent", "systemctl restart aws-kinesis-agent")
	default:
		cmds = append(cmds, heredoc("/etc/yum.repos.d/fluent-bit.repo", FluentBitRepo)...)
		cmds = append(cmds, "dnf install -y fluent-bit", "mkdir -p /var/lib/fluent-bit/buffer")
		cmds = append(cmds, heredoc(FluentBitConfigPath, config)...)
		cmds = append(cmds, "systemctl enable fluent-bit", "systemctl restart fluent-bit")
	}
	return cmds
}

// heredoc writes content to file verbatim (quoted delimiter: no shell expansion).
func heredoc(file, content string) []string {
	return []string{"mkdir -p " + path.Dir(file), "cat > " + file + " <<'LOGSHIPPER_EOF'\n" + strings.TrimRight(content, "\n") + "\nLOGSHIPPER_EOF"}
}
