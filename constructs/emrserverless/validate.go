package emrserverless

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	releaseRE = regexp.MustCompile(`^emr-(\d+)\.(\d+)\.(\d+)$`)
	nameRE    = regexp.MustCompile(`^[A-Za-z0-9._/#-]{1,64}$`)
	// memoryMax is the most memory a worker of that many vCPUs may have.
	memoryMax = map[float64]float64{1: 8, 2: 16, 4: 30, 8: 60, 16: 120}
	rolesOf   = map[string][]string{Spark: {"Driver", "Executor"}, Hive: {"HiveDriver", "TezTask"}}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("emrserverless", scope, id)
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 64 letters, digits and _ . / # -")
	}
	if r := p.ReleaseLabel; r != "" {
		m := releaseRE.FindStringSubmatch(r)
		if m == nil {
			pr.Add("ReleaseLabel", r, `an EMR release label "emr-<major>.<minor>.<patch>", e.g. "`+DefaultReleaseLabel+`"`)
		} else if major, _ := strconv.Atoi(m[1]); major < 6 {
			pr.Add("ReleaseLabel", r, "EMR 6.x or 7.x ("+DefaultReleaseLabel+" by default): EMR Serverless starts at 6.6.0, and 5.x releases are out of standard support")
		}
	}
	typ := orString(p.Type, Spark)
	switch typ {
	case Spark, Hive:
	case "PRESTO", "Presto", "presto", "TRINO", "Trino":
		pr.Add("Type", p.Type, "SPARK or HIVE: EMR Serverless runs Spark and Hive only (the notes' Presto runtime does not exist); run Presto/Trino on an EMR cluster, or query with Athena")
	default:
		pr.Add("Type", p.Type, "SPARK or HIVE")
	}
	if a := p.Architecture; a != "" && a != ARM64 && a != X8664 {
		pr.Add("Architecture", a, "ARM64 or X86_64")
	}
	if t := p.IdleTimeoutMinutes; t != nil && (*t < 1 || *t > 10080 || *t != float64(int(*t))) {
		pr.Add("IdleTimeoutMinutes", *t, "a whole number of minutes from 1 to 10080 (7 days); the application stops after that long without jobs")
	}
	if typ != Spark {
		if p.AdaptiveSkewJoin != nil {
			pr.Add("AdaptiveSkewJoin", *p.AdaptiveSkewJoin, "only for SPARK applications")
		}
		if len(p.SparkDefaults) > 0 {
			pr.Add("SparkDefaults", len(p.SparkDefaults), "only for SPARK applications")
		}
	}
	max := DefaultMaximumCapacity
	if c := p.MaximumCapacity; c != nil {
		max = *c
		if c.VCpu < 1 || c.VCpu != float64(int(c.VCpu)) {
			pr.Add("MaximumCapacity.VCpu", c.VCpu, "a whole number of vCPUs, at least 1")
		}
		if c.MemoryGB < 1 {
			pr.Add("MaximumCapacity.MemoryGB", c.MemoryGB, "at least 1 GB")
		}
		if c.DiskGB < 0 {
			pr.Add("MaximumCapacity.DiskGB", c.DiskGB, "0 (no limit) or more GB")
		}
	}
	checkWorkers(pr, typ, p, max)
	checkNetwork(pr, p)
	for i, l := range append(append(append([]Location{}, p.Scripts...), p.ReadLocations...), p.ReadWriteLocations...) {
		if l.Bucket == nil {
			pr.Add("Scripts/ReadLocations/ReadWriteLocations["+strconv.Itoa(i)+"].Bucket", "nil", "a bucket")
		}
		if strings.HasPrefix(l.Prefix, "/") || strings.HasPrefix(l.Prefix, "s3:") || strings.Contains(l.Prefix, "*") {
			pr.Add("Location.Prefix", l.Prefix, `a key prefix without leading slash, scheme or wildcard, e.g. "raw/orders/"`)
		}
	}
	if lp := p.LogPrefix; lp != "" && (strings.HasPrefix(lp, "/") || !strings.HasSuffix(lp, "/")) {
		pr.Add("LogPrefix", lp, `a folder of the log bucket ending with "/", e.g. "emr-serverless/"`)
	}
	if p.LogBucket != nil && p.LogBucket.EncryptionKey() == nil {
		pr.Add("LogBucket", *p.LogBucket.Node().Path(), "a bucket encrypted with a KMS key (its EncryptionKey encrypts the job logs); this one has none (SSE-S3 or unencrypted, or imported without EncryptionKey)")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkWorkers(pr *propcheck.Problems, typ string, p *Props, max Capacity) {
	var cpu, mem, disk float64
	seen := map[string]bool{}
	for i, w := range p.InitialCapacity {
		at := "InitialCapacity[" + strconv.Itoa(i) + "]"
		roles := rolesOf[typ]
		if roles != nil && !contains(roles, w.Role) {
			pr.Add(at+".Role", w.Role, strings.Join(roles, " or ")+" for a "+typ+" application")
		}
		if seen[w.Role] {
			pr.Add(at+".Role", w.Role, "one entry per role")
		}
		seen[w.Role] = true
		if w.Count < 1 || w.Count > 1000 || w.Count != float64(int(w.Count)) {
			pr.Add(at+".Count", w.Count, "a whole number of workers from 1 to 1000")
		}
		hi, ok := memoryMax[w.VCpu]
		if !ok {
			pr.Add(at+".VCpu", w.VCpu, "1, 2, 4, 8 or 16 vCPU per worker")
		} else if w.MemoryGB < 2*w.VCpu || w.MemoryGB > hi {
			pr.Add(at+".MemoryGB", w.MemoryGB, fmt.Sprintf("%v to %v GB for a %v-vCPU worker", 2*w.VCpu, hi, w.VCpu))
		}
		d := w.DiskGB
		if d == 0 {
			d = 20
		}
		if d < 20 || d > 200 {
			pr.Add(at+".DiskGB", w.DiskGB, "20 to 200 GB per worker")
		}
		cpu += w.Count * w.VCpu
		mem += w.Count * w.MemoryGB
		disk += w.Count * d
		if typ == Spark {
			checkOverhead(pr, at, w, p.SparkDefaults)
		}
	}
	if len(p.InitialCapacity) == 0 {
		return
	}
	if cpu > max.VCpu || mem > max.MemoryGB || (max.DiskGB > 0 && disk > max.DiskGB) {
		pr.Addf("InitialCapacity = %v vCPU, %v GB, %v GB disk in all: more than MaximumCapacity (%v vCPU, %v GB, %v GB disk); pre-initialized workers count against the maximum, so raise MaximumCapacity or keep fewer workers warm",
			cpu, mem, disk, max.VCpu, max.MemoryGB, max.DiskGB)
	}
}

// checkOverhead applies the notes' rule "pre-initialized capacity >= job
// request + 10 %": Spark asks for spark.<role>.memory plus an overhead of
// 10 % (spark.<role>.memoryOverheadFactor's default), and a job whose
// request does not fit the pre-initialized worker gets new, cold workers.
func checkOverhead(pr *propcheck.Problems, at string, w Worker, defaults map[string]string) {
	key := "spark." + strings.ToLower(w.Role) + ".memory"
	v, ok := defaults[key]
	if !ok {
		return
	}
	gb, err := parseGB(v)
	if err != nil {
		pr.Add("SparkDefaults["+key+"]", v, `a memory size such as "14g" or "14336m"`)
		return
	}
	if need := gb * 1.1; need > w.MemoryGB+1e-9 {
		pr.Add(at+".MemoryGB", w.MemoryGB, fmt.Sprintf("at least %s = %.1f GB plus 10 %% overhead = %.1f GB: a job asking for more than the pre-initialized worker has starts new workers instead", key, gb, need))
	}
	if c, ok := defaults["spark."+strings.ToLower(w.Role)+".cores"]; ok {
		if n, err := strconv.ParseFloat(c, 64); err == nil && n > w.VCpu {
			pr.Add(at+".VCpu", w.VCpu, fmt.Sprintf("at least spark.%s.cores = %v", strings.ToLower(w.Role), n))
		}
	}
}

func parseGB(v string) (float64, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "g"):
		s = strings.TrimSuffix(s, "g")
	case strings.HasSuffix(s, "m"):
		s, mult = strings.TrimSuffix(s, "m"), 1.0/1024
	default:
		return 0, fmt.Errorf("no unit")
	}
	n, err := strconv.ParseFloat(s, 64)
	return n * mult, err
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc")
		}
		return
	}
	subnets, err := network.TrySelect(p.Vpc, network.PrivateOr(p.Vpc, p.VpcSubnets))
	if err != nil {
		pr.Add("VpcSubnets", err.Error(), "a selection of private subnets of Vpc")
		return
	}
	public := map[string]bool{}
	for _, s := range *p.Vpc.PublicSubnets() {
		public[*s.Node().Path()] = true
	}
	for _, s := range subnets {
		if public[*s.Node().Path()] {
			pr.Add("VpcSubnets", *s.Node().Path(), "private subnets only: EMR Serverless workers get no public address, so a public subnet gives them no route out (and no job belongs on a subnet routed to the internet)")
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}
