package answer

import (
	"maps"
	"slices"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/snapshot"
)

// SnapshotVersion numbers the layout Snapshot writes; it goes up whenever
// the index or the corpus keep something new, so that an older snapshot
// is never read as a newer one.
const SnapshotVersion = 2

// WriteSnapshot writes the index and its corpus in the form ReadSnapshot
// reads: everything NewIndex computed, and the typo neighbourhood, so that
// reading it back costs a fraction of indexing the notes again. The parts
// built on first use from the corpus (the name indexes, the programme)
// are left out.
func (ix *Index) WriteSnapshot(w *snapshot.Writer) {
	ix.corpus.WriteSnapshot(w)

	w.Uint(uint64(len(ix.docs)))
	for _, d := range ix.docs {
		w.Uint(uint64(d.talk))
		w.Uint(uint64(d.section))
		w.Uint(uint64(d.fwd))
		w.Uint(uint64(d.length))
		w.Uint(uint64(d.parent()))
		w.Uint(uint64(d.flags()))
	}
	w.Float(ix.avgLen)

	w.Strings(ix.termList)
	total := 0
	for _, p := range ix.text {
		total += len(p.data)
	}
	w.Uint(uint64(total)) // the lists, one after the other, as one Blob
	for _, p := range ix.text {
		w.Raw(p.data)
	}
	for _, p := range ix.text {
		w.Uint(uint64(len(p.data)))
		w.Uint(uint64(p.last))
		w.Uint(uint64(p.count))
	}
	for _, field := range []map[uint32][]uint32{ix.title, ix.speaker, ix.section} {
		writeLists(w, field)
	}
	w.Uint32Array(ix.talkStart)
	for _, lists := range [][][]uint32{ix.titleTerms, ix.speakerTerms, ix.sectionTerms, ix.sectionDocs} {
		w.Uint(uint64(len(lists)))
		for _, l := range lists {
			w.Uint32s(l)
		}
	}

	terms := slices.Sorted(maps.Keys(ix.champions))
	w.Uint(uint64(len(terms)))
	for _, t := range terms {
		w.Uint(uint64(t))
		w.Uint(uint64(ix.common[t]))
		ps := ix.champions[t]
		w.Uint(uint64(len(ps)))
		for _, p := range ps {
			w.Uint(uint64(p.doc))
			w.Uint(uint64(p.tf))
		}
	}
	w.Uint(uint64(len(ix.fwd)))
	for _, e := range ix.fwd {
		w.Uint(uint64(e))
	}

	w.Uint(uint64(len(ix.sections)))
	for _, s := range ix.sections {
		w.Uint(uint64(s.talk))
		w.String(s.name)
	}

	v := ix.vocab
	w.Strings(v.words)
	w.Uint32Array(v.term)
	w.Uint32Array(v.count)
	w.Uint32Array(v.stem)
	// The typo neighbourhood too: a question with a misspelling would
	// otherwise build it first, which takes longer than reading the rest.
	v.neighbourhood.Do(v.build)
	w.Uint64Array(v.keys)
	w.Uint32Array(v.sorted)

	w.Strings(ix.titles)
	w.Uint(uint64(len(ix.speakers)))
	for _, s := range ix.speakers {
		w.String(s.name)
		w.Uint32s(s.talks)
	}
	w.Strings(ix.speakerNames)
	w.Uint(uint64(len(ix.events)))
	for _, e := range ix.events {
		w.String(e.name)
		w.Int(int64(e.year))
		w.Strings(e.words)
		w.Uint32s(e.talks)
	}
	w.Strings(ix.eventNames)
	names := slices.Sorted(maps.Keys(ix.eventsByWord))
	w.Uint(uint64(len(names)))
	for _, n := range names {
		w.String(n)
		evs := ix.eventsByWord[n]
		w.Uint(uint64(len(evs)))
		for _, e := range evs {
			w.Uint(uint64(e))
		}
	}
}

