package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// ensure makes the topic exist as s declares it. old is the previous
// declaration of the same topic on Update (its Configs say which settings
// this resource set and must now remove); nil on Create or a rename.
func ensure(ctx context.Context, adm *kadm.Client, s spec, old *spec) (customresource.Response, error) {
	res := customresource.Response{PhysicalResourceID: s.Topic}
	created, err := adm.CreateTopic(ctx, s.Partitions, s.ReplicationFactor, ptrs(s.Configs), s.Topic)
	switch {
	case err == nil && created.Err == nil:
		return answer(res, s.Topic, s.Partitions, created.ID.String()), nil
	case errors.Is(createErr(err, created), kerr.TopicAlreadyExists):
		// adopt or update below
	default:
		return res, fmt.Errorf("create topic %s: %w", s.Topic, createErr(err, created))
	}
	details, err := adm.ListTopics(ctx, s.Topic)
	if err != nil {
		return res, fmt.Errorf("describe topic %s: %w", s.Topic, err)
	}
	d, ok := details[s.Topic]
	if !ok || d.Err != nil {
		return res, fmt.Errorf("describe topic %s: %v", s.Topic, d.Err)
	}
	have := int32(len(d.Partitions))
	switch {
	case have > s.Partitions:
		return res, fmt.Errorf("topic %s has %d partitions, %d declared: Kafka cannot remove partitions (declare %d or more, or a new topic)", s.Topic, have, s.Partitions, have)
	case have < s.Partitions:
		r, err := adm.UpdatePartitions(ctx, int(s.Partitions), s.Topic)
		if err == nil {
			err = r.Error()
		}
		if err != nil {
			return res, fmt.Errorf("raise topic %s to %d partitions: %w", s.Topic, s.Partitions, err)
		}
	}
	if err := alterConfigs(ctx, adm, s, old); err != nil {
		return res, err
	}
	return answer(res, s.Topic, s.Partitions, d.ID.String()), nil
}

// alterConfigs sets the declared settings and deletes those the previous
// declaration had and this one has not (back to the cluster's defaults).
func alterConfigs(ctx context.Context, adm *kadm.Client, s spec, old *spec) error {
	var alter []kadm.AlterConfig
	for _, k := range sortedKeys(s.Configs) {
		v := s.Configs[k]
		alter = append(alter, kadm.AlterConfig{Op: kadm.SetConfig, Name: k, Value: &v})
	}
	if old != nil {
		for _, k := range sortedKeys(old.Configs) {
			if _, kept := s.Configs[k]; !kept {
				alter = append(alter, kadm.AlterConfig{Op: kadm.DeleteConfig, Name: k})
			}
		}
	}
	if len(alter) == 0 {
		return nil
	}
	rs, err := adm.AlterTopicConfigs(ctx, alter, s.Topic)
	if err == nil {
		for _, r := range rs {
			if r.Err != nil {
				err = fmt.Errorf("%w (%s)", r.Err, r.ErrMessage)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("set the settings of topic %s: %w", s.Topic, err)
	}
	return nil
}

// remove deletes the topic when the declaration says so; otherwise it is
// kept (its records are data).
func remove(ctx context.Context, adm *kadm.Client, s spec, physicalID string) (customresource.Response, error) {
	res := customresource.Response{PhysicalResourceID: physicalID}
	if !s.DeleteOnRemoval {
		return res, nil
	}
	topic := physicalID
	if topic == "" {
		topic = s.Topic
	}
	rs, err := adm.DeleteTopics(ctx, topic)
	if err == nil {
		if r, ok := rs[topic]; ok && r.Err != nil && !errors.Is(r.Err, kerr.UnknownTopicOrPartition) {
			err = r.Err
		}
	}
	if err != nil {
		return res, fmt.Errorf("delete topic %s: %w", topic, err)
	}
	return res, nil
}

func createErr(err error, r kadm.CreateTopicResponse) error {
	if err != nil {
		return err
	}
	return r.Err
}

func answer(res customresource.Response, topic string, partitions int32, id string) customresource.Response {
	res.Data = map[string]string{"Topic": topic, "Partitions": strconv.Itoa(int(partitions)), "TopicId": id}
	return res
}

func ptrs(m map[string]string) map[string]*string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]*string, len(m))
	for k, v := range m {
		v := v
		out[k] = &v
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
