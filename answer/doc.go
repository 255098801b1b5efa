// Package answer indexes the bullets of a corpus and answers questions
// about its talks with cited note lines.
//
// The index is an in-memory inverted index over bullet text, with the talk
// title, speakers, section headings and event of every bullet as boosted
// context. Text is folded (case, accents), stemmed with the Snowball English
// stemmer and stripped of stop words; ranking is BM25 with a bonus for a
// bullet whose parent or neighbours carry the other query words. Misspelt
// words are corrected against the index vocabulary through a deletion
// neighbourhood, and titles and speakers are matched by subsequence with
// github.com/sahilm/fuzzy.
//
// Engine answers the commands of every chat adapter (Parse reads them) and
// returns a Reply: plain data, with no chat markup.
package answer
