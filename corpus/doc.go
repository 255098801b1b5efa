// Package corpus loads folders of conference talk notes into talks.
//
// A corpus is any fs.FS holding Markdown (.md, .markdown), reStructuredText
// (.rst) and plain-text (.txt) notes, in any layout people write them: one file
// per talk, one file per conference with a heading per talk, Sphinx exports
// with numbered chapters, or a programme page copied from a conference site.
// Load walks the tree, parses each file into an outline of headings, bullets
// and paragraphs, decides which headings are talks, and returns talks with
// their event, speakers, sections and bullets, every bullet carrying the file
// and 1-based line it came from.
//
// An optional manifest (corpus.yaml or corpus.json at the root) names the
// events of files and folders and gives a base URL for links; without it the
// events are inferred from the notes, their index files and their paths.
//
// The package knows nothing of chat services or of searching.
package corpus
