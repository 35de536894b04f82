package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// fakeBrokers starts an in-process Kafka (franz-go's kfake, three brokers)
// with seeded topics and returns its bootstrap string and an admin client
// for the checks. kfake has no AWS_MSK_IAM: the tests open plain
// connections (the IAM/TLS options are apps/kafkaconn's, tested there).
func fakeBrokers(t *testing.T, seeds map[string]int32) (string, *kadm.Client) {
	t.Helper()
	opts := []kfake.Opt{kfake.NumBrokers(3)}
	for topic, n := range seeds {
		opts = append(opts, kfake.SeedTopics(n, topic))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	brokers := strings.Join(c.ListenAddrs(), ",")
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return brokers, kadm.NewClient(cl)
}

// plain opens admin clients without TLS or SASL, to the fake.
func plain(brokers []string) (*kadm.Client, func(), error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return nil, nil, err
	}
	return kadm.NewClient(cl), cl.Close, nil
}

func props(brokers, topic, partitions string, configs map[string]any, extra ...string) map[string]any {
	p := map[string]any{"BootstrapBrokers": brokers, "Topic": topic, "Partitions": partitions}
	if configs != nil {
		p["Configs"] = configs
	}
	for i := 0; i+1 < len(extra); i += 2 {
		p[extra[i]] = extra[i+1]
	}
	return p
}

func call(t *testing.T, ev customresource.Event) (customresource.Response, error) {
	t.Helper()
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return handler(plain, slog.New(slog.NewTextHandler(io.Discard, nil)))(ctx, raw)
}

func partitionsOf(t *testing.T, adm *kadm.Client, topic string) int {
	t.Helper()
	d, err := adm.ListTopics(context.Background(), topic)
	if err != nil {
		t.Fatal(err)
	}
	td, ok := d[topic]
	if !ok || td.Err != nil {
		return -1
	}
	return len(td.Partitions)
}

func configOf(t *testing.T, adm *kadm.Client, topic, name string) (string, bool) {
	t.Helper()
	rs, err := adm.DescribeTopicConfigs(context.Background(), topic)
	if err != nil {
		t.Fatal(err)
	}
	r, err := rs.On(topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Configs {
		if c.Key == name && c.Value != nil && c.Source == 1 { // DYNAMIC_TOPIC_CONFIG
			return *c.Value, true
		}
	}
	return "", false
}

func TestCreateMakesTheTopic(t *testing.T) {
	brokers, adm := fakeBrokers(t, nil)
	res, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: props(brokers, "sensor-readings", "6",
		map[string]any{"retention.ms": "604800000"}, "ReplicationFactor", "3")})
	if err != nil {
		t.Fatal(err)
	}
	if res.PhysicalResourceID != "sensor-readings" || res.Data["Partitions"] != "6" || res.Data["TopicId"] == "" {
		t.Errorf("answer = %+v", res)
	}
	if n := partitionsOf(t, adm, "sensor-readings"); n != 6 {
		t.Errorf("%d partitions, want 6", n)
	}
	if v, ok := configOf(t, adm, "sensor-readings", "retention.ms"); !ok || v != "604800000" {
		t.Errorf("retention.ms = %q, %v", v, ok)
	}
}

func TestCreateAdoptsAnExistingTopic(t *testing.T) {
	brokers, adm := fakeBrokers(t, map[string]int32{"orders": 2})
	res, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: props(brokers, "orders", "4", map[string]any{"cleanup.policy": "compact"})})
	if err != nil {
		t.Fatal(err)
	}
	if res.Data["Partitions"] != "4" || partitionsOf(t, adm, "orders") != 4 {
		t.Errorf("partitions not raised: %+v, %d", res, partitionsOf(t, adm, "orders"))
	}
	if v, _ := configOf(t, adm, "orders", "cleanup.policy"); v != "compact" {
		t.Errorf("cleanup.policy = %q", v)
	}
}

func TestFewerPartitionsFail(t *testing.T) {
	brokers, adm := fakeBrokers(t, map[string]int32{"orders": 8})
	_, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: props(brokers, "orders", "4", nil)})
	if err == nil || !strings.Contains(err.Error(), "has 8 partitions, 4 declared: Kafka cannot remove partitions") {
		t.Errorf("err = %v", err)
	}
	if n := partitionsOf(t, adm, "orders"); n != 8 {
		t.Errorf("%d partitions after a refused update", n)
	}
}

