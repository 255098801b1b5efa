// Package poll keeps the conference schedules a corpus names by URL up to
// date. Each is fetched at start, then every interval, with If-None-Match
// and If-Modified-Since so that an unchanged export costs a 304; a new
// body that reads as a schedule replaces the last good one and the corpus
// is reloaded. A failed, refused, slow, oversized or broken fetch keeps
// the last good schedule and is counted.
package poll
