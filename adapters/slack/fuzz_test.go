package slack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// FuzzHandler sends arbitrary bodies to every endpoint, signed or not: the
// handler never panics, never accepts an unsigned request, and answers a
// signed one with 200 or a 4xx.
func FuzzHandler(f *testing.F) {
	f.Add([]byte(`{"type":"url_verification","challenge":"c"}`), uint8(1), true)
	f.Add(eventBody("E", `{"type":"app_mention","user":"U","text":"<@UBOT> gil","ts":"1","channel":"C"}`), uint8(1), true)
	f.Add([]byte("command=%2Ftalk&text=gil&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr"), uint8(0), true)
	f.Add([]byte("payload=%7B%22type%22%3A%22block_actions%22%7D"), uint8(2), false)
	f.Add([]byte(`{"type":"event_callback","event":{"type":"message","channel_type":"im"}}`), uint8(1), true)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := slack.New("xoxb-test", slack.OptionAPIURL("http://127.0.0.1:1/api/"))
	// Response URLs in fuzzed bodies are refused unless they name a port
	// on this machine where nothing listens.
	a := New(defaultEngine(f), api, log, Options{SigningSecret: testSecret, AnswerIn: 10 * time.Millisecond,
		HTTPClient: &http.Client{Timeout: 100 * time.Millisecond}, ResponseHosts: []string{"127.0.0.1:1"}})
	h := a.Handler()
	paths := []string{"/slack/commands", "/slack/events", "/slack/interactions"}
	f.Fuzz(func(t *testing.T, body []byte, path uint8, sign bool) {
		req := httptest.NewRequest(http.MethodPost, paths[int(path)%len(paths)], bytes.NewReader(body))
		if sign {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			mac := hmac.New(sha256.New, []byte(testSecret))
			fmt.Fprintf(mac, "v0:%s:%s", ts, body)
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch {
		case !sign && w.Code != http.StatusUnauthorized && w.Code != http.StatusRequestEntityTooLarge:
			t.Fatalf("unsigned request: status %d", w.Code)
		case sign && w.Code >= 500:
			t.Fatalf("signed request: status %d", w.Code)
		}
	})
}
