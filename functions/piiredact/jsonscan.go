package main

// Helpers for JSON that json.Valid has accepted; on anything else they may
// panic, which firehoseproc would turn into ProcessingFailed.
