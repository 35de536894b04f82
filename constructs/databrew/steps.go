package databrew

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

// Step is one recipe step: a DataBrew recipe action (Operation and its
// Parameters, as in the DataBrew recipe action reference) and optional
// conditions on the rows it applies to. Steps of the operations with a
// helper below have their parameters checked at synthesis (stepcheck.go),
// whether written by a helper or by hand.
type Step struct {
	Operation  string
	Parameters map[string]string
	Conditions []Condition

	// secret and key are what the step reads at run time (a Secrets
	// Manager secret, a KMS key): the job's role is granted exactly that.
	secret awssecretsmanager.ISecret
	key    awskms.IKey
	// keyUse is "encrypt" or "decrypt" (which key grant the step needs).
	keyUse string
}

// Condition limits a step to rows where TargetColumn meets Condition
// (e.g. IS_MISSING, IS_INVALID, GREATER_THAN with Value).
type Condition struct {
	Condition    string
	TargetColumn string
	Value        string
}

// columns is DataBrew's encoding of a list parameter: a JSON array in a string.
func columns(cols []string) string {
	if cols == nil {
		cols = []string{}
	}
	b, _ := json.Marshal(cols)
	return string(b)
}

// Rename renames a column (RENAME).
func Rename(from, to string) Step {
	return Step{Operation: "RENAME", Parameters: map[string]string{"sourceColumn": from, "targetColumn": to}}
}

// ChangeType casts a column (CHANGE_DATA_TYPE) to "string", "integer",
// "double", "boolean", "date" or "timestamp".
func ChangeType(column, dataType string) Step {
	return Step{Operation: "CHANGE_DATA_TYPE", Parameters: map[string]string{"sourceColumn": column, "columnDataType": dataType}}
}

// RemoveDuplicates deletes a row when its value of column was seen before
// (REMOVE_DUPLICATES).
func RemoveDuplicates(column string) Step {
	return Step{Operation: "REMOVE_DUPLICATES", Parameters: map[string]string{"sourceColumn": column}}
}

// RemoveMissing deletes rows whose column is empty (REMOVE_MISSING).
func RemoveMissing(column string) Step {
	return Step{Operation: "REMOVE_MISSING", Parameters: map[string]string{"sourceColumn": column}}
}

// Trim removes leading and trailing white space (TRIM).
func Trim(column string) Step {
	return Step{Operation: "TRIM", Parameters: map[string]string{"sourceColumn": column}}
}

// LowerCase lower-cases a column (LOWER_CASE), e.g. e-mail addresses
// before deduplication.
func LowerCase(column string) Step {
	return Step{Operation: "LOWER_CASE", Parameters: map[string]string{"sourceColumn": column}}
}

// NotesRecipe is a cleaning recipe for the notes' customer data (ETL-03,
// ETL-10): trimmed, lower-cased, deduplicated e-mail addresses, no rows
// without a customer id, a typed age, and masked phone numbers.
func NotesRecipe() []Step {
	return []Step{
		Trim("email"),
		LowerCase("email"),
		RemoveMissing("customer_id"),
		RemoveDuplicates("customer_id"),
		ChangeType("age", "integer"),
		MaskPII("#", "phone"),
	}
}
