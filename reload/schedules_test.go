package reload

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/poll"
)

// TestScheduleFromURL: a schedule the manifest names by URL is fetched at
// the first load and answered from; a new version on the server reaches
// the index through a reload; a broken one leaves the last good schedule.
func TestScheduleFromURL(t *testing.T) {
	good, err := os.ReadFile("../corpus/schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	body := string(good)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		io.WriteString(w, body)
	}))
	defer srv.Close()
	setBody := func(s string) {
		mu.Lock()
		body = s
		mu.Unlock()
	}

	dir := t.TempDir()
	write(t, dir, "corpus.yaml", "schedules:\n  - "+srv.URL+"/democon/schedule.json\n")
	write(t, dir, "notes.md", "# Managed stable function (Jeremy Beck)\n\n* a note on the talk\n")
	e := answer.New(nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	swapped := make(chan struct{}, 10)
	r := New(os.DirFS(dir), dir, e.Swap, log, Hooks{Swapped: func(*answer.Index) { swapped <- struct{}{} }})
	r.FetchSchedules(poll.New(srv.Client(), 30*time.Millisecond, log))
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	<-swapped
	when := func(title string) string {
		reply := e.Handle(t.Context(), answer.Parse("when "+title), answer.Options{})
		if len(reply.Talks) == 0 || reply.Talks[0].Slot == nil {
			return ""
		}
		return reply.Talks[0].Title + " @ " + reply.Talks[0].Slot.Room
	}
	if got := when("focused 5thgeneration hardware"); got != "Focused 5thgeneration hardware @ Gray Room" {
		t.Fatalf("when: %q; want the talk from the fetched schedule", got)
	}

	ctx, cancel := context.WithCancel(t.Context())
	hup := make(chan os.Signal, 1)
	wait, err := r.Watch(ctx, hup)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		if err := wait(); err != nil {
			t.Error(err)
		}
	}()
	setBody(strings.Replace(string(good), "Focused 5thgeneration hardware", "Focused 7thgeneration hardware", 1))
	deadline := time.After(5 * time.Second)
	for when("focused 7thgeneration hardware") != "Focused 7thgeneration hardware @ Gray Room" {
		select {
		case <-swapped:
		case <-deadline:
			t.Fatal("the new schedule never reached the index")
		}
	}
	setBody("<html>down for maintenance</html>")
	time.Sleep(150 * time.Millisecond) // a few rounds of broken fetches
	if got := when("focused 7thgeneration hardware"); got == "" {
		t.Error("a broken fetch lost the last good schedule")
	}
}
