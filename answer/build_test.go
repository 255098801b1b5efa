package answer

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/talkbot/talkbot/corpus"
)

// TestIndexSameOnAnyCores builds the index of a corpus of several chunks
// with one reader and with four, and checks that they are the same.
func TestIndexSameOnAnyCores(t *testing.T) {
	dir, _ := syntheticNotes(t, 7, 20_000)
	c := loadNotes(t, dir)
	if len(c.Talks) <= 2*talksPerChunk {
		t.Fatalf("only %d talks: the test needs several chunks", len(c.Talks))
	}
	build := func(procs int) *Index {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return NewIndex(c)
	}
	one, four := build(1), build(4)
	if !slices.Equal(one.termList, four.termList) || !slices.Equal(one.vocab.words, four.vocab.words) || !slices.Equal(one.vocab.count, four.vocab.count) {
		t.Fatal("terms or words differ")
	}
	for id := range one.text {
		if !slices.Equal(one.text[id].data, four.text[id].data) {
			t.Fatalf("postings of %q differ", one.termList[id])
		}
	}
	if !slices.Equal(one.docs, four.docs) || !slices.Equal(one.fwd, four.fwd) || !slices.Equal(one.talkStart, four.talkStart) {
		t.Fatal("documents differ")
	}
	if one.avgLen != four.avgLen || len(one.docs) != c.Talks[len(c.Talks)-1].NumBullets()+int(one.talkStart[len(c.Talks)-1]) {
		t.Fatal("lengths differ")
	}
}

// TestIndexBuildNeverStalls builds a small corpus in many chunks with more
// readers than cores, many times: readers that run ahead must never hold
// every permit while the chunk the writer needs waits for one.
func TestIndexBuildNeverStalls(t *testing.T) {
	c := defaultEngine(t).Index().Corpus()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 150 {
			NewIndex(c)
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("index build stalled")
	}
}

// TestCountTermOnLongLines: a line's term frequencies come out the same
// whether its terms are few (searched in order) or many (found by term):
// each line's frequencies are checked against counting each term's own
// occurrences in order.
func TestCountTermOnLongLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	b := &builder{tfAt: map[uint32]int{}}
	for round := range 300 {
		distinct := 1 + rng.IntN(3*linearTerms)
		type occurrence struct {
			term  uint32
			inURL bool
		}
		var line []occurrence
		for range rng.IntN(4 * distinct) {
			line = append(line, occurrence{uint32(rng.IntN(distinct)), rng.IntN(4) == 0})
		}
		b.tf = b.tf[:0]
		clear(b.tfAt)
		for _, o := range line {
			b.countTerm(o.term, o.inURL)
		}
		for _, e := range b.tf {
			// The term's own occurrences, read as countTerm documents them.
			var want uint32
			for _, o := range line {
				if o.term != e.term {
					continue
				}
				switch {
				case !o.inURL && want&1 == 1:
					want = 2
				case !o.inURL:
					want += 2
				case want == 0 || want&1 == 1:
					want += 2
					want |= 1
				}
			}
			if e.tf != want {
				t.Fatalf("round %d: term %d counted %d; want %d (%v)", round, e.term, e.tf, want, line)
			}
		}
		seen := map[uint32]bool{}
		for _, e := range b.tf {
			if seen[e.term] {
				t.Fatalf("round %d: term %d counted twice", round, e.term)
			}
			seen[e.term] = true
		}
		for _, o := range line {
			if !seen[o.term] {
				t.Fatalf("round %d: term %d not counted", round, o.term)
			}
		}
	}
}

// TestTalkRuns: the runs the forward lists are written in cover every
// document once, in order, each starting where a talk starts.
func TestTalkRuns(t *testing.T) {
	ix := &Index{talkStart: []uint32{0, 3, 4, 10, 11, 30}, docs: make([]docInfo, 31)}
	for _, n := range []int{1, 2, 3, 4, 6, 7, 50} {
		runs := ix.talkRuns(n)
		if len(runs) == 0 || len(runs) > n || runs[0].start != 0 || runs[len(runs)-1].end != uint32(len(ix.docs)) {
			t.Fatalf("talkRuns(%d) = %v: not every document", n, runs)
		}
		for i, r := range runs {
			if r.end <= r.start || i > 0 && r.start != runs[i-1].end || !slices.Contains(ix.talkStart, r.start) {
				t.Fatalf("talkRuns(%d) = %v: run %d", n, runs, i)
			}
		}
	}
	if runs := ix.talkRuns(2); !slices.Equal(runs, []docRange{{0, 30}, {30, 31}}) {
		t.Errorf("talkRuns(2) = %v; want a split where the first talk at or after the middle document starts", runs)
	}
}

// TestParentsNearAndFar: a line's parent is found the same, whether it is
// a few lines up, kept in the line's record, or thousands up, found in the
// corpus; and the line's flags, which share the parent's 16 bits, are its
// own.
func TestParentsNearAndFar(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Many Children\n\n## Author\n\nSam Lee\n\n## Notes\n\n* the parent line\n")
	const children = parentFar + 200
	for i := range children {
		fmt.Fprintf(&b, "    * child %d\n", i)
		if i%1000 == 0 {
			fmt.Fprintf(&b, "        * grandchild %d\n", i)
		}
	}
	c, err := corpus.Load(fstest.MapFS{"devconf-2024/many.md": {Data: []byte(b.String())}, "devconf-2024/other.md": {Data: []byte("# Other\n\n* one\n")}})
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(c)
	far := 0
	for talk, tk := range c.Talks {
		start := ix.firstDoc(uint32(talk))
		for i := range tk.NumBullets() {
			doc := start + uint32(i)
			want := tk.Place(i).Parent
			got, ok := ix.parentDoc(doc)
			if ok != (want >= 0) || ok && got != start+uint32(want) {
				t.Fatalf("%q line %d: parent %d, %v; want line %d", tk.Title, i, got-start, ok, want)
			}
			if ix.docs[doc].parent() == parentFar {
				far++
			}
			speaker := ix.docs[doc].flags()&flagSpeakerLine != 0
			if text := tk.Bullet(i).Text; speaker != (text == "Sam Lee") {
				t.Errorf("%q: flagged as introducing the speaker: %v", text, speaker)
			}
			prev, next := ix.docs[doc].flags()&flagPrevSameFile != 0, ix.docs[doc].flags()&flagNextSameFile != 0
			if prev != (i > 0) || next != (i+1 < tk.NumBullets()) {
				t.Errorf("%q line %d: same file before %v, after %v", tk.Title, i, prev, next)
			}
		}
	}
	if far < 100 {
		t.Fatalf("%d lines with a far parent: the test needs more", far)
	}
}
