package durablequeue

import (
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

const (
	minRetentionSeconds = 60
	maxRetentionSeconds = 14 * 86400
	retentionAllowed    = "SQS keeps messages for 60 seconds to 14 days (1,209,600 s), in whole seconds"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("durablequeue", scope, id)
	qp := p.QueueProps
	if qp == nil {
		qp = &awssqs.QueueProps{}
	}
	sandbox.CheckOverride(pr, scope, "QueueProps", qp.RemovalPolicy, nil)
	if dp := p.DeadLetterQueueProps; dp != nil {
		sandbox.CheckOverride(pr, scope, "DeadLetterQueueProps", dp.RemovalPolicy, nil)
	}
	if kp := p.KeyProps; kp != nil {
		sandbox.CheckOverride(pr, scope, "KeyProps", kp.RemovalPolicy, nil)
	}
	checkEncryption(pr, p, qp)
	checkRetention(pr, "RetentionPeriod", p.RetentionPeriod, "QueueProps.RetentionPeriod", qp.RetentionPeriod)
	checkRetention(pr, "DeadLetterRetentionPeriod", p.DeadLetterRetentionPeriod, "DeadLetterQueueProps.RetentionPeriod", dlqProps(p).RetentionPeriod)

	if n := p.MaxReceiveCount; n != nil && (*n < 1 || *n > 1000 || *n != math.Trunc(*n)) {
		pr.Add("MaxReceiveCount", *n, "SQS accepts 1 to 1000 receives (a whole number) before moving a message to the dead-letter queue")
	}
	if qp.DeadLetterQueue != nil {
		pr.Add("QueueProps.DeadLetterQueue", "set", "use MaxReceiveCount and ExistingDeadLetterQueue (or DeadLetterQueueProps)")
	}
	if qp.EnforceSSL != nil && !*qp.EnforceSSL {
		pr.Add("QueueProps.EnforceSSL", false, "a durable queue always denies requests without TLS")
	}
	if p.Fifo != nil && qp.Fifo != nil {
		pr.Add("Fifo and QueueProps.Fifo", "both set", "set one of them")
	}
	checkDeadLetterQueue(pr, p, isFifo(p))
	checkDeadLetterOutlives(pr, p, qp)
	checkAlarms(pr, p, qp)
	return pr
}

func isFifo(p *Props) bool {
	if p.Fifo != nil {
		return *p.Fifo
	}
	return p.QueueProps != nil && p.QueueProps.Fifo != nil && *p.QueueProps.Fifo
}

func dlqProps(p *Props) *awssqs.QueueProps {
	if p.DeadLetterQueueProps == nil {
		return &awssqs.QueueProps{}
	}
	return p.DeadLetterQueueProps
}

func checkEncryption(pr *propcheck.Problems, p *Props, qp *awssqs.QueueProps) {
	switch p.Encryption {
	case "", KMS, SQSManaged:
	default:
		pr.Add("Encryption", p.Encryption, "use durablequeue.KMS or durablequeue.SQSManaged")
	}
	if p.EncryptionKey != nil && p.KeyProps != nil {
		pr.Add("EncryptionKey and KeyProps", "both given", "give an existing key or the props of a new one, not both")
	}
	if p.Encryption == SQSManaged && (p.EncryptionKey != nil || p.KeyProps != nil) {
		pr.Add("EncryptionKey/KeyProps", "given with SQSManaged", "SSE-SQS uses keys owned by SQS; choose KMS to use a KMS key")
	}
	for i, q := range []*awssqs.QueueProps{qp, dlqProps(p)} {
		if q.Encryption != "" || q.EncryptionMasterKey != nil {
			prop := [...]string{"QueueProps", "DeadLetterQueueProps"}[i]
			pr.Add(prop+".Encryption/EncryptionMasterKey", q.Encryption, "set encryption with Props.Encryption and Props.EncryptionKey, which apply to both queues")
		}
	}
}

// checkRetention checks a retention given by a typed field or the CDK props
// field (not both).
func checkRetention(pr *propcheck.Problems, prop string, d awscdk.Duration, propsProp string, pd awscdk.Duration) {
	if d != nil && pd != nil {
		pr.Add(prop+" and "+propsProp, "both set", "set one of them")
	}
	if d == nil {
		d, prop = pd, propsProp
	}
	if d == nil {
		return
	}
	if outOfRange(propcheck.Seconds(d)) {
		pr.Add(prop, *d.ToHumanString(), retentionAllowed)
	}
}

func checkDeadLetterQueue(pr *propcheck.Problems, p *Props, fifo bool) {
	existing := p.ExistingDeadLetterQueue
	if existing != nil && (p.DeadLetterQueueProps != nil || p.DeadLetterRetentionPeriod != nil) {
		pr.Add("ExistingDeadLetterQueue and DeadLetterQueueProps/DeadLetterRetentionPeriod", "both given", "give an existing dead-letter queue or the settings of a new one, not both")
	}
	if existing != nil && existing.Fifo() != nil && *existing.Fifo() != fifo {
		kind := map[bool]string{true: "a FIFO", false: "a standard"}
		pr.Add("ExistingDeadLetterQueue", *existing.QueueName()+" ("+kind[*existing.Fifo()]+" queue)",
			"the dead-letter queue of "+kind[fifo]+" queue must be "+kind[fifo]+" queue too (SQS rejects the redrive policy otherwise)")
	}
	dp := dlqProps(p)
	if dp.Fifo != nil && *dp.Fifo != fifo {
		pr.Add("DeadLetterQueueProps.Fifo", *dp.Fifo, "the dead-letter queue follows the main queue; set Fifo on the construct")
	}
	if dp.DeadLetterQueue != nil {
		pr.Add("DeadLetterQueueProps.DeadLetterQueue", "set", "a dead-letter queue has no dead-letter queue of its own here")
	}
	if dp.EnforceSSL != nil && !*dp.EnforceSSL {
		pr.Add("DeadLetterQueueProps.EnforceSSL", false, "a durable queue always denies requests without TLS")
	}
	if dp.RedriveAllowPolicy != nil && p.RestrictRedriveSources != nil {
		pr.Add("RestrictRedriveSources and DeadLetterQueueProps.RedriveAllowPolicy", "both set", "set one of them")
	}
	if existing != nil && p.RestrictRedriveSources != nil {
		pr.Add("RestrictRedriveSources", *p.RestrictRedriveSources, "applies to a new dead-letter queue only; an existing queue's redrive-allow policy is its owner's")
	}
}

// retention is a queue's retention as given (typed field or CDK props
// field) with the name of the property that gave it, or the default.
type retention struct {
	prop    string
	d       awscdk.Duration
	seconds float64
}

func retentionOf(typedProp string, typed awscdk.Duration, propsProp string, props awscdk.Duration, defaultDays float64) retention {
	switch {
	case typed != nil:
		return retention{typedProp, typed, propcheck.Seconds(typed)}
	case props != nil:
		return retention{propsProp, props, propcheck.Seconds(props)}
	}
	d := awscdk.Duration_Days(&defaultDays)
	return retention{"", d, propcheck.Seconds(d)}
}

func (r retention) String() string {
	if r.prop == "" {
		return *r.d.ToHumanString() + ", the default"
	}
	return *r.d.ToHumanString() + " from " + r.prop
}

// checkDeadLetterOutlives rejects a new dead-letter queue of a standard queue
// that does not keep messages longer than the main queue: SQS keeps a
// standard message's original enqueue time when it moves it to the DLQ, so
// with an equal or shorter retention a message that dies late expires there
// at once (the notes' caution). FIFO queues reset the enqueue time on the
// move; an existing DLQ's retention is its owner's and unknown here.
func checkDeadLetterOutlives(pr *propcheck.Problems, p *Props, qp *awssqs.QueueProps) {
	if isFifo(p) || p.ExistingDeadLetterQueue != nil {
		return
	}
	main := retentionOf("RetentionPeriod", p.RetentionPeriod, "QueueProps.RetentionPeriod", qp.RetentionPeriod, defaultRetentionDays)
	dlq := retentionOf("DeadLetterRetentionPeriod", p.DeadLetterRetentionPeriod, "DeadLetterQueueProps.RetentionPeriod", dlqProps(p).RetentionPeriod, defaultDeadLetterRetentionDays)
	if outOfRange(main.seconds) || outOfRange(dlq.seconds) || dlq.seconds > main.seconds {
		return
	}
	why := "a standard queue's message keeps its original enqueue time in the dead-letter queue, so the dead-letter queue must keep messages longer than the main queue or a message that dies late expires there before anyone can redrive it"
	if dlq.prop == "" {
		pr.Add(main.prop, *main.d.ToHumanString(), "the dead-letter queue keeps messages "+dlq.String()+" (SQS's maximum); "+why+": keep the main queue's retention below 14 days")
		return
	}
	pr.Add(dlq.prop, *dlq.d.ToHumanString(), "not longer than the main queue's retention ("+main.String()+"); "+why+": make it longer than the main queue's, at most 14 days")
}

func outOfRange(s float64) bool {
	return s < minRetentionSeconds || s > maxRetentionSeconds || s != math.Trunc(s)
}

func checkAlarms(pr *propcheck.Problems, p *Props, qp *awssqs.QueueProps) {
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		if p.DeadLetterThreshold != nil || p.MaxMessageAge != nil {
			pr.Add("DeadLetterThreshold/MaxMessageAge", "set", "CreateAlarms is false; drop the alarm settings or turn alarms on")
		}
		return
	}
	if t := p.DeadLetterThreshold; t != nil && (*t < 1 || *t != math.Trunc(*t)) {
		pr.Add("DeadLetterThreshold", *t, "a whole number of messages, at least 1")
	}
	if p.MaxMessageAge == nil {
		return
	}
	retention := float64(defaultRetentionDays * 86400)
	if r := p.RetentionPeriod; r != nil {
		retention = propcheck.Seconds(r)
	} else if r := qp.RetentionPeriod; r != nil {
		retention = propcheck.Seconds(r)
	}
	if age := propcheck.Seconds(p.MaxMessageAge); age < 60 || age >= retention {
		pr.Add("MaxMessageAge", *p.MaxMessageAge.ToHumanString(), "at least 60 seconds and less than the retention period, or messages expire before the alarm fires")
	}
}
