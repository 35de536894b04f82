package mskcluster

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE    = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{0,63}$`)
	versionRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9x]+(\.[0-9]+)?(\.kraft|-tiered)?$`)
	userRE    = regexp.MustCompile(`^[a-zA-Z0-9_.@+=-]{1,64}$`)
	// maxVolume is the largest EBS volume of a Standard broker, GiB.
	maxVolume = 16384.0
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("mskcluster", scope, id)
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 64 letters, digits and hyphens, starting with a letter")
	}
	if p.KafkaVersion != "" && !versionRE.MatchString(p.KafkaVersion) {
		pr.Add("KafkaVersion", p.KafkaVersion, `an Amazon MSK version such as "`+DefaultKafkaVersion+`", "3.9.x.kraft" or "3.8.x"`)
	}
	if t := p.InstanceType; t != "" && !strings.HasPrefix(t, "kafka.") {
		pr.Add("InstanceType", t, "a Standard broker type kafka.<family>.<size> (kafka.m7g.large, kafka.m5.xlarge, ...): Express brokers have no EBS volumes to size or scale")
	}
	if v := p.BrokersPerZone; v != nil && (*v < 1 || *v > 10 || *v != float64(int(*v))) {
		pr.Add("BrokersPerZone", *v, "a whole number from 1 to 10")
	}
	size, maxSize := orNumber(p.VolumeSize, 100), orNumber(p.MaxVolumeSize, 1000)
	if size < 1 || size > maxVolume || size != float64(int(size)) {
		pr.Add("VolumeSize", size, "a whole number of GiB from 1 to 16384")
	}
	if maxSize > maxVolume || maxSize != float64(int(maxSize)) {
		pr.Add("MaxVolumeSize", maxSize, "a whole number of GiB up to 16384")
	} else if maxSize < size {
		pr.Addf("MaxVolumeSize = %g, VolumeSize = %g: MaxVolumeSize must be at least VolumeSize (equal turns storage auto-scaling off)", maxSize, size)
	}
	if v := p.StorageTargetUtilization; v != nil && (*v < 10 || *v > 80) {
		pr.Add("StorageTargetUtilization", *v, "a disk use percentage from 10 to 80")
	}
	iam, scram := isTrue(p.Iam, true), isTrue(p.Scram, false)
	if !iam && !scram && p.ClusterProps == nil {
		pr.Add("Iam/Scram", "both off", "at least one client authentication: IAM (the default) or SASL/SCRAM; unauthenticated access is not offered")
	}
	if len(p.ScramUsers) > 0 && !scram {
		pr.Add("ScramUsers", len(p.ScramUsers), "only with Scram: true")
	}
	for _, u := range p.ScramUsers {
		if !userRE.MatchString(u) {
			pr.Add("ScramUsers", u, "1 to 64 letters, digits and _.@+=- (part of the secret name AmazonMSK_<cluster>_<user>)")
		}
	}
	if m := p.EnhancedMonitoring; m != "" && !slices.Contains(EnhancedMonitoringLevels, m) {
		pr.Add("EnhancedMonitoring", m, strings.Join(EnhancedMonitoringLevels, ", "))
	}
	if v := p.MessageMaxBytes; v != nil && (*v < 1024 || *v > 100*1024*1024 || *v != float64(int(*v))) {
		pr.Add("MessageMaxBytes", *v, "a whole number of bytes from 1024 to 104857600")
	}
	if v := p.DiskUsedPercent; v != nil && (*v <= 0 || *v >= 100) {
		pr.Add("DiskUsedPercent", *v, "a percentage between 0 and 100")
	}
	if v := p.UnderReplicatedMinutes; v != nil && (*v < 1 || *v != float64(int(*v))) {
		pr.Add("UnderReplicatedMinutes", *v, "a whole number of minutes, at least 1")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc")
		}
	} else if subnets, err := network.TrySelect(p.Vpc, clientSubnets(p)); err != nil {
		pr.Add("VpcSubnets", err.Error(), "private subnets of Vpc in two or three zones")
	} else if n := len(subnets); n < 2 || n > 3 {
		pr.Add("VpcSubnets", fmt.Sprintf("%d zone(s)", n), "subnets in two or three zones (three recommended): Amazon MSK spreads the brokers evenly over them")
	}
	return pr
}

