package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzInteractions sends arbitrary bodies, signed or not: the handler never
// panics, never gives a 2xx to an unverified request, and never a 5xx to a
// verified one.
func FuzzInteractions(f *testing.F) {
	f.Add(`{"type":1}`, true)
	f.Add(commandJSON("ask", "question", "gil", false), true)
	f.Add(commandJSON("show", "title", "", true), true)
	f.Add(buttonJSON("talk:more:5:event:pycon"), true)
	f.Add(`{"type":2,"data":{"name":"talk","options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":12}]}]}}`, true)
	f.Add(`{"type":3,"data":{}}`, false)
	h := Handler(testResponder(f), testPublic, quietLog())
	f.Fuzz(func(t *testing.T, body string, sign bool) {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		if sign {
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(testPrivate, []byte(ts+body))))
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch {
		case !sign && w.Code < 300:
			t.Fatalf("unsigned request: status %d", w.Code)
		case sign && w.Code >= 500:
			t.Fatalf("signed request: status %d: %s", w.Code, w.Body)
		}
	})
}
