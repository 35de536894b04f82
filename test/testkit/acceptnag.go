package testkit

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/checks"
)

// AcceptNag acknowledges, on one resource of a test configuration, the
// compliance packs' rule (e.g. "S3DefaultEncryptionKMS", in every pack that
// has it) that the configuration breaks on purpose: a fixture standing in
// for a user's resource, or an option the test exercises that the packs
// rightly flag. It is the cdk-nag counterpart of ExpectGuard; reason says
// which of the two it is, in a full sentence.
func AcceptNag(resource constructs.IConstruct, rule, reason string) {
	if len(reason) < 40 || !strings.HasSuffix(reason, ".") {
		panic(fmt.Sprintf("testkit.AcceptNag: %s on %s needs a reason of at least one full sentence", rule, *resource.Node().Path()))
	}
	checks.Suppress(resource, "Test configuration: "+reason, checks.PackRules(rule)...)
}
