// Command kafkatopic is the onEvent handler of a CDK custom resource
// Provider that declares a Kafka topic on Amazon MSK (catalogue ING-16,
// ING-18: topics as code, so that clusters can keep
// auto.create.topics.enable=false and every topic has the partitions and
// settings its owner chose).
//
// The function runs in the cluster's VPC and signs in with IAM
// (AWS_MSK_IAM over TLS, apps/kafkaconn) as its execution role, which may
// create, describe and alter exactly this topic (and delete it only when
// DeleteOnRemoval is true).
//
// ResourceProperties (strings, as CloudFormation passes them):
//
//	BootstrapBrokers   "b-1.x:9098,b-2.x:9098"
//	Topic              the topic's name ([A-Za-z0-9._-], 1 to 249 characters)
//	Partitions         1 to 10,000
//	ReplicationFactor  1 to the brokers, or -1 for the cluster's default.replication.factor
//	Configs            topic settings ({"retention.ms": "604800000", ...})
//	DeleteOnRemoval    "true" deletes the topic with the resource (sandbox only)
//
// Create makes the topic, or adopts an existing one of that name: its
// partitions are raised to Partitions and Configs are applied. Update
// raises the partitions (Kafka cannot lower them: a lower count fails the
// update with that reason), sets the changed settings and removes the ones
// taken out of Configs, so they fall back to the cluster's defaults; a new
// Topic name creates that topic (CloudFormation then deletes the old
// resource, which keeps the old topic unless DeleteOnRemoval). Delete
// removes the topic only with DeleteOnRemoval (data is kept by default); an
// unknown topic counts as deleted. The replication factor is fixed at
// creation (changing it needs a partition reassignment, not done here).
//
// The answer's PhysicalResourceId is the topic's name; Data holds Topic,
// Partitions and TopicId.
package main