func TestUpdateRaisesPartitionsAndDropsRemovedSettings(t *testing.T) {
	brokers, adm := fakeBrokers(t, nil)
	old := props(brokers, "t", "2", map[string]any{"retention.ms": "1000", "max.message.bytes": "2000000"})
	if _, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: old}); err != nil {
		t.Fatal(err)
	}
	_, err := call(t, customresource.Event{RequestType: "Update", PhysicalResourceID: "t",
		ResourceProperties: props(brokers, "t", "3", map[string]any{"retention.ms": "2000"}), OldResourceProperties: old})
	if err != nil {
		t.Fatal(err)
	}
	if n := partitionsOf(t, adm, "t"); n != 3 {
		t.Errorf("%d partitions, want 3", n)
	}
	if v, _ := configOf(t, adm, "t", "retention.ms"); v != "2000" {
		t.Errorf("retention.ms = %q", v)
	}
	if v, ok := configOf(t, adm, "t", "max.message.bytes"); ok {
		t.Errorf("max.message.bytes still set: %q", v)
	}
}

func TestRenameCreatesTheNewTopicAndKeepsTheOld(t *testing.T) {
	brokers, adm := fakeBrokers(t, nil)
	old := props(brokers, "v1", "1", nil)
	if _, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: old}); err != nil {
		t.Fatal(err)
	}
	res, err := call(t, customresource.Event{RequestType: "Update", PhysicalResourceID: "v1", ResourceProperties: props(brokers, "v2", "2", nil), OldResourceProperties: old})
	if err != nil || res.PhysicalResourceID != "v2" {
		t.Fatalf("rename: %+v, %v", res, err)
	}
	// CloudFormation then deletes the old resource: kept without DeleteOnRemoval.
	if _, err := call(t, customresource.Event{RequestType: "Delete", PhysicalResourceID: "v1", ResourceProperties: old}); err != nil {
		t.Fatal(err)
	}
	if partitionsOf(t, adm, "v1") != 1 || partitionsOf(t, adm, "v2") != 2 {
		t.Errorf("v1 %d, v2 %d partitions", partitionsOf(t, adm, "v1"), partitionsOf(t, adm, "v2"))
	}
}

func TestDeleteOnlyWhenAsked(t *testing.T) {
	brokers, adm := fakeBrokers(t, map[string]int32{"kept": 1, "gone": 1})
	if _, err := call(t, customresource.Event{RequestType: "Delete", PhysicalResourceID: "kept", ResourceProperties: props(brokers, "kept", "1", nil)}); err != nil {
		t.Fatal(err)
	}
	if _, err := call(t, customresource.Event{RequestType: "Delete", PhysicalResourceID: "gone", ResourceProperties: props(brokers, "gone", "1", nil, "DeleteOnRemoval", "true")}); err != nil {
		t.Fatal(err)
	}
	if partitionsOf(t, adm, "kept") != 1 {
		t.Error("the kept topic is gone")
	}
	if partitionsOf(t, adm, "gone") != -1 {
		t.Error("the topic to delete is still there")
	}
	// Deleting it again (CloudFormation retries) is not an error.
	if _, err := call(t, customresource.Event{RequestType: "Delete", PhysicalResourceID: "gone", ResourceProperties: props(brokers, "gone", "1", nil, "DeleteOnRemoval", "true")}); err != nil {
		t.Errorf("second delete: %v", err)
	}
}

func TestBadProperties(t *testing.T) {
	cases := []struct {
		p    map[string]any
		want string
	}{
		{props("", "t", "1", nil), "BootstrapBrokers: none"},
		{props("b:9098", "bad topic", "1", nil), `Topic "bad topic"`},
		{props("b:9098", "t", "0", nil), `Partitions "0": 1 to 10000`},
		{props("b:9098", "t", "1", nil, "ReplicationFactor", "0"), `ReplicationFactor "0"`},
		{props("b:9098", "t", "1", map[string]any{"retention.ms": 5}), "Configs[retention.ms]: a string"},
	}
	for _, c := range cases {
		_, err := call(t, customresource.Event{RequestType: "Create", ResourceProperties: c.p})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %s", c.p, err, c.want)
		}
	}
	// The rollback of a Create that failed its checks succeeds without a call.
	res, err := call(t, customresource.Event{RequestType: "Delete", PhysicalResourceID: "x", ResourceProperties: props("", "t", "0", nil)})
	if err != nil || res.PhysicalResourceID != "x" {
		t.Errorf("rollback delete: %+v, %v", res, err)
	}
	if _, err := handler(plain, slog.New(slog.NewTextHandler(io.Discard, nil)))(context.Background(), json.RawMessage(`{"RequestType":"Replace"}`)); err == nil {
		t.Error("an unknown request type was accepted")
	}
}
