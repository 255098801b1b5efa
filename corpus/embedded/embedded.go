// Package embedded holds the corpus talkbot ships with: five files of
// conference talk notes, their manifest and a NOTICE of their origin.
package embedded

import "embed"

// FS is the default corpus, rooted at the notes.
//
//go:embed *.md *.txt corpus.yaml NOTICE
var FS embed.FS