// checkCluster checks the AWS::MSK::Cluster properties after ClusterProps
// was laid over the construct's.
func checkCluster(pr *propcheck.Problems, cp *awsmsk.CfnClusterProps, zones int) {
	if n := cp.NumberOfBrokerNodes; n != nil && zones > 0 && (int(*n)%zones != 0 || *n < 1) {
		pr.Add("ClusterProps.NumberOfBrokerNodes", *n, fmt.Sprintf("a multiple of the %d zones, so every zone holds as many brokers", zones))
	}
	if enc, ok := cp.EncryptionInfo.(*awsmsk.CfnCluster_EncryptionInfoProperty); !ok {
		pr.Add("ClusterProps.EncryptionInfo", fmt.Sprintf("%T", cp.EncryptionInfo), "an *awsmsk.CfnCluster_EncryptionInfoProperty")
	} else {
		if enc.EncryptionAtRest == nil {
			pr.Add("ClusterProps.EncryptionInfo.EncryptionAtRest", "nil", "a customer managed key (DataVolumeKmsKeyId)")
		}
		if t, ok := enc.EncryptionInTransit.(*awsmsk.CfnCluster_EncryptionInTransitProperty); ok {
			if t.ClientBroker != nil && *t.ClientBroker != "TLS" {
				pr.Add("ClusterProps.EncryptionInfo.EncryptionInTransit.ClientBroker", *t.ClientBroker, "TLS: plaintext client-broker traffic (PLAINTEXT, TLS_PLAINTEXT) is refused")
			}
			if b, ok := t.InCluster.(*bool); ok && !*b {
				pr.Add("ClusterProps.EncryptionInfo.EncryptionInTransit.InCluster", false, "true: traffic between brokers is encrypted")
			}
		} else if enc.EncryptionInTransit != nil {
			pr.Add("ClusterProps.EncryptionInfo.EncryptionInTransit", fmt.Sprintf("%T", enc.EncryptionInTransit), "an *awsmsk.CfnCluster_EncryptionInTransitProperty")
		}
	}
	if g, ok := cp.BrokerNodeGroupInfo.(*awsmsk.CfnCluster_BrokerNodeGroupInfoProperty); ok {
		if ci, ok := g.ConnectivityInfo.(*awsmsk.CfnCluster_ConnectivityInfoProperty); ok {
			if pa, ok := ci.PublicAccess.(*awsmsk.CfnCluster_PublicAccessProperty); ok && pa.Type != nil && *pa.Type != "DISABLED" {
				pr.Add("ClusterProps.BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type", *pa.Type, "DISABLED: the brokers are reachable only inside the VPC (or through private connectivity)")
			}
		}
		if si, ok := g.StorageInfo.(*awsmsk.CfnCluster_StorageInfoProperty); ok {
			if ebs, ok := si.EbsStorageInfo.(*awsmsk.CfnCluster_EBSStorageInfoProperty); ok && ebs.VolumeSize != nil && (*ebs.VolumeSize < 1 || *ebs.VolumeSize > maxVolume) {
				pr.Add("ClusterProps.BrokerNodeGroupInfo.StorageInfo.EbsStorageInfo.VolumeSize", *ebs.VolumeSize, "1 to 16384 GiB")
			}
		}
	}
	checkAuthentication(pr, cp.ClientAuthentication)
}

// checkAuthentication refuses unauthenticated access and a cluster
// without any client authentication.
func checkAuthentication(pr *propcheck.Problems, v any) {
	enabled := func(x any) bool {
		switch e := x.(type) {
		case *awsmsk.CfnCluster_IamProperty:
			return e != nil && isOn(e.Enabled)
		case *awsmsk.CfnCluster_ScramProperty:
			return e != nil && isOn(e.Enabled)
		case *awsmsk.CfnCluster_TlsProperty:
			return e != nil && (e.Enabled == nil || isOn(e.Enabled)) && e.CertificateAuthorityArnList != nil
		}
		return false
	}
	auth, ok := v.(*awsmsk.CfnCluster_ClientAuthenticationProperty)
	if !ok || auth == nil {
		pr.Add("ClusterProps.ClientAuthentication", fmt.Sprintf("%T", v), "IAM, SASL/SCRAM or mutual TLS authentication")
		return
	}
	if u, ok := auth.Unauthenticated.(*awsmsk.CfnCluster_UnauthenticatedProperty); ok && isOn(u.Enabled) {
		pr.Add("ClusterProps.ClientAuthentication.Unauthenticated.Enabled", true, "false: every client authenticates (IAM, SASL/SCRAM or mutual TLS)")
	}
	any := enabled(auth.Tls)
	if s, ok := auth.Sasl.(*awsmsk.CfnCluster_SaslProperty); ok {
		any = any || enabled(s.Iam) || enabled(s.Scram)
	}
	if !any {
		pr.Add("ClusterProps.ClientAuthentication", "no mechanism enabled", "IAM (the default), SASL/SCRAM or mutual TLS")
	}
}

func isOn(v any) bool {
	b, ok := v.(*bool)
	return ok && b != nil && *b
}

// checkServerProperties refuses records larger than what replicas fetch:
// followers could not copy them.
func checkServerProperties(pr *propcheck.Problems, m map[string]string) {
	num := func(k string, d int64) (int64, bool) {
		s, ok := m[k]
		if !ok {
			return d, true
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			pr.Add("ServerProperties["+k+"]", s, "a whole number of bytes")
			return 0, false
		}
		return n, true
	}
	_, setMsg := m["message.max.bytes"]
	_, setFetch := m["replica.fetch.max.bytes"]
	if !setMsg && !setFetch {
		return // Kafka's own defaults (1048588 and 1048576) work together
	}
	msg, ok1 := num("message.max.bytes", 1048588)
	fetch, ok2 := num("replica.fetch.max.bytes", 1048576)
	if ok1 && ok2 && msg > fetch {
		pr.Addf("message.max.bytes = %d, replica.fetch.max.bytes = %d: replica.fetch.max.bytes must be at least message.max.bytes, or followers cannot replicate the largest records", msg, fetch)
	}
}

// overlay copies every set field of src onto dst (both pointers to the
// same struct type); where both hold pointers to the same struct type it
// recurses, so a ClusterProps field sets only what it names.
func overlay(dst, src any) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := 0; i < s.NumField(); i++ {
		sf, df := s.Field(i), d.Field(i)
		if sf.IsZero() {
			continue
		}
		sv, dv := sf, df
		if sv.Kind() == reflect.Interface {
			sv = sv.Elem()
		}
		if dv.Kind() == reflect.Interface && !dv.IsNil() {
			dv = dv.Elem()
		}
		if sv.Kind() == reflect.Pointer && dv.Kind() == reflect.Pointer && sv.Type() == dv.Type() &&
			sv.Elem().Kind() == reflect.Struct && !dv.IsNil() {
			copyOf := reflect.New(dv.Elem().Type())
			copyOf.Elem().Set(dv.Elem())
			overlay(copyOf.Interface(), sv.Interface())
			df.Set(copyOf)
			continue
		}
		df.Set(sf)
	}
}
