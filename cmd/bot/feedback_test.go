package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeFeedback runs `bot serve` with a feedback log and the Discord
// HTTP endpoint: a question nothing answers and a 👎 pressed on an answer
// go to the log, the vote is counted in /metrics, and `bot gaps` then
// lists both questions.
func TestServeFeedback(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(t.TempDir(), "feedback.jsonl")
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "TALKBOT_FEEDBACK_LOG": logPath}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	stderr := &syncWriter{w: &strings.Builder{}}
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
	}()
	addr := loggedAddr(t, stderr)
	waitReady(t, addr)
	post := func(body string) string {
		t.Helper()
		_, b := discordPost(t, addr, priv, body)
		return b
	}
	post(`{"id":"2","application_id":"42","type":2,"token":"t","version":1,"channel_id":"C","data":{"id":"9","name":"talk","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"how do I deploy erlang clusters"}]}]}}`)
	vote := `{"id":"3","application_id":"42","type":3,"token":"t","version":1,"channel_id":"C","member":{"user":{"id":"U1"}},"message":{"id":"M1","channel_id":"C"},"data":{"custom_id":"talk:down:0:ask:uvloop","component_type":2}}`
	if got := post(vote); !strings.Contains(got, "👎") {
		t.Errorf("vote acknowledged with %s", got)
	}
	post(vote) // delivered again: counted and logged once
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), `talkbot_feedback_total{adapter="discord",vote="down"} 1`) {
		t.Errorf("/metrics lacks the vote:\n%s", grepLines(string(metrics), "talkbot_feedback"))
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d", code)
	}

	code, out, errOut := runBot(t, map[string]string{"TALKBOT_FEEDBACK_LOG": logPath}, "", "gaps", "--since", "1d")
	if code != 0 {
		t.Fatalf("bot gaps: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(out, "1× clusters deploy erlang (1 unanswered)") || !strings.Contains(out, "1× uvloop (1 👎)") {
		t.Errorf("bot gaps printed:\n%s", out)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestServeWebPage: bot serve answers the web page at /, counts its
// questions as the web adapter's, and can turn it off or put it behind a
// bearer token.
func TestServeWebPage(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		auth string
		want int
	}{
		{"on", nil, "", 200},
		{"off", map[string]string{"TALKBOT_WEB": "off"}, "", 404},
		{"token missing", map[string]string{"TALKBOT_WEB_TOKEN": "t0ken"}, "", 401},
		{"token given", map[string]string{"TALKBOT_WEB_TOKEN": "t0ken"}, "Bearer t0ken", 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr, _ := servedBot(t, tt.env)
			for _, path := range []string{"/", "/api/ask?q=gil"} {
				req, _ := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
				if tt.auth != "" {
					req.Header.Set("Authorization", tt.auth)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != tt.want {
					t.Errorf("%s: %d, want %d", path, resp.StatusCode, tt.want)
				}
			}
			if tt.want != 200 {
				return
			}
			resp, err := http.Get("http://" + addr + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			m, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(m), `talkbot_questions_total{adapter="web",command="ask",outcome="answered"} 1`) {
				t.Errorf("the page's question is not counted:\n%s", grepLines(string(m), "talkbot_questions_total"))
			}
		})
	}
}
