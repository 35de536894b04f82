package warehouse

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshift"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// ResizeProps configure a scheduled resize of a provisioned cluster
// (catalogue DWH-07).
type ResizeProps struct {
	// Schedule is when the resize runs, in UTC: once, "at(2026-12-24T18:00:00)",
	// or recurring, a six-field cron whose minutes field is one number
	// (Redshift runs a scheduled action at most once an hour) and whose
	// day-of-month or day-of-week is "?": "cron(0 6 ? * MON *)".
	Schedule string
	// Nodes is the number of nodes after the resize, 1 to 128.
	Nodes float64
	// NodeType after the resize.
	// @default the cluster's node type
	NodeType *string
	// Classic uses classic resize: a new cluster is provisioned and the data
	// copied while the old one is read-only, for hours to days. Use it for
	// what elastic resize cannot do: to or from a single node, or to a
	// non-RA3 node type.
	// @default false (elastic resize: minutes, the cluster stays the same)
	Classic bool
	// Enabled says whether the action runs; a disabled action stays in the
	// account, ready to be turned on.
	// @default true
	Enabled *bool
}

// PauseResumeProps configure a pause and a resume of a provisioned cluster
// (catalogue DWH-07): while paused, only storage is billed.
type PauseResumeProps struct {
	// Pause and Resume are when the cluster pauses and resumes, in UTC, in
	// the forms of ResizeProps.Schedule: "cron(0 20 ? * MON-FRI *)" and
	// "cron(0 6 ? * MON-FRI *)". Both are required: a paused cluster that
	// nothing resumes fails every load and schedule until someone does.
	Pause, Resume string
	// Enabled says whether the actions run.
	// @default true
	Enabled *bool
}

var (
	// atRE is Redshift's one-time schedule at(yyyy-mm-ddThh:mm:ss).
	atRE = regexp.MustCompile(`^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$`)
	// actionCronRE is a six-field cron with a single minute: Redshift
	// rejects schedules whose invocations are less than an hour apart.
	actionCronRE = regexp.MustCompile(`^cron\(([0-9]|[1-5][0-9]) (\S+) (\S+) (\S+) (\S+) (\S+)\)$`)
)

// actionScheduleAllowed is what a scheduled action's schedule may be.
const actionScheduleAllowed = `"at(yyyy-mm-ddThh:mm:ss)" or a six-field "cron(minute hour day-of-month month day-of-week year)" in UTC ` +
	`with one minute value (Redshift runs an action at most once an hour) and "?" in day-of-month or day-of-week, e.g. "cron(0 20 ? * MON-FRI *)"`

// checkActionSchedule records prop unless v is a schedule Redshift accepts
// for a scheduled action.
func checkActionSchedule(pr *propcheck.Problems, prop, v string) {
	if m := atRE.FindStringSubmatch(v); m != nil {
		if _, err := time.Parse("2006-01-02T15:04:05", m[1]); err != nil {
			pr.Add(prop, v, actionScheduleAllowed+" (not a valid date and time)")
		}
		return
	}
	m := actionCronRE.FindStringSubmatch(v)
	if m == nil {
		pr.Add(prop, v, actionScheduleAllowed)
		return
	}
	if dom, dow := m[3], m[5]; (dom == "?") == (dow == "?") {
		pr.Add(prop, v, actionScheduleAllowed+` (exactly one of day-of-month and day-of-week is "?")`)
	}
}

