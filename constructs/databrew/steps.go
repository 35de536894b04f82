package databrew

import (
	"encoding/json"
)

// Step is one recipe step: a DataBrew recipe action (Operation and its
// Parameters, as in the DataBrew recipe action reference) and optional
// conditions on the rows it applies to.
type Step struct {
	Operation  string
	Parameters map[string]string
	Conditions []Condition
}

// Condition limits a step to rows where TargetColumn meets Condition
// (e.g. IS_MISSING, IS_INVALID, GREATER_THAN with Value).
type Condition struct {
	Condition    string
	TargetColumn string
	Value        string
}

// columns is DataBrew's encoding of a column list parameter: a JSON array in a string.
func columns(cols []string) string {
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

// MaskPII replaces every character of the columns with symbol
// (MASK_CUSTOM with the regular expression "."), catalogue ETL-10.
func MaskPII(symbol string, cols ...string) Step {
	return Step{Operation: "MASK_CUSTOM", Parameters: map[string]string{
		"sourceColumns": columns(cols), "maskSymbol": symbol, "regex": "true", "customValue": ".",
	}}
}

// HashPII replaces the columns with an HMAC of their value keyed by the
// secret (CRYPTOGRAPHIC_HASH): equal inputs still join, the originals are
// not recoverable. The job's role must be able to read the secret.
func HashPII(secretName string, cols ...string) Step {
	return Step{Operation: "CRYPTOGRAPHIC_HASH", Parameters: map[string]string{
		"sourceColumns": columns(cols), "secretId": secretName,
	}}
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
