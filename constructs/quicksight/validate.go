package quicksight

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	principalRE = regexp.MustCompile(`^arn:aws[a-z-]*:quicksight:[a-z0-9-]+:\d{12}:(user|group)/[A-Za-z0-9._-]+/\S+$`)
	timeRE      = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	dayRE       = regexp.MustCompile(`^(LAST_DAY_OF_MONTH|[1-9]|1[0-9]|2[0-8])$`)
	hostRE      = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$`)
	workGroupRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)
	columnTypes = []string{"STRING", "INTEGER", "DECIMAL", "DATETIME", "BIT", "BOOLEAN", "JSON"}
	intervals   = []string{"HOURLY", "DAILY", "WEEKLY", "MONTHLY"}
	weekDays    = []string{"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("quicksight", scope, id)
	checkSource(pr, p)
	checkPrincipals(pr, p)
	checkTable(pr, p.Table)
	checkRefresh(pr, p)
	return pr
}

func checkSource(pr *propcheck.Problems, p *Props) {
	switch {
	case p.Redshift == nil && p.Athena == nil:
		pr.Add("Redshift", "nil", "the warehouse to read (Redshift), or Athena")
	case p.Redshift != nil && p.Athena != nil:
		pr.Add("Athena", p.Athena.WorkGroup, "not with Redshift: a dataset reads one source")
	}
	if a := p.Athena; a != nil && !unresolved(a.WorkGroup) && !workGroupRE.MatchString(a.WorkGroup) {
		pr.Add("Athena.WorkGroup", a.WorkGroup, "an Athena workgroup name, 1 to 128 letters, digits, '.', '_' or '-'")
	}
	r := p.Redshift
	if r == nil {
		return
	}
	if r.Vpc == nil {
		pr.Add("Redshift.Vpc", "nil", "the warehouse's VPC")
	} else if subnets, err := network.TrySelect(r.Vpc, network.PrivateOr(r.Vpc, r.Subnets)); err != nil {
		pr.Add("Redshift.Subnets", "selection", "subnets of the VPC: "+err.Error())
	} else {
		zones := map[string]bool{}
		for _, s := range subnets {
			zones[*s.AvailabilityZone()] = true
		}
		if len(subnets) < 2 || len(zones) < 2 {
			pr.Add("Redshift.Subnets", fmt.Sprintf("%d subnets in %d zones", len(subnets), len(zones)), "at least two subnets in different Availability Zones: a QuickSight VPC connection needs two")
		}
	}
	if r.Warehouse == nil {
		pr.Add("Redshift.Warehouse", "nil", "the warehouse (cluster, workgroup or security group) whose security group admits QuickSight")
	}
	if r.Host == "" || (!unresolved(r.Host) && (!hostRE.MatchString(r.Host) || strings.Contains(r.Host, ":"))) {
		pr.Add("Redshift.Host", r.Host, "the endpoint's host name without port or scheme")
	}
	if r.Port != 0 && (r.Port < 1 || r.Port > 65535 || r.Port != float64(int(r.Port))) {
		pr.Add("Redshift.Port", r.Port, "a TCP port, 1 to 65535")
	}
	if r.Database == "" {
		pr.Add("Redshift.Database", `""`, "the database name")
	}
	if r.Secret == nil {
		pr.Add("Redshift.Secret", "nil", "the Secrets Manager secret with the database user's username and password (QuickSight never takes a password in the template)")
	}
}

func checkPrincipals(pr *propcheck.Problems, p *Props) {
	if p.OwnerArn == "" {
		pr.Add("OwnerArn", `""`, "the QuickSight user or group that owns the data source and dataset, arn:<partition>:quicksight:<region>:<account>:user/default/<name>; create the QuickSight subscription and the user first (aws quicksight create-account-subscription, register-user)")
	} else if !unresolved(p.OwnerArn) && !principalRE.MatchString(p.OwnerArn) {
		pr.Add("OwnerArn", p.OwnerArn, "a QuickSight user or group ARN, arn:<partition>:quicksight:<region>:<account>:user/<namespace>/<name> or group/<namespace>/<name> (an IAM ARN is not a QuickSight principal)")
	}
	for i, a := range p.ReaderArns {
		if !unresolved(a) && !principalRE.MatchString(a) {
			pr.Add(fmt.Sprintf("ReaderArns[%d]", i), a, "a QuickSight user or group ARN")
		} else if a == p.OwnerArn {
			pr.Add(fmt.Sprintf("ReaderArns[%d]", i), a, "a principal other than the owner")
		}
	}
}

func checkTable(pr *propcheck.Problems, t *Table) {
	if t == nil {
		pr.Add("Table", "nil", "the table (Schema, Name) or query (Sql) to import, with its Columns")
		return
	}
	named := t.Schema != "" || t.Name != ""
	switch {
	case named && t.Sql != "":
		pr.Add("Table.Sql", "set", "not with Table.Schema/Name: a table or a query")
	case !named && strings.TrimSpace(t.Sql) == "":
		pr.Add("Table", "empty", "Schema and Name of a table, or Sql")
	case named && (t.Schema == "" || t.Name == ""):
		pr.Add("Table", t.Schema+"."+t.Name, "both Schema and Name")
	}
	if len(t.Columns) == 0 {
		pr.Add("Table.Columns", "[]", "the columns the source returns, at least one")
	}
	seen := map[string]bool{}
	for i, c := range t.Columns {
		prop := fmt.Sprintf("Table.Columns[%d]", i)
		if c.Name == "" || len(c.Name) > 127 {
			pr.Add(prop+".Name", c.Name, "1 to 127 characters")
		} else if seen[c.Name] {
			pr.Add(prop+".Name", c.Name, "a column not listed twice")
		}
		seen[c.Name] = true
		if !slices.Contains(columnTypes, c.Type) {
			pr.Add(prop+".Type", c.Type, "one of "+strings.Join(columnTypes, ", "))
		}
	}
}

func checkRefresh(pr *propcheck.Problems, p *Props) {
	r := p.Refresh
	if isTrue(p.DirectQuery) {
		if r != nil {
			pr.Add("Refresh", "set", "only with SPICE (DirectQuery false): a direct-query dataset reads the source at every visual and has nothing to refresh")
		}
		if p.WaitForIngestion != nil {
			pr.Add("WaitForIngestion", *p.WaitForIngestion, "only with SPICE (DirectQuery false)")
		}
		return
	}
	if r == nil {
		return
	}
	iv := r.Interval
	if iv == "" {
		iv = DefaultInterval
	}
	if !slices.Contains(intervals, iv) {
		pr.Add("Refresh.Interval", r.Interval, "one of "+strings.Join(intervals, ", ")+" (MINUTE15 and MINUTE30 exist only for incremental refresh, which this construct does not configure)")
	}
	if r.TimeOfDay != "" && !timeRE.MatchString(r.TimeOfDay) {
		pr.Add("Refresh.TimeOfDay", r.TimeOfDay, "HH:MM, 00:00 to 23:59")
	}
	if r.TimeOfDay != "" && iv == "HOURLY" {
		pr.Add("Refresh.TimeOfDay", r.TimeOfDay, "not with an HOURLY refresh")
	}
	if r.TimeZone != "" && !strings.Contains(r.TimeZone, "/") && r.TimeZone != "UTC" {
		pr.Add("Refresh.TimeZone", r.TimeZone, "an IANA time zone such as Europe/Berlin, or UTC")
	}
	switch {
	case iv == "WEEKLY" && !slices.Contains(weekDays, r.DayOfWeek):
		pr.Add("Refresh.DayOfWeek", r.DayOfWeek, "the day of a WEEKLY refresh, one of "+strings.Join(weekDays, ", "))
	case iv != "WEEKLY" && r.DayOfWeek != "":
		pr.Add("Refresh.DayOfWeek", r.DayOfWeek, "only with a WEEKLY refresh")
	}
	switch {
	case iv == "MONTHLY" && !dayRE.MatchString(r.DayOfMonth):
		pr.Add("Refresh.DayOfMonth", r.DayOfMonth, "the day of a MONTHLY refresh, 1 to 28 or LAST_DAY_OF_MONTH")
	case iv != "MONTHLY" && r.DayOfMonth != "":
		pr.Add("Refresh.DayOfMonth", r.DayOfMonth, "only with a MONTHLY refresh")
	}
}

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }

func isTrue(b *bool) bool { return b != nil && *b }
