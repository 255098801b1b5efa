package main

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRequestsAreSignedAndCounted runs the generator against a server that
// checks both signatures the way Slack's and Discord's verifiers do.
func TestRequestsAreSignedAndCounted(t *testing.T) {
	key := ed25519.NewKeyFromSeed(discordSeed[:])
	var slack, discord, bad atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/slack/commands":
			mac := hmac.New(sha256.New, []byte("s3cret"))
			fmt.Fprintf(mac, "v0:%s:%s", r.Header.Get("X-Slack-Request-Timestamp"), body)
			if r.Header.Get("X-Slack-Signature") != "v0="+hex.EncodeToString(mac.Sum(nil)) || !strings.Contains(string(body), "command=%2Ftalk") {
				bad.Add(1)
				http.Error(w, "forged", http.StatusUnauthorized)
				return
			}
			slack.Add(1)
		case "/discord/interactions":
			sig, _ := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
			if !ed25519.Verify(key.Public().(ed25519.PublicKey), append([]byte(r.Header.Get("X-Signature-Timestamp")), body...), sig) {
				bad.Add(1)
				http.Error(w, "forged", http.StatusUnauthorized)
				return
			}
			discord.Add(1)
		default:
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	both, _ := requester(srv.URL, "s3cret", key, true, "")
	r := run(200, 500*time.Millisecond, []string{"grok the gil"}, both)
	if r.errors != 0 || bad.Load() != 0 || r.sent != 100 || slack.Load() != 50 || discord.Load() != 50 {
		t.Fatalf("sent %d, errors %d, forged %d, slack %d, discord %d", r.sent, r.errors, bad.Load(), slack.Load(), discord.Load())
	}
	if r.p99 <= 0 || r.p99 < r.p50 {
		t.Errorf("latencies p50 %v p99 %v", r.p50, r.p99)
	}
	// A wrong secret is refused by the server and counted as an error.
	wrong, _ := requester(srv.URL, "wrong", key, false, "")
	if r := run(100, 100*time.Millisecond, []string{"x"}, wrong); r.errors != r.sent || r.sent == 0 {
		t.Errorf("wrong secret: %d errors of %d", r.errors, r.sent)
	}
}
