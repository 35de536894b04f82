package datasynctask

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// agentArnRE is DataSync's agent ARN pattern.
	agentArnRE = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):datasync:[a-z\-0-9]+:[0-9]{12}:agent/agent-[0-9a-z]{17}$`)
	// activationKeyRE: five groups of five letters or digits.
	activationKeyRE = regexp.MustCompile(`^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$`)
	// hostnameRE is DataSync's ServerHostname pattern (DNS name or IPv4).
	hostnameRE = regexp.MustCompile(`^(([a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*([A-Za-z0-9\-]*[A-Za-z0-9])$`)
	// pathRE is DataSync's NFS/HDFS subdirectory pattern; smbPathRE also
	// takes '$' (administrative shares).
	pathRE    = regexp.MustCompile(`^/[a-zA-Z0-9_\-+./()\p{Zs}]*$`)
	smbPathRE = regexp.MustCompile(`^/[a-zA-Z0-9_\-+./()$\p{Zs}]+$`)
	// prefixRE is a lake prefix: S3 key characters DataSync accepts, ending
	// in '/', not starting with it.
	prefixRE = regexp.MustCompile(`^[a-zA-Z0-9_\-+.()=\p{Zs}][a-zA-Z0-9_\-+./()=\p{Zs}]*/$`)
	userRE   = regexp.MustCompile(`^[^\x22\x5B\x5D/\\:;|=,+*?\x3C\x3E]{1,104}$`)
	domainRE = regexp.MustCompile(`^[A-Za-z0-9]((\.|-+)?[A-Za-z0-9]){0,252}$`)
	// rateHoursRE is a DataSync rate of at least one hour.
	rateRE = regexp.MustCompile(`^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$`)
)

var (
	nfsVersions    = []string{"AUTOMATIC", "NFS3", "NFS4_0", "NFS4_1"}
	smbVersions    = []string{"AUTOMATIC", "SMB1", "SMB2_0", "SMB2", "SMB3"}
	storageClasses = []string{"STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_INSTANT_RETRIEVAL", "GLACIER", "DEEP_ARCHIVE"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("datasynctask", scope, id)
	checkAgents(pr, p)
	checkSource(pr, p)
	checkDestination(pr, p)
	checkTransfer(pr, p)
	checkSchedule(pr, p)
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkAgents(pr *propcheck.Problems, p *Props) {
	switch {
	case len(p.AgentArns) == 0 && p.ActivationKey == "":
		pr.Add("AgentArns", "[]", "1 to 4 activated agents (see the package doc for the activation), or an ActivationKey to activate one from this stack")
	case len(p.AgentArns) > 0 && p.ActivationKey != "":
		pr.Add("AgentArns/ActivationKey", "both given", "one of them: the agents are activated already, or the key activates a new one")
	case len(p.AgentArns) > 4:
		pr.Add("AgentArns", len(p.AgentArns), "at most 4 agents per location")
	}
	for _, a := range p.AgentArns {
		if !unresolved(a) && !agentArnRE.MatchString(a) {
			pr.Add("AgentArns", a, "an agent ARN, arn:<partition>:datasync:<region>:<account>:agent/agent-<17 letters or digits>")
		}
	}
	if k := p.ActivationKey; k != "" && !unresolved(k) && !activationKeyRE.MatchString(k) {
		pr.Add("ActivationKey", k, "the key the agent VM issues: five groups of five capital letters or digits, AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
	}
}

func checkSource(pr *propcheck.Problems, p *Props) {
	n := 0
	for _, set := range []bool{p.NFS != nil, p.SMB != nil, p.HDFS != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		pr.Add("NFS/SMB/HDFS", fmt.Sprintf("%d sources", n), "exactly one source")
	}
	if s := p.NFS; s != nil {
		hostname(pr, "NFS.ServerHostname", s.ServerHostname)
		if !pathRE.MatchString(s.Subdirectory) || len(s.Subdirectory) > 4096 {
			pr.Add("NFS.Subdirectory", s.Subdirectory, "the exported path, starting with '/' (letters, digits, spaces and _-+./())")
		}
		if s.Version != "" && !slices.Contains(nfsVersions, s.Version) {
			pr.Add("NFS.Version", s.Version, strings.Join(nfsVersions, ", "))
		}
	}
	if s := p.SMB; s != nil {
		hostname(pr, "SMB.ServerHostname", s.ServerHostname)
		if !smbPathRE.MatchString(s.Subdirectory) || len(s.Subdirectory) > 4096 {
			pr.Add("SMB.Subdirectory", s.Subdirectory, "the share and path, /share/path (letters, digits, spaces and _-+./()$)")
		}
		if !userRE.MatchString(s.User) {
			pr.Add("SMB.User", s.User, "a user name of 1 to 104 characters, without \" [ ] / \\ : ; | = , + * ? < >")
		}
		if s.Domain != "" && !domainRE.MatchString(s.Domain) {
			pr.Add("SMB.Domain", s.Domain, "a Windows domain name (letters, digits, '.' and '-')")
		}
		if s.Password == nil {
			pr.Add("SMB.Password", "nil", "a Secrets Manager secret holding the password as plain text: a password in the template (LocationSMB's Password) is readable by anyone who can read the stack")
		}
		if s.Version != "" && !slices.Contains(smbVersions, s.Version) {
			pr.Add("SMB.Version", s.Version, strings.Join(smbVersions, ", "))
		}
	}
	if h := p.HDFS; h != nil {
		if len(h.NameNodes) == 0 || len(h.NameNodes) > 2 {
			pr.Add("HDFS.NameNodes", len(h.NameNodes), "1 or 2 NameNodes (2 for high availability)")
		}
		for i, nn := range h.NameNodes {
			hostname(pr, fmt.Sprintf("HDFS.NameNodes[%d].Hostname", i), nn.Hostname)
			if nn.Port != 0 && (nn.Port < 1 || nn.Port > 65536 || nn.Port != math.Trunc(nn.Port)) {
				pr.Add(fmt.Sprintf("HDFS.NameNodes[%d].Port", i), nn.Port, "a port from 1 to 65536 (0 for 8020)")
			}
		}
		if h.Subdirectory != "" && !pathRE.MatchString(h.Subdirectory) {
			pr.Add("HDFS.Subdirectory", h.Subdirectory, "a path starting with '/'")
		}
		kerberos := h.KerberosPrincipal != "" || h.KerberosKeytab != nil || h.KerberosKrb5Conf != ""
		switch {
		case kerberos && h.SimpleUser != "":
			pr.Add("HDFS.SimpleUser", h.SimpleUser, "not with the Kerberos settings: one authentication")
		case kerberos && (h.KerberosPrincipal == "" || h.KerberosKeytab == nil || h.KerberosKrb5Conf == ""):
			pr.Add("HDFS.Kerberos", "incomplete", "KerberosPrincipal, KerberosKeytab and KerberosKrb5Conf together")
		case !kerberos && h.SimpleUser == "":
			pr.Add("HDFS.SimpleUser", `""`, "the user for SIMPLE authentication, or the Kerberos settings")
		}
	}
}

func hostname(pr *propcheck.Problems, prop, v string) {
	if unresolved(v) {
		return
	}
	if len(v) == 0 || len(v) > 255 || !hostnameRE.MatchString(v) {
		pr.Add(prop, v, "a DNS name or IPv4 address the agent can reach")
	}
}

func checkDestination(pr *propcheck.Problems, p *Props) {
	if p.LakeBucket != nil && p.BucketProps != nil {
		pr.Add("LakeBucket/BucketProps", "both given", "an existing bucket or the props of a new securebucket, not both")
	}
	for _, pf := range []struct{ prop, v string }{{"LakePrefix", p.LakePrefix}, {"ReportPrefix", p.ReportPrefix}} {
		if pf.v == "" {
			continue
		}
		if !prefixRE.MatchString(pf.v) || strings.Contains(pf.v, "//") || strings.Contains(pf.v, "/./") || strings.Contains(pf.v, "/../") || strings.HasPrefix(pf.v, "./") || strings.HasPrefix(pf.v, "../") {
			pr.Add(pf.prop, pf.v, `an S3 prefix ending in "/", not starting with "/" and without "//", "/./" or "/../" (DataSync cannot transfer such keys)`)
		}
	}
	if p.ReportPrefix != "" && !isTrue(p.TaskReport) {
		pr.Add("ReportPrefix", p.ReportPrefix, "only with TaskReport: true")
	}
	lake := orDefault(p.LakePrefix, DefaultLakePrefix)
	report := orDefault(p.ReportPrefix, DefaultReportPrefix)
	if isTrue(p.TaskReport) && (strings.HasPrefix(report, lake) || strings.HasPrefix(lake, report)) {
		pr.Addf("LakePrefix = %s, ReportPrefix = %s: the reports must not be inside the transferred files' prefix (nor contain it), or the next PreserveDeletedFiles REMOVE run or the lake's crawlers see them as data", lake, report)
	}
	if p.StorageClass != "" && !slices.Contains(storageClasses, p.StorageClass) {
		pr.Add("StorageClass", p.StorageClass, strings.Join(storageClasses, ", "))
	}
}

func checkTransfer(pr *propcheck.Problems, p *Props) {
	switch p.VerifyMode {
	case "", VerifyOnlyFilesTransferred, VerifyPointInTimeConsistent:
	case VerifyNone:
		pr.Add("VerifyMode", VerifyNone, "ONLY_FILES_TRANSFERRED (the default) or POINT_IN_TIME_CONSISTENT: a task without verification can land corrupted or partial files in the raw zone and report success")
	default:
		pr.Add("VerifyMode", p.VerifyMode, "ONLY_FILES_TRANSFERRED (the default) or POINT_IN_TIME_CONSISTENT")
	}
	if p.VerifyMode == VerifyPointInTimeConsistent && (p.StorageClass == "GLACIER" || p.StorageClass == "DEEP_ARCHIVE") {
		pr.Addf("VerifyMode = POINT_IN_TIME_CONSISTENT, StorageClass = %s: DataSync cannot read archived objects back to verify them; use ONLY_FILES_TRANSFERRED", p.StorageClass)
	}
	unlimited := isTrue(p.UnlimitedBandwidth)
	switch b := p.BytesPerSecond; {
	case unlimited && b != 0:
		pr.Add("BytesPerSecond", strconv.FormatFloat(b, 'f', -1, 64), "0 with UnlimitedBandwidth: one bandwidth decision")
	case !unlimited && b == 0:
		pr.Add("BytesPerSecond", 0, "a bandwidth limit of at least 1048576 (1 MiB/s), or UnlimitedBandwidth: true as an explicit choice: an unlimited task can saturate the site's link")
	case !unlimited && (b < MinBytesPerSecond || b != math.Trunc(b)):
		pr.Add("BytesPerSecond", strconv.FormatFloat(b, 'f', -1, 64), "whole bytes per second, at least 1048576 (1 MiB/s, DataSync's minimum limit); -1 is spelt UnlimitedBandwidth: true")
	}
	if f := p.Filters; f != nil {
		for _, fl := range []struct {
			prop string
			v    []string
		}{{"Filters.Includes", f.Includes}, {"Filters.Excludes", f.Excludes}} {
			total := 0
			for i, v := range fl.v {
				if v == "" || strings.Contains(v, "|") || strings.TrimSpace(v) != v {
					pr.Add(fmt.Sprintf("%s[%d]", fl.prop, i), strconv.Quote(v), "a non-empty pattern without '|' (the separator DataSync joins patterns with) nor surrounding spaces")
				}
				total += len(v) + 1
			}
			if total > 102400 {
				pr.Add(fl.prop, fmt.Sprintf("%d characters", total), "at most 102400 characters once joined")
			}
		}
	}
}

func checkSchedule(pr *propcheck.Problems, p *Props) {
	s := p.Schedule
	if isTrue(p.OnDemandOnly) {
		if s != "" {
			pr.Add("Schedule", s, "none with OnDemandOnly")
		}
		return
	}
	if s == "" {
		return
	}
	if m := rateRE.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := strings.TrimSuffix(m[2], "s")
		switch {
		case n < 1 || (n == 1) != (unit == m[2]):
			pr.Add("Schedule", s, `a rate with the singular for 1 and the plural above: "rate(1 hour)", "rate(12 hours)"`)
		case unit == "minute" && n < 60:
			pr.Add("Schedule", s, "at most once an hour: DataSync's minimum interval between scheduled executions is one hour")
		}
		return
	}
	if strings.HasPrefix(s, "cron(") {
		pr.Cron("Schedule", s)
		if f := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(s, "cron("), ")")); len(f) == 6 {
			if _, err := strconv.Atoi(f[0]); err != nil {
				pr.Add("Schedule", s, "one minute of the hour (e.g. cron(0 2 * * ? *)): DataSync runs a task at most once an hour")
			}
		}
		return
	}
	pr.Add("Schedule", s, `a DataSync schedule in UTC: "cron(0 2 * * ? *)" (six fields) or "rate(12 hours)"`)
}

// unresolved reports whether s is a CDK token.
func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }
