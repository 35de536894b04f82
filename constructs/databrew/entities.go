package databrew

// EntityTypes are the PII entity types DataBrew detects (profile jobs'
// EntityDetectorConfiguration, steps' entityTypeFilter). USA_ALL is the
// group of all of them except PERSON_NAME and DATE.
var EntityTypes = []string{
	"USA_SSN", "EMAIL", "USA_ITIN", "USA_PASSPORT_NUMBER", "PHONE_NUMBER", "USA_DRIVING_LICENSE",
	"BANK_ACCOUNT", "CREDIT_CARD", "IP_ADDRESS", "MAC_ADDRESS", "USA_DEA_NUMBER", "USA_HCPCS_CODE",
	"USA_NATIONAL_PROVIDER_IDENTIFIER", "USA_NATIONAL_DRUG_CODE", "USA_HEALTH_INSURANCE_CLAIM_NUMBER",
	"USA_MEDICARE_BENEFICIARY_IDENTIFIER", "USA_CPT_CODE", "PERSON_NAME", "DATE", "USA_ALL",
}

// ColumnStatistics are the column-level statistics of a DataBrew profile
// job, the values ProfileProps.AllowedStatistics accepts (the statistics
// still computed on a column found to hold PII).
var ColumnStatistics = []string{
	"DISTINCT_VALUES_COUNT", "ENTROPY", "INTER_QUARTILE_RANGE", "KURTOSIS", "MAX", "MAXIMUM_VALUES",
	"MEAN", "MEDIAN", "MEDIAN_ABSOLUTE_DEVIATION", "MIN", "MINIMUM_VALUES", "MISSING_VALUES_COUNT",
	"MODE", "MOST_COMMON_VALUES", "OUTLIER_DETECTION", "PERCENTILES", "RANGE", "SKEWNESS",
	"STANDARD_DEVIATION", "SUM", "UNIQUE_VALUES_COUNT", "VALUE_DISTRIBUTION", "VARIANCE",
	"Z_SCORE_DISTRIBUTION", "ZEROS_COUNT",
}

// PIIStatistics are the default AllowedStatistics: counts that tell how
// complete and how unique a PII column is without revealing any of its
// values (MOST_COMMON_VALUES, MINIMUM_VALUES and the like would copy PII
// into the profile).
var PIIStatistics = []string{"MISSING_VALUES_COUNT", "DISTINCT_VALUES_COUNT", "UNIQUE_VALUES_COUNT"}
