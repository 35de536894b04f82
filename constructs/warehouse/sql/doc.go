// Package sql holds the SQL that the Amazon Redshift warehouse construct
// ships and applies at deploy time through the Redshift Data API (catalogue
// DWH-01, DWH-02's audit table, DWH-04, DWH-05, DWH-08, DWH-09, DWH-10,
// DWH-11), and renders it into statements.
//
// The SQL lives in .sql files embedded in the package. Each file starts with
// a comment naming its pattern, what it does, the facts of the Amazon
// Redshift Database Developer Guide it relies on, and its placeholders:
//
//	manifest_loads.sql   DWH-02  audit table of loaded manifest batches      schema
//	daily_procedure.sql  DWH-01  staging + fact tables, process_daily_data() schema
//	table_design.sql     DWH-08  orders (KEY + compound SORTKEY), customers,  schema
//	                             regions (ALL), ENCODE AUTO
//	timeseries.sql       DWH-05  monthly tables, UNION ALL view, DROP TABLE  schema, base, today, keep_months
//	spectrum_schema.sql  DWH-04  external schema lake over a Glue database   glue_database, spectrum_role_arn
//	masking.sql          DWH-09  e-mail masked for PUBLIC, clear for         schema
//	                             pii_reader (masking policies, PRIORITY)
//	column_grants.sql    DWH-10  role analyst, column-level SELECT           schema
//	datashare.sql        DWH-11  datashare of orders and regions to a        schema, consumer_namespace
//	                             consumer namespace
//
// Names lists them in an order they can be applied in; masking.sql,
// column_grants.sql and datashare.sql use table_design.sql's tables.
//
// Statements(name, vars) renders a file: it replaces each {{placeholder}}
// with its var and splits the text into statements at the semicolons
// outside quotes, dollar-quoted bodies and comments. Every placeholder must
// be given and no other var; each value is checked against its placeholder's
// kind (identifier, IAM role ARN, namespace UUID, Glue database name, date,
// month count) before anything is rendered, and those kinds admit no quote,
// semicolon, comment start or "$$", so a var cannot inject SQL. After
// rendering, each statement is split again and must come back whole.
//
// timeseries.sql also holds month blocks ("-- each kept" ... "-- end each"),
// repeated once per month that MonthlyTables(base, now, keep) computes for
// the date today and keep_months: CREATE TABLE IF NOT EXISTS for every month
// the view covers, CREATE OR REPLACE VIEW over them, one DROP TABLE IF
// EXISTS for the twelve months before them.
//
// Applying the files: the manifest, daily, table design, time-series and
// Spectrum files are idempotent (IF NOT EXISTS, OR REPLACE) and can run on
// every deployment. masking.sql, column_grants.sql and datashare.sql cannot:
// CREATE ROLE and CREATE DATASHARE have no IF NOT EXISTS and attaching an
// attached masking policy fails, so they run once, when the warehouse is
// created. masking.sql needs a superuser or the sys:secadmin role; column
// grants need the tables' owner or a superuser. Every file renders to at
// most 40 statements (timeseries.sql with keep_months 36 has exactly 40),
// the most one BatchExecuteStatement call takes (its Sqls holds 1 to 40
// items). A batch runs as one transaction, so a statement Redshift refuses
// inside a transaction block has to go through ExecuteStatement on its own.
//
// Choices worth knowing, each backed by the docs:
//   - The daily procedure does not TRUNCATE staging: TRUNCATE commits inside
//     a procedure, and would also drop today's unprocessed rows. It deletes
//     exactly the rows it copied, in the call's single transaction.
//   - The procedure is schema-qualified (schema.process_daily_data()) and
//     SECURITY DEFINER: the scheduler's user needs only EXECUTE on it, which
//     nobody but its owner and superusers has until granted. Redshift
//     recommends an sp_ prefix for procedure names; the name is kept as the
//     warehouse stack's schedule calls it.
//   - Time-series retention drops whole monthly tables instead of DELETE and
//     VACUUM, after redefining the view without them.
//   - PRIMARY KEY on manifest_loads is documentation: Redshift does not
//     enforce it, so the loader looks the batch up before loading.
package sql
