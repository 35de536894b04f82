// Command csvtojson is a Kinesis Data Firehose data-transformation Lambda
// function (catalogue ING-02): it turns CSV records into newline-delimited
// JSON typed by the table's schema, so that Firehose's record format
// conversion (OpenX JSON SerDe in, Parquet out) can read them.
//
// Firehose converts only JSON to Parquet or ORC; CSV producers need a
// transformation in front of it. The sample this replaces read each record
// with Python's csv.DictReader, which takes the first line of every record
// for a header: real producers send data rows, so the first row of each
// record was lost or misread, and every value reached the deserializer as a
// string. Here the columns come from the same list the construct writes into
// the Glue table, and each value is written as the JSON its Glue type needs.
//
// # Records and rows
//
// Firehose passes records as they were put; a record's data may hold one
// CSV row or several (a producer may batch lines), in RFC 4180 form: fields
// are separated by DELIMITER, rows end with \n or \r\n, the last one may
// lack it, and a field in double quotes may hold the delimiter, line breaks
// and quotes (written ""). Line breaks inside quoted fields are kept as
// they are. A UTF-8 byte order mark at the start of a record is ignored.
// Lines that hold only spaces, tabs and carriage returns (other than the
// delimiter) are skipped, so with a single string column a value of only
// spaces cannot be told from a blank line.
//
// With HEADER=auto (the default) a record's first non-blank line is
// skipped when its fields are the column names, in order (ignoring case
// and surrounding spaces); with none it is never skipped, with always it
// is always skipped (whatever it holds).
//
// Each row becomes one JSON object followed by "\n", with the columns as
// keys in schema order. A record's result is, per the shared contract
// (functions/internal/firehoseproc):
//
//   - Ok, with the JSON lines of all its rows;
//   - Dropped, when it has no data rows (empty, blank, or only a header);
//   - ProcessingFailed when any row is malformed or has a bad value; the
//     whole record is refused, so that Firehose writes it, unchanged, under
//     the error output prefix. The reason, logged at WARN with the record
//     id, gives the line within the record where the row starts, the
//     column, the first 64 bytes of the value (so logs may hold data
//     values) and the type expected, or for a malformed row its start.
//
// A row is malformed when its quoting is (a quoted field not terminated,
// text after a closing quote, a quote inside an unquoted field), when it is
// longer than MAX_ROW_BYTES, or when it is ragged: every row must have
// exactly as many fields as the schema has columns. There is no padding of
// short rows and no dropping of extra fields, because a ragged row means
// the producer and the schema disagree (a column added on one side only, an
// unquoted delimiter in a value), and guessing which field is which would
// put values in the wrong columns without anyone noticing. (A bad value in
// a ragged row is reported as the ragged row.)
//
// One bad record never fails the batch, and the response is kept under
// Lambda's 6 MB limit, by firehoseproc.
//
// # Values
//
// Fields of string columns are taken as they are, spaces included. Fields
// of every other type are trimmed of surrounding spaces and tabs first
// (" 12 " is 12), quoted or not. An empty field (after trimming, for those
// types; "" counts as empty) is null with EMPTY_AS_NULL=true (the
// default); with false, an empty string field is "" and an empty field of
// any other type is a bad value.
//
//	string, varchar, char  JSON string. Quotes, backslashes and control
//	                       characters are escaped; valid UTF-8 is kept, and
//	                       each byte that is not valid UTF-8 is replaced with
//	                       U+FFFD (written \ufffd), as encoding/json does:
//	                       JSON text must be valid Unicode (RFC 8259), so
//	                       such bytes cannot be passed on. The length of
//	                       varchar(n) and char(n) is not checked.
//	tinyint, smallint,     JSON integer. An optional sign and decimal
//	int, integer, bigint   digits ("+007" is 7); a value outside the type's
//	                       range (tinyint -128..127, smallint
//	                       -32768..32767, int -2^31..2^31-1, bigint
//	                       -2^63..2^63-1) is refused, not wrapped. No
//	                       fraction or exponent ("1.0" is refused).
//	double, float          JSON number. Decimal notation with an optional
//	                       sign, point and exponent (1, -2.5, .5, 1e3). NaN
//	                       and infinities are refused (JSON has no such
//	                       values), as are values that overflow the type
//	                       ("1e309" for double, "1e39" for float). A value
//	                       that is already a JSON number is copied as
//	                       written; others (+1, .5, 5.) are reformatted.
//	decimal(p,s)           JSON number with the digits as written (a plus
//	                       sign, leading zeros and a bare trailing point
//	                       dropped, as JSON requires), never through a
//	                       binary float. At most p-s digits before the
//	                       point and s after it (trailing zeros aside), no
//	                       exponent; nothing is rounded. decimal alone is
//	                       Hive's decimal(10,0); decimal(p) is decimal(p,0).
//	boolean                true or false, from true/false, 1/0, yes/no, t/f
//	                       in any case.
//	date                   "YYYY-MM-DD", from the same form (0001 to 9999).
//	timestamp              "YYYY-MM-DD hh:mm:ss.mmm" in UTC.
//
// Timestamps are read with the TIMESTAMP_FORMATS in order; the default is
// epoch then iso:
//
//	epoch         integer Unix time, in seconds or milliseconds: a value of
//	              1e11 or more (in absolute value) is milliseconds (1e11
//	              seconds is in the year 5138, 1e11 ms in 1973), so
//	              millisecond times before 1973-03-03 are misread; use
//	              epoch_second or epoch_milli to say which
//	epoch_second  integer Unix seconds
//	epoch_milli   integer Unix milliseconds
//	iso           RFC 3339 (2026-03-01T12:00:00.123+01:00) and its ISO 8601
//	              relatives: a space or T between date and time, a
//	              fraction of 1 to 9 digits, and a zone of Z, ±hh:mm, ±hhmm
//	              or ±hh, or none, which means UTC (so "2006-01-02
//	              15:04:05" with or without fractional seconds is read)
//
// Any other entry is a Go time layout (time.Parse; UTC unless the layout
// has a zone), such as "02/01/2006 15:04:05". Those are slower than the
// built-in formats and cannot contain commas. Digits beyond the millisecond
// are dropped (truncated, not rounded), and instants outside the years 0001
// to 9999 are refused.
//
// Why that output: the timestamp column of the table is read by the
// deserializer, not by this function. The OpenX JSON SerDe, as Firehose
// documents it, reads timestamps as yyyy-[M]M-[d]d HH:mm:ss[.S] (besides
// ISO form with a Z, and epoch numbers), and the Hive JSON SerDe's default
// is java.sql.Timestamp.valueOf, which reads exactly yyyy-mm-dd
// hh:mm:ss[.f...]; "2006-01-02 15:04:05.000" is read the same way by both,
// carries no zone that a reader could reinterpret (the value is always
// UTC), is fixed-width and sorts as text, and keeps milliseconds. Epoch
// numbers would be as unambiguous but unreadable in the error output, and
// whether a number is seconds or milliseconds would depend on the reader's
// guess.
//
// # Environment
//
//	COLUMNS            the schema: a JSON array of {"name": ..., "type":
//	                   ...} in table order (required); names of lowercase
//	                   letters, digits and underscores (as Glue stores
//	                   them), unique; types string, varchar(n), char(n),
//	                   tinyint, smallint, int, integer, bigint, double,
//	                   float, decimal, decimal(p), decimal(p,s), boolean,
//	                   timestamp, date; other keys (comment) are ignored
//	DELIMITER          one ASCII punctuation character, a space, or a tab
//	                   (a tab character, \t or tab); default ","
//	HEADER             auto (default), none or always
//	EMPTY_AS_NULL      true (default) or false
//	TIMESTAMP_FORMATS  comma-separated formats (above); default epoch,iso
//	MAX_ROW_BYTES      longest row accepted, 1 to 6000000; default 1000000
//
// A bad value stops the function at cold start with one error naming every
// bad variable, its value and what is allowed.
//
// # Logs and permissions
//
// One JSON line per invocation ("batch"; WARN when a record failed) gives
// records, ok, dropped, failed, over_limit, rows, in_bytes, out_bytes,
// duration_ms, delivery_stream_arn and invocation_id. The function calls
// no AWS API: its role needs only to write its logs; Firehose's role needs
// lambda:InvokeFunction and lambda:GetFunctionConfiguration on it.
//
// # Performance
//
// The function sits in Firehose's path, where its duration is both latency
// and cost, so it is written for speed rather than with encoding/csv and
// encoding/json: one pass over the data, fields as slices of the input,
// values converted from those slices and appended to output blocks shared
// by the invocation's records, with no allocation per field, row or
// record. Numbers are checked by hand and copied when they are already
// JSON, so strconv parses only the unusual ones; the common timestamp forms
// are parsed without the time package's layouts. BenchmarkTransform and
// BenchmarkProcess measure it (target: 100 MB/s of CSV on one core).
package main
