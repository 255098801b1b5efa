package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/config"
)

// TestServiceBeforeTheNotesLoad: every endpoint of a built service answers
// before the notes load (the server starts first): /readyz says 503, a
// question is told to wait, autocomplete offers nothing, the page says it
// is loading; nothing panics.
func TestServiceBeforeTheNotesLoad(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Discord.PublicKey = hex.EncodeToString(pub)
	svc, err := newService(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	defer svc.closeFeedback()
	discord := func(body string) (int, string) {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
		w := httptest.NewRecorder()
		svc.srv.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	interaction := func(typ int, sub, option, value string, focused bool) string {
		return `{"id":"1","application_id":"42","type":` + strconv.Itoa(typ) + `,"token":"t","version":1,"channel_id":"C","data":{"id":"9","name":"talk","type":1,"options":[{"name":"` +
			sub + `","type":1,"options":[{"name":"` + option + `","type":3,"value":"` + value + `","focused":` + strconv.FormatBool(focused) + `}]}]}}`
	}
	if code, body := discord(interaction(4, "show", "title", "gil", true)); code != http.StatusOK || !strings.Contains(body, `"choices":[]`) {
		t.Errorf("autocomplete while loading: %d %s", code, body)
	}
	if code, body := discord(interaction(2, "ask", "question", "gil", false)); code != http.StatusOK || !strings.Contains(body, "still loading") {
		t.Errorf("question while loading: %d %s", code, body)
	}
	for _, tt := range []struct {
		path string
		want int
	}{{"/readyz", http.StatusServiceUnavailable}, {"/livez", http.StatusOK}, {"/", http.StatusServiceUnavailable}, {"/talks", http.StatusServiceUnavailable}, {"/api/ask?q=gil", http.StatusOK}} {
		w := httptest.NewRecorder()
		svc.srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != tt.want {
			t.Errorf("GET %s while loading: %d, want %d", tt.path, w.Code, tt.want)
		}
	}
}
