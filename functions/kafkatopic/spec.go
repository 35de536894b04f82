package main

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
)

// spec is a topic as the resource declares it.
type spec struct {
	Brokers           []string
	Topic             string
	Partitions        int32
	ReplicationFactor int16
	Configs           map[string]string
	DeleteOnRemoval   bool
}

var topicRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,249}$`)

// parseSpec reads and checks the resource properties.
func parseSpec(p map[string]any) (spec, error) {
	var s spec
	var problems []string
	str := func(k string) string {
		v, _ := p[k].(string)
		return strings.TrimSpace(v)
	}
	s.Brokers = kafkaconn.ParseBrokers(str("BootstrapBrokers"))
	if len(s.Brokers) == 0 {
		problems = append(problems, "BootstrapBrokers: none")
	}
	s.Topic = str("Topic")
	if !topicRE.MatchString(s.Topic) || s.Topic == "." || s.Topic == ".." {
		problems = append(problems, fmt.Sprintf("Topic %q: 1 to 249 of A-Z a-z 0-9 . _ -", s.Topic))
	}
	if n, err := strconv.Atoi(str("Partitions")); err != nil || n < 1 || n > 10000 {
		problems = append(problems, fmt.Sprintf("Partitions %q: 1 to 10000", str("Partitions")))
	} else {
		s.Partitions = int32(n)
	}
	s.ReplicationFactor = -1
	if v := str("ReplicationFactor"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n == 0 || n < -1 || n > 32 {
			problems = append(problems, fmt.Sprintf("ReplicationFactor %q: 1 to 32, or -1 for the cluster's default", v))
		} else {
			s.ReplicationFactor = int16(n)
		}
	}
	s.Configs = map[string]string{}
	if raw, ok := p["Configs"]; ok && raw != nil {
		m, ok := raw.(map[string]any)
		if !ok {
			problems = append(problems, "Configs: an object of strings")
		}
		for k, v := range m {
			sv, ok := v.(string)
			if !ok {
				problems = append(problems, fmt.Sprintf("Configs[%s]: a string", k))
				continue
			}
			s.Configs[k] = sv
		}
	}
	s.DeleteOnRemoval = str("DeleteOnRemoval") == "true"
	if len(problems) > 0 {
		sort.Strings(problems)
		return s, errors.New("invalid properties: " + strings.Join(problems, "; "))
	}
	return s, nil
}