// ScheduleResize resizes a provisioned cluster on a schedule with an
// AWS::Redshift::ScheduledAction (elastic by default, classic with
// Classic), run by the warehouse's scheduled-action role. Invalid props,
// and a serverless warehouse (which scales with BaseCapacity and
// MaxCapacity instead), fail synthesis.
func (w *Warehouse) ScheduleResize(id string, p ResizeProps) awsredshift.CfnScheduledAction {
	pr := propcheck.For("warehouse.ScheduleResize", w.Construct, id)
	w.checkProvisioned(pr)
	checkActionSchedule(pr, "Schedule", p.Schedule)
	nodeType := w.nodeType
	if p.NodeType != nil {
		nodeType = *p.NodeType
		if !nodeTypeRE.MatchString(nodeType) {
			pr.Add("NodeType", nodeType, "a Redshift node type such as ra3.large, ra3.xlplus or ra3.4xlarge")
		}
	}
	switch n := p.Nodes; {
	case n < 1 || n > 128 || n != math.Trunc(n):
		pr.Add("Nodes", n, "a whole number from 1 to 128")
	case n == 1 && !slices.Contains(SingleNodeTypes, nodeType):
		pr.Add("Nodes", 1, nodeType+" is a multi-node type: at least 2 nodes (single-node clusters exist only for ra3.large, ra3.xlplus and dc2.large)")
	case !p.Classic && (n == 1 || w.nodes == 1):
		pr.Add("Nodes", n, "elastic resize does not go to or from a single node: at least 2 nodes on a multi-node cluster, or Classic true")
	case n == w.nodes && nodeType == w.nodeType && w.Type == Provisioned:
		pr.Add("Nodes/NodeType", nodeType+" × "+formatNodes(n), "a size other than the cluster's own (the resize would do nothing)")
	}
	if !p.Classic && nodeType != w.nodeType && !strings.HasPrefix(nodeType, "ra3.") {
		pr.Add("NodeType", nodeType, "an RA3 node type for an elastic resize that changes the node type, or Classic true")
	}
	pr.Fail()
	msg := &awsredshift.CfnScheduledAction_ResizeClusterMessageProperty{
		ClusterIdentifier: jsii.String(w.Name),
		NumberOfNodes:     jsii.Number(p.Nodes),
		Classic:           jsii.Bool(p.Classic),
	}
	if p.NodeType != nil {
		msg.NodeType = jsii.String(nodeType)
	}
	if p.Nodes == 1 {
		msg.ClusterType = jsii.String("single-node")
	} else if w.nodes == 1 {
		msg.ClusterType = jsii.String("multi-node")
	}
	kind := "elastic"
	if p.Classic {
		kind = "classic"
	}
	return w.scheduledAction(id, p.Schedule, p.Enabled, "redshift:ResizeCluster",
		"Scheduled "+kind+" resize to "+nodeType+" × "+formatNodes(p.Nodes),
		&awsredshift.CfnScheduledAction_ScheduledActionTypeProperty{ResizeCluster: msg})
}

// SchedulePauseResume pauses and resumes a provisioned cluster on a
// schedule with two AWS::Redshift::ScheduledAction resources (id+"Pause",
// id+"Resume"). While the cluster is paused, queries, loads, the Data API
// and a DMS task writing into it fail: schedule them outside the pause.
// A serverless warehouse, which bills only while queries run, fails
// synthesis.
func (w *Warehouse) SchedulePauseResume(id string, p PauseResumeProps) (pause, resume awsredshift.CfnScheduledAction) {
	pr := propcheck.For("warehouse.SchedulePauseResume", w.Construct, id)
	w.checkProvisioned(pr)
	checkActionSchedule(pr, "Pause", p.Pause)
	checkActionSchedule(pr, "Resume", p.Resume)
	if p.Pause != "" && p.Pause == p.Resume {
		pr.Add("Resume", p.Resume, "a schedule other than Pause's")
	}
	pr.Fail()
	pause = w.scheduledAction(id+"Pause", p.Pause, p.Enabled, "redshift:PauseCluster", "Scheduled pause",
		&awsredshift.CfnScheduledAction_ScheduledActionTypeProperty{
			PauseCluster: &awsredshift.CfnScheduledAction_PauseClusterMessageProperty{ClusterIdentifier: jsii.String(w.Name)},
		})
	resume = w.scheduledAction(id+"Resume", p.Resume, p.Enabled, "redshift:ResumeCluster", "Scheduled resume",
		&awsredshift.CfnScheduledAction_ScheduledActionTypeProperty{
			ResumeCluster: &awsredshift.CfnScheduledAction_ResumeClusterMessageProperty{ClusterIdentifier: jsii.String(w.Name)},
		})
	return pause, resume
}

