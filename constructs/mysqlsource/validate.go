package mysqlsource

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	versionRE  = regexp.MustCompile(`^8\.0\.\d+$`)
	classRE    = regexp.MustCompile(`^db\.[a-z0-9]+\.[a-z0-9]+$`)
	userRE     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,15}$`)
	databaseRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,63}$`)
	// defaultUsers are the administrator names Control Tower's
	// CT.RDS.PR.22 and common scanners treat as defaults, and RDS's own.
	defaultUsers = map[string]bool{"admin": true, "root": true, "administrator": true, "rdsadmin": true, "mysql": true}
	intervals    = map[float64]bool{1: true, 5: true, 10: true, 15: true, 30: true, 60: true}
	// shorterThanAYear are the retentions CT.CLOUDWATCH.PR.2 fails.
	shorterThanAYear = map[awslogs.RetentionDays]bool{}
)

func init() {
	for _, r := range []awslogs.RetentionDays{
		awslogs.RetentionDays_ONE_DAY, awslogs.RetentionDays_THREE_DAYS, awslogs.RetentionDays_FIVE_DAYS,
		awslogs.RetentionDays_ONE_WEEK, awslogs.RetentionDays_TWO_WEEKS, awslogs.RetentionDays_ONE_MONTH,
		awslogs.RetentionDays_TWO_MONTHS, awslogs.RetentionDays_THREE_MONTHS, awslogs.RetentionDays_FOUR_MONTHS,
		awslogs.RetentionDays_FIVE_MONTHS, awslogs.RetentionDays_SIX_MONTHS,
	} {
		shorterThanAYear[r] = true
	}
}

func whole(v float64) bool { return v == math.Trunc(v) }

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("mysqlsource", scope, id)
	if p.Vpc == nil {
		pr.Add("Vpc", nil, "the VPC of the database (the DMS replication's) is required")
	}
	if v := p.EngineVersion; v != "" {
		if minor, err := strconv.Atoi(strings.TrimPrefix(v, "8.0.")); !versionRE.MatchString(v) || err != nil || minor < 28 {
			pr.Add("EngineVersion", v, `RDS for MySQL 8.0.x, 8.0.28 or later (a full version, which CloudFormation's validation requires; 8.0.28 is the MariaDB audit plugin's minimum): the binlog parameter group and the audit plugin option group are built for MySQL 8.0`)
		}
	}
	if c := p.InstanceClass; c != "" && !classRE.MatchString(c) {
		pr.Add("InstanceClass", c, `an RDS instance class such as "db.t4g.small" or "db.r7g.large"`)
	}
	if s := p.AllocatedStorage; s != nil && (*s < 20 || *s > 65536 || !whole(*s)) {
		pr.Add("AllocatedStorage", *s, "gp3 storage of 20 to 65,536 GiB, whole")
	}
	if port := p.Port; port != nil && (*port < 1150 || *port > 65535 || !whole(*port) || *port == 3306) {
		pr.Add("Port", *port, "1150 to 65535, not MySQL's default 3306 (Control Tower CT.RDS.PR.20)")
	}
	if d := p.DatabaseName; d != "" && !databaseRE.MatchString(d) {
		pr.Add("DatabaseName", d, "a letter, then up to 63 letters, digits or underscores")
	}
	for _, u := range []struct{ prop, v string }{{"MasterUsername", p.MasterUsername}, {"ReplicationUsername", p.ReplicationUsername}} {
		switch {
		case u.v == "":
		case !userRE.MatchString(u.v):
			pr.Add(u.prop, u.v, "a letter, then up to 15 letters, digits or underscores (MySQL's 16-character limit)")
		case defaultUsers[u.v]:
			pr.Add(u.prop, u.v, "a name other than admin, root, administrator, rdsadmin or mysql (default or reserved names; CT.RDS.PR.22)")
		}
	}
	if master, reader := or(p.MasterUsername, defaultMasterUsername), or(p.ReplicationUsername, defaultReplicationUsername); master == reader {
		pr.Add("MasterUsername and ReplicationUsername", master, "two different users: DMS reads as its own user, not as the administrator")
	}
	if b := p.BackupRetentionDays; b != nil && (*b < 7 || *b > 35 || !whole(*b)) {
		pr.Add("BackupRetentionDays", *b, "7 to 35 days (Control Tower CT.RDS.PR.8 wants at least 7; RDS allows at most 35)")
	}
	if m := p.MonitoringIntervalSeconds; m != nil && !intervals[*m] {
		pr.Add("MonitoringIntervalSeconds", *m, "enhanced monitoring every 1, 5, 10, 15, 30 or 60 seconds (Control Tower CT.RDS.PR.2 wants it on)")
	}
	if p.LogRetention != "" {
		pr.FiniteRetention(p.LogRetention)
		if shorterThanAYear[p.LogRetention] {
			pr.Add("LogRetention", p.LogRetention, "at least one year (ONE_YEAR or longer): audit logs are evidence, and Control Tower CT.CLOUDWATCH.PR.2 asks for 365 days")
		}
	}
	return pr
}

func or(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
