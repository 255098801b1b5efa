package perf

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/corpus/embedded"
)

func TestReadQueries(t *testing.T) {
	qs, err := ReadQueries(strings.NewReader("grok the gil\n\n# a comment\n  kubernets  \n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"grok the gil", "kubernets"}; strings.Join(qs, "|") != strings.Join(want, "|") {
		t.Errorf("ReadQueries = %q, want %q", qs, want)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, 50}, {99, 99}, {100, 100}, {0, 1}} {
		if got := Percentile(ds, tc.p); got != tc.want {
			t.Errorf("Percentile(1..100, %v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("Percentile(nil) = %v", got)
	}
}

func TestTalkbotOnEmbeddedCorpus(t *testing.T) {
	r, err := Talkbot(t.Context(), embedded.FS, []string{"grok the gil", "kubernets", "zzzz qqqq"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Engine != "talkbot" || r.Bullets < 500 || r.Queries != 3 || r.P50us <= 0 || r.P99us < r.P50us || r.HeapMiB <= 0 {
		t.Errorf("implausible result %+v", r)
	}
	line := r.String()
	for _, key := range []string{"engine=talkbot ", "bullets=", "load_s=", "index_s=", "heap_mib=", "p50_us=", "p99_us="} {
		if !strings.Contains(line, key) {
			t.Errorf("line %q lacks %q", line, key)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"engine", "bullets", "load_s", "index_s", "heap_mib", "p50_us", "p99_us"} {
		if _, ok := back[key]; !ok {
			t.Errorf("JSON %s lacks %q", b, key)
		}
	}
}

func TestByKind(t *testing.T) {
	qs, kinds, err := ReadKindQueries(strings.NewReader("words\tgil\ntypo-swap\tgli\n# comment\nplain question\nwords\tasyncio\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(qs, "|") != "gil|gli|plain question|asyncio" || strings.Join(kinds, "|") != "words|typo-swap|words|words" {
		t.Fatalf("read %q %q", qs, kinds)
	}
	lat := []time.Duration{10 * time.Microsecond, 100 * time.Microsecond, 20 * time.Microsecond, 30 * time.Microsecond}
	got := ByKind(kinds, lat)
	var names []string
	for _, k := range got {
		names = append(names, fmt.Sprintf("%s:%d", k.Kind, k.Queries))
	}
	if strings.Join(names, " ") != "words:3 typo-swap:1 mix:4" {
		t.Errorf("kinds %q", names)
	}
	if got[1].P50us != 100 || got[2].P99us != 100 {
		t.Errorf("percentiles %+v", got)
	}
}
