package main

import (
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
)

// gcPercent returns the collector's GOGC without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestStartupGC checks that loading small notes lets the heap grow
// further between collections, and loading large ones or with GOGC set
// does not; the pace is restored after.
func TestStartupGC(t *testing.T) {
	small := fstest.MapFS{"a.md": {Data: []byte("# Talk - Ada\n- a line\n")}}
	large := fstest.MapFS{
		"a.md":     {Data: []byte(strings.Repeat("x", startupGCNotes/2))},
		"sub/b.md": {Data: []byte(strings.Repeat("y", startupGCNotes/2+1))},
	}
	noEnv := func(string) string { return "" }
	gogc := func(k string) string {
		if k == "GOGC" {
			return "100"
		}
		return ""
	}
	for _, tt := range []struct {
		name   string
		getenv func(string) string
		notes  fstest.MapFS
		want   int
	}{
		{"small notes", noEnv, small, startupGCPercent},
		{"large notes", noEnv, large, 100},
		{"GOGC set", gogc, small, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := debug.SetGCPercent(100)
			defer debug.SetGCPercent(before)
			restore := startupGC(tt.getenv, tt.notes)
			if got := gcPercent(); got != tt.want {
				t.Errorf("GOGC while loading = %d, want %d", got, tt.want)
			}
			restore()
			if got := gcPercent(); got != 100 {
				t.Errorf("GOGC after loading = %d, want 100", got)
			}
		})
	}
	if n := notesBytes(large); n <= startupGCNotes {
		t.Errorf("notesBytes(large) = %d, want more than %d", n, startupGCNotes)
	}
}
