// Command dataapi is the function behind the data API of constructs/dataapi
// (catalogue ANA-07): API Gateway (REST, proxy
// integration) calls it with GET /<query>?<parameters>[&page_size=n]
// [&page_token=t], and it answers from Athena or the Redshift Data API.
//
// Each resource is one named query declared in the construct's props: a
// SQL template with named, typed parameters (package query). A request's
// query-string values are checked (string: a pattern, a length, no control
// characters; int: bounds; date: YYYY-MM-DD) and bound as the engine's
// parameters, never pasted into the SQL: Athena gets the template with
// positional "?" and ExecutionParameters, Redshift the template with
// ":name" and Parameters. The SQL text sent is always exactly the
// compiled template (FuzzHandler checks it).
//
// Athena substitutes execution parameters as SQL literals, so the function
// renders each value as a literal of its type itself: an int as its digits,
// a date as CAST('YYYY-MM-DD' AS DATE), a string single-quoted with its
// quotes doubled; a string must also match its declared pattern.
//
// Pagination: the first request runs the query and waits for it (polling
// with backoff, 503 with Retry-After when it is still running near the
// end of the invocation's time); every answer with more rows carries
// nextPageToken, an opaque token: the query execution or statement id, the
// engine's NextToken (Redshift: and an offset inside the engine's page,
// since GetStatementResult has no page size) and an expiry, bound to the
// query, the caller's identity, the page size and the parameter values,
// and signed with a KMS HMAC key (GenerateMac/VerifyMac). A client cannot
// forge a token, move it to another query or parameters, or use another
// caller's; the next page reads the stored result without running the
// query again.
package main
