package feedback

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readEntries(t *testing.T, path string) []Entry {
	t.Helper()
	entries, err := ReadEntries(path)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func TestRecorderTakesEachDeliveryOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	l, err := Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRecorder(l)
	counted := map[string]int{}
	r.Counted = func(adapter, vote string) { counted[adapter+"/"+vote]++ }
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	vote := Entry{Adapter: "slack", Vote: Down, Command: "ask", Question: "gil", Citations: []string{"a.md:3"}, User: "U1"}
	for range 3 { // Slack delivers the same press again
		if _, err := r.Vote("press-1", vote); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(2 * time.Hour)
	if taken, _ := r.Vote("press-1", vote); !taken {
		t.Error("a press two hours later was taken for a retry")
	}
	if err := r.Unanswered(Entry{Adapter: "discord", Command: "ask", Question: "rust"}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	got := readEntries(t, path)
	if len(got) != 3 {
		t.Fatalf("%d entries; want 3 (one per delivery): %+v", len(got), got)
	}
	if counted["slack/down"] != 2 {
		t.Errorf("counted %v; want slack/down 2", counted)
	}
	if got[0].User != "" {
		t.Errorf("user %q kept though the log keeps no users", got[0].User)
	}
	if got[0].Kind != KindVote || got[0].Question != "gil" || got[0].Vote != Down || got[0].Citations[0] != "a.md:3" || !got[0].Time.Equal(time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("entry %+v", got[0])
	}
	if got[2].Kind != KindUnanswered || got[2].Citations == nil {
		t.Errorf("unanswered entry %+v", got[2])
	}
}

func TestLogKeepsUsersWhenSet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	l, err := Open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	NewRecorder(l).Vote("p", Entry{Vote: Up, User: "U1"})
	l.Close()
	if got := readEntries(t, path); got[0].User != "U1" {
		t.Errorf("user %q, want U1", got[0].User)
	}
}

func TestNoLogWritesNothing(t *testing.T) {
	r := NewRecorder(nil)
	n := 0
	r.Counted = func(string, string) { n++ }
	if taken, err := r.Vote("p", Entry{Vote: Up}); !taken || err != nil {
		t.Errorf("vote without a log: taken %v, err %v", taken, err)
	}
	if err := r.Unanswered(Entry{Question: "x"}); err != nil {
		t.Error(err)
	}
	if n != 1 {
		t.Errorf("counted %d votes, want 1", n)
	}
	var none *Recorder
	if taken, err := none.Vote("p", Entry{}); taken || err != nil || none.Unanswered(Entry{}) != nil {
		t.Error("nil recorder took something")
	}
}

func line(at time.Time, kind, vote, q string) string {
	b, _ := json.Marshal(Entry{Time: at, Kind: kind, Adapter: "slack", Vote: vote, Command: "ask", Question: q, Citations: []string{}})
	return string(b)
}

func TestGaps(t *testing.T) {
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	log := strings.Join([]string{
		line(day, KindUnanswered, "", "how do I deploy django?"),
		line(day.Add(time.Hour), KindUnanswered, "", "deploying Django"),
		line(day.Add(2*time.Hour), KindVote, Down, "hey, django deploy?"),
		line(day.Add(3*time.Hour), KindVote, Up, "deploy django"), // liked: no gap
		line(day, KindUnanswered, "", "rust async"),
		line(day.Add(-10*24*time.Hour), KindUnanswered, "", "old question about kotlin"),
		line(day, KindUnanswered, "", "thanks!"), // no key words
		"not json",
		`{"question":"no kind"}`,
	}, "\n")
	tests := []struct {
		name  string
		since time.Time
		top   int
		want  []string // key words, count, unanswered, down
	}{
		{"all", time.Time{}, 0, []string{"deploy django 3 2 1", "async rust 1 1 0", "kotlin old 1 1 0"}},
		{"since", day.Add(-24 * time.Hour), 0, []string{"deploy django 3 2 1", "async rust 1 1 0"}},
		{"top", time.Time{}, 1, []string{"deploy django 3 2 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gaps, bad, err := Gaps(strings.NewReader(log), tt.since, tt.top)
			if err != nil {
				t.Fatal(err)
			}
			if bad != 2 {
				t.Errorf("bad = %d, want 2", bad)
			}
			var got []string
			for _, g := range gaps {
				got = append(got, fmt.Sprintf("%s %d %d %d", strings.Join(g.Key, " "), g.Count, g.Unanswered, g.Down))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("gaps %q, want %q", got, tt.want)
			}
			if tt.name == "all" && gaps[0].Example != "hey, django deploy?" {
				t.Errorf("example %q, want the latest wording", gaps[0].Example)
			}
		})
	}
}

// BenchmarkGaps10k reads a log of 10,000 lines (issue 13: at most 1 s).
func BenchmarkGaps10k(b *testing.B) {
	topics := []string{"deploy django", "rust async", "kubernetes helm charts", "gil removal", "asyncio debugging", "type hints mypy", "packaging wheels"}
	var sb strings.Builder
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := range 10000 {
		kind, vote := KindUnanswered, ""
		if i%3 == 0 {
			kind, vote = KindVote, []string{Up, Down}[i%2]
		}
		q := fmt.Sprintf("hey folks, quick q: what was said about %s at talk %d?", topics[i%len(topics)], i%50)
		sb.WriteString(line(day.Add(time.Duration(i)*time.Minute), kind, vote, q))
		sb.WriteByte('\n')
	}
	log := sb.String()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Gaps(strings.NewReader(log), time.Time{}, 20); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseSince(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"0d", 0, true},
		{"week", 0, false},
		{"-3d", 0, false},
		{"-1h", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSince(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseSince(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestGapString(t *testing.T) {
	g := Gap{Key: []string{"deploy", "django"}, Count: 3, Unanswered: 2, Down: 1, Example: "how do I deploy django?", Last: time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)}
	if got, want := g.String(), `3× deploy django (2 unanswered, 1 👎), last 2026-12-03: "how do I deploy django?"`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReport(t *testing.T) {
	day := time.Now().Add(-time.Hour)
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	os.WriteFile(path, []byte(line(day, KindUnanswered, "", "deploy django")+"\n"+line(day, KindVote, Down, "rust async")+"\n"), 0o600)
	src := FileSource(path)
	tests := []struct {
		name, user, since string
		src               Source
		want              []string
	}{
		{"admin", "U1", "", src, []string{"last 7d:", "• 1× deploy django (1 unanswered)", "• 1× async rust (1 👎)"}},
		{"not an admin", "U2", "", src, []string{"Only the bot's admins"}},
		{"no user", "", "", src, []string{"Only the bot's admins"}},
		{"no log", "U1", "", nil, []string{"No feedback log"}},
		{"bad since", "U1", "a while", src, []string{"like 7d"}},
		{"nothing that recent", "U1", "0d", src, []string{"No unanswered"}},
		{"unreadable log", "U1", "", FileSource(filepath.Join(t.TempDir(), "none.jsonl")), []string{"cannot be read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Report(tt.src, []string{"U1", "W9"}, tt.user, tt.since)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Report = %q; want %q in it", got, w)
				}
			}
		})
	}
}