// checkProvisioned refuses scheduled actions on serverless.
func (w *Warehouse) checkProvisioned(pr *propcheck.Problems) {
	if w.Type == Serverless {
		pr.Add("Type", Serverless, "a provisioned cluster: Redshift Serverless cannot be paused or resized by a scheduled action; "+
			"it bills only while queries run and scales between BaseCapacity and MaxCapacity RPUs (set those instead)")
	}
}

// scheduledAction is one AWS::Redshift::ScheduledAction on this cluster,
// run by the warehouse's action role, which may call action on exactly
// this cluster.
func (w *Warehouse) scheduledAction(id, schedule string, enabled *bool, action, description string, target *awsredshift.CfnScheduledAction_ScheduledActionTypeProperty) awsredshift.CfnScheduledAction {
	role := w.scheduledActionRole()
	if !w.actionGrants[action] {
		w.actionGrants[action] = true
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings(action), Resources: &[]*string{w.arn("cluster", w.Name)},
		}))
	}
	on := enabled == nil || *enabled
	sa := awsredshift.NewCfnScheduledAction(w.Construct, jsii.String(id), &awsredshift.CfnScheduledActionProps{
		ScheduledActionName:        jsii.String(actionName(w.Construct, id)),
		ScheduledActionDescription: jsii.String(description + " of " + *w.Node().Path() + " (" + schedule + " UTC)"),
		Schedule:                   jsii.String(schedule),
		Enable:                     jsii.Bool(on),
		IamRole:                    role.RoleArn(),
		TargetAction:               target,
	})
	sa.Node().AddDependency(w.Cluster)
	// The action is checked against the role's policy when it is created.
	sa.Node().AddDependency(role)
	return sa
}

// scheduledActionRole is the role Redshift's scheduler assumes to run the
// warehouse's scheduled actions, created by the first one.
func (w *Warehouse) scheduledActionRole() awsiam.Role {
	if w.actionRole == nil {
		w.actionGrants = map[string]bool{}
		w.actionRole = awsiam.NewRole(w.Construct, jsii.String("ScheduledActionRole"), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.redshift.amazonaws.com"), nil),
			Description: jsii.String("Runs the scheduled pause, resume and resize actions of " + *w.Node().Path()),
		})
	}
	return w.actionRole
}

// actionName is a scheduled action's name, unique in the account: the
// warehouse's unique name (with its path hash) and the action's id,
// lowercase letters, digits and hyphens, at most 60 characters.
func actionName(c constructs.Construct, id string) string {
	suffix := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(id))
	if len(suffix) > 30 {
		suffix = suffix[:30]
	}
	limit := 60 - 1 - len(suffix)
	n := strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(float64(limit)), Separator: jsii.String("-"),
	}))
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		n = ("sa-" + n)[:min(len(n)+3, limit)]
	}
	return strings.Trim(n, "-") + "-" + suffix
}

func formatNodes(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

// SlicesPerNode is the number of slices of each node type of a new
// provisioned cluster (Redshift Management Guide, "Node type details").
var SlicesPerNode = map[string]float64{
	"ra3.large": 2, "ra3.xlplus": 2, "ra3.4xlarge": 4, "ra3.16xlarge": 16,
	"dc2.large": 2, "dc2.8xlarge": 16,
}

// Slices is the slice count of a provisioned cluster as created (node
// type × nodes), for COPY's files-per-slice rule (DWH-03), or 0 when it is
// not known: serverless, or a node type SlicesPerNode does not list. An
// elastic resize keeps the slice count (it moves slices between nodes); a
// classic resize changes it to the new node type × nodes.
func (w *Warehouse) Slices() float64 {
	if w.Type == Serverless {
		return 0
	}
	return SlicesPerNode[w.nodeType] * w.nodes
}
