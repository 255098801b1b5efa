package answer

import (
	"fmt"
	"os"
	"testing"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

func TestDebugQuery(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	c, _ := corpus.Load(embedded.FS)
	ix := NewIndex(c)
	ws := words(fold(q))
	filter, skip, _ := ix.namedEvents(ws)
	qs := ix.queryTerms(q, ws, skip)
	for _, x := range qs {
		fmt.Printf("term %q idf=%.2f known=%v variants=%d\n", x.word, x.idf, x.known, len(x.variants))
		for _, v := range x.variants {
			fmt.Printf("   %s w=%.2f idf=%.2f\n", ix.termList[v.term], v.weight, v.idf)
		}
	}
	s := ix.match(qs, questionType(ws), filter)
	fmt.Printf("need %.2f\n", minCoverage(len(qs)))
	for i, c := range s.cands {
		if i == 15 {
			break
		}
		d := ix.docs[c.doc]
		b := ix.corpus.Talks[d.talk].Bullets[d.bullet]
		fmt.Printf("%.2f cov=%.2f %v %s:%d %q | %s\n", c.score, c.cover, c.level[:len(qs)], b.File, b.Line, b.Text, ix.corpus.Talks[d.talk].Title)
	}
}
