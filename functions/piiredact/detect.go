package main

import "github.com/cdk-data-patterns/patterns/functions/internal/pii"

// The detectors are functions/internal/pii's, shared with
// functions/objectredact; these names keep the redactor's code short.
const (
	KindField      = pii.KindField
	KindEmail      = pii.KindEmail
	KindPhone      = pii.KindPhone
	KindCreditCard = pii.KindCreditCard
	KindKRRRN      = pii.KindKRRRN
)

// Counts are the redactions of a record or a batch, by kind.
type Counts = pii.Counts

func redactText(s string, c *Counts) string { return pii.RedactText(s, c) }
