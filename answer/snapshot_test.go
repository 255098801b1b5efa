package answer

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/snapshot"
)

// TestSnapshot reads back the snapshot of indexes of every size: the index
// read is the one built, field for field, writes the same bytes again, and
// answers every question of the corpus's evaluation sets as the one built.
func TestSnapshot(t *testing.T) {
	// Enough lines that common words are read through their champions.
	big, _ := syntheticNotes(t, 7, 30_000)
	for _, tt := range []struct {
		name      string
		dir       string // "" for the embedded corpus
		questions []string
	}{
		{"embedded", "", []string{"testdata/dev.jsonl", "testdata/chat.jsonl"}},
		{"robspectre", "../corpus/testdata/robspectre", []string{"testdata/heldout/robspectre.jsonl", "testdata/heldout/robspectre-chat.jsonl"}},
		{"daneah", "../corpus/testdata/daneah", []string{"testdata/heldout/daneah.jsonl"}},
		{"synthetic", big, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embedded.FS
			c, err := corpus.Load(fsys)
			if tt.dir != "" {
				c, err = corpus.Load(os.DirFS(tt.dir))
			}
			if err != nil {
				t.Fatal(err)
			}
			built := NewIndex(c)
			if tt.name == "synthetic" && len(built.champions) == 0 {
				t.Fatal("no common words: the champions go untested")
			}
			data := snapshotOf(built)
			read, err := ReadSnapshot(data)
			if err != nil {
				t.Fatalf("ReadSnapshot: %v", err)
			}
			if again := snapshotOf(read); !bytes.Equal(again, data) {
				t.Error("the index read back writes other bytes")
			}
			// The corpus is compared by corpus's own tests; here the rest.
			own := read.corpus
			read.corpus = built.corpus
			if !reflect.DeepEqual(read, built) {
				v, w := reflect.ValueOf(read).Elem(), reflect.ValueOf(built).Elem()
				for i := range v.NumField() {
					if !reflect.DeepEqual(fieldOf(v, i), fieldOf(w, i)) {
						t.Errorf("field %s differs", v.Type().Field(i).Name)
					}
				}
			}
			read.corpus = own
			questions := []string{"grok the gil", "what did beazley say about thread priorities?", "talks tomorrow", "/talk show stop writing classes"}
			for _, f := range tt.questions {
				for _, q := range readEvalFile(t, f) {
					questions = append(questions, q.Q)
				}
			}
			fresh, snapped := New(built), New(read)
			for _, q := range questions {
				want, got := replyJSON(t, fresh, q), replyJSON(t, snapped, q)
				if got != want {
					t.Errorf("%q from the snapshot:\n%s\nwant:\n%s", q, got, want)
				}
			}
		})
	}
}

// fieldOf returns the i-th field of the addressable struct v, exported or not.
func fieldOf(v reflect.Value, i int) any {
	f := v.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
}

// snapshotOf returns the snapshot of ix, written in memory.
func snapshotOf(ix *Index) []byte {
	w := &snapshot.Writer{}
	ix.WriteSnapshot(w)
	return w.Bytes()
}

func replyJSON(t *testing.T, e *Engine, q string) string {
	t.Helper()
	r := e.Handle(t.Context(), Parse(q), Options{Limit: 5, Explain: true})
	b, err := json.Marshal(struct {
		Answer  Answer
		Explain any
	}{r.Answer(q, 5), r.Explain})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadSnapshotDamaged reads every cut of a snapshot: each is refused.
func TestReadSnapshotDamaged(t *testing.T) {
	data := snapshotOf(defaultEngine(t).ix.Load())
	for n := 0; n < len(data); n += 1 + n/64 {
		if _, err := ReadSnapshot(data[:n]); err == nil {
			t.Fatalf("a snapshot cut at %d of %d bytes was read", n, len(data))
		}
	}
}

// FuzzReadSnapshot reads damaged snapshots: none panics.
func FuzzReadSnapshot(f *testing.F) {
	c, err := corpus.Load(fstest.MapFS{"pycon-2012/notes.md": {Data: []byte("# Grok the GIL (David Beazley)\n\n## Threads\n\n* the GIL is a lock\n  * threads wait\n")}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(snapshotOf(NewIndex(c)))
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadSnapshot(data)
	})
}
