package threads

import (
	"fmt"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
)

func turn(q string) answer.Turn { return answer.Turn{Request: answer.Request{Command: "ask", Arg: q}} }

func TestMemoryBound(t *testing.T) {
	m := New(3, time.Hour)
	for i := range 5 {
		m.Put(fmt.Sprint(i), turn(fmt.Sprint(i)))
	}
	if m.Len() != 3 {
		t.Fatalf("Len = %d, want 3", m.Len())
	}
	for _, tt := range []struct {
		key  string
		kept bool
	}{{"0", false}, {"1", false}, {"2", true}, {"3", true}, {"4", true}} {
		if got, ok := m.Get(tt.key); ok != tt.kept || ok && got.Request.Arg != tt.key {
			t.Errorf("Get(%q) = %v, %v; want kept %v", tt.key, got.Request.Arg, ok, tt.kept)
		}
	}
	// Reading a thread makes it recent: "2" outlives "3" now.
	m.Get("2")
	m.Put("5", turn("5"))
	if _, ok := m.Get("3"); ok {
		t.Error("least recently used thread kept")
	}
	if _, ok := m.Get("2"); !ok {
		t.Error("recently read thread forgotten")
	}
}

func TestMemoryExpiry(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	m := New(10, time.Hour)
	m.now = func() time.Time { return now }
	m.Put("a", turn("a"))
	now = now.Add(30 * time.Minute)
	m.Put("b", turn("b"))
	if _, ok := m.Get("a"); !ok {
		t.Fatal("thread forgotten before its time")
	}
	now = now.Add(31 * time.Minute) // a: 61 minutes old
	if _, ok := m.Get("a"); ok {
		t.Error("expired thread answered")
	}
	now = now.Add(time.Hour)
	m.Put("c", turn("c")) // b expired: dropped on the way
	if m.Len() != 1 {
		t.Errorf("Len = %d after expiry, want 1", m.Len())
	}
	m.Put("c", turn("c2"))
	if got, _ := m.Get("c"); got.Request.Arg != "c2" {
		t.Errorf("Get(c) = %q, want the latest answer", got.Request.Arg)
	}
}

func TestMemoryOff(t *testing.T) {
	m := New(0, time.Hour)
	m.Put("a", turn("a"))
	if _, ok := m.Get("a"); ok {
		t.Error("a memory of size 0 remembered")
	}
	var none *Memory
	none.Put("a", turn("a"))
	if _, ok := none.Get("a"); ok {
		t.Error("nil memory remembered")
	}
}