// ReadSnapshot reads back an index written by Snapshot; it returns
// snapshot.ErrDamaged when data is no such index. The index keeps and
// shares data, which must never change afterwards.
func ReadSnapshot(data []byte) (*Index, error) {
	r := snapshot.NewReader(data)
	c := corpus.ReadSnapshot(r)
	ix := &Index{corpus: c}

	ix.docs = make([]docInfo, r.Len())
	for i := range ix.docs {
		talk, section, fwd := uint32(r.Below(len(c.Talks))), r.Uint32(), r.Uint32()
		d := newDocInfo(talk, section, r.Below(1<<16), r.Below(parentFar+1), uint8(r.Below(1<<(16-parentBits))))
		d.fwd = fwd
		ix.docs[i] = d
	}
	ix.avgLen = r.Float()

	ix.termList = r.Strings()
	ix.terms = make(map[string]uint32, len(ix.termList))
	for i, t := range ix.termList {
		ix.terms[t] = uint32(i)
	}
	all := r.Blob()
	ix.text = make([]postings, len(ix.termList))
	for i := range ix.text {
		n := r.Below(len(all) + 1)
		ix.text[i] = postings{data: all[:n:n], last: r.Uint32(), count: r.Uint32()}
		all = all[n:]
	}
	ix.title, ix.speaker, ix.section = readLists(r, len(ix.termList)), readLists(r, len(ix.termList)), readLists(r, len(ix.termList))
	ix.talkStart = r.Uint32Array()
	for _, lists := range []*[][]uint32{&ix.titleTerms, &ix.speakerTerms, &ix.sectionTerms, &ix.sectionDocs} {
		if n := r.Len(); n > 0 {
			*lists = make([][]uint32, n)
			for i := range *lists {
				(*lists)[i] = r.Uint32s()
			}
		}
	}

	ix.champions = map[uint32][]posting{}
	ix.common = map[uint32]uint16{}
	for range r.Len() {
		t := uint32(r.Below(len(ix.termList)))
		ix.common[t] = uint16(r.Below(maxCommon))
		ps := make([]posting, r.Len())
		for i := range ps {
			ps[i] = posting{doc: uint32(r.Below(len(ix.docs))), tf: r.Uint32()}
		}
		ix.champions[t] = ps
	}
	if n := r.Len(); n > 0 {
		ix.fwd = make([]uint16, n)
		for i := range ix.fwd {
			ix.fwd[i] = uint16(r.Below(1 << 16))
		}
	}

	for range r.Len() {
		ix.sections = append(ix.sections, sectionRef{talk: uint32(r.Below(len(c.Talks))), name: r.String()})
	}

	v := &vocabulary{words: r.Strings(), term: r.Uint32Array(), count: r.Uint32Array(), stem: r.Uint32Array(),
		keys: r.Uint64Array(), sorted: r.Uint32Array()}
	v.neighbourhood.Do(v.indexKeys) // read, not to be built
	v.ids = make(map[string]uint32, len(v.words))
	for i, w := range v.words {
		v.ids[w] = uint32(i)
	}
	ix.vocab = v

	ix.titles = r.Strings()
	for range r.Len() {
		ix.speakers = append(ix.speakers, speakerRef{name: r.String(), talks: r.Uint32s()})
	}
	ix.speakerNames = r.Strings()
	for range r.Len() {
		ix.events = append(ix.events, eventRef{name: r.String(), year: int(r.Int()), words: r.Strings(), talks: r.Uint32s()})
	}
	ix.eventNames = r.Strings()
	ix.eventsByWord = map[string][]int{}
	for range r.Len() {
		name := r.String()
		evs := make([]int, r.Len())
		for i := range evs {
			evs[i] = r.Below(len(ix.events))
		}
		ix.eventsByWord[name] = evs
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	ix.buildSkips() // from postings whose terms check found in range
	return ix, nil
}

// check reports an index whose parts do not fit together: numbers of
// talks, sections, terms and documents out of range.
func (ix *Index) check() error {
	talks := len(ix.corpus.Talks)
	if len(ix.talkStart) != talks || len(ix.titleTerms) != talks || len(ix.speakerTerms) != talks ||
		len(ix.titles) != talks || len(ix.sectionDocs) != len(ix.sections) || len(ix.sectionTerms) != len(ix.sections) ||
		len(ix.vocab.term) != len(ix.vocab.words) || len(ix.vocab.count) != len(ix.vocab.words) || len(ix.vocab.stem) != len(ix.vocab.words) ||
		len(ix.vocab.sorted) != len(ix.vocab.words) {
		return snapshot.ErrDamaged
	}
	for t, start := range ix.talkStart {
		if int(start)+ix.corpus.Talks[t].NumBullets() > len(ix.docs) {
			return snapshot.ErrDamaged
		}
	}
	if len(ix.text) != len(ix.termList) {
		return snapshot.ErrDamaged
	}
	for id := range ix.common {
		if int(id) >= len(ix.text) {
			return snapshot.ErrDamaged
		}
	}
	for _, id := range ix.vocab.sorted {
		if int(id) >= len(ix.vocab.words) {
			return snapshot.ErrDamaged
		}
	}
	for _, k := range ix.vocab.keys {
		if int(k&(1<<idBits-1)) >= len(ix.vocab.words) {
			return snapshot.ErrDamaged
		}
	}
	for _, d := range ix.docs {
		if d.section != noSection && int(d.section) >= len(ix.sections) || int(d.fwd) > len(ix.fwd) {
			return snapshot.ErrDamaged
		}
	}
	for i, t := range ix.vocab.term {
		if s := ix.vocab.stem[i]; int(t) >= len(ix.termList) || s != noStem && int(s) >= len(ix.termList) {
			return snapshot.ErrDamaged
		}
	}
	return nil
}

// writeLists writes a field's lists, by term in order.
func writeLists(w *snapshot.Writer, field map[uint32][]uint32) {
	terms := slices.Sorted(maps.Keys(field))
	w.Uint(uint64(len(terms)))
	for _, t := range terms {
		w.Uint(uint64(t))
		w.Uint32s(field[t])
	}
}

func readLists(r *snapshot.Reader, terms int) map[uint32][]uint32 {
	n := r.Len()
	field := make(map[uint32][]uint32, n)
	for range n {
		t := uint32(r.Below(terms))
		field[t] = r.Uint32s()
	}
	return field
}
