package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeSlackHTTP runs `bot` with Slack HTTP-mode settings against a
// local fake of Slack's Web API, asks through a signed slash command, and
// stops the bot.
func TestServeSlackHTTP(t *testing.T) { testServeSlackHTTP(t, true) }

// TestServeWithoutSlack: the bot starts and answers slash commands while
// Slack's Web API cannot be reached (auth.test keeps retrying).
func TestServeWithoutSlack(t *testing.T) { testServeSlackHTTP(t, false) }

func testServeSlackHTTP(t *testing.T, slackUp bool) {
	var mu sync.Mutex
	var calls []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls = append(calls, r.URL.Path)
		mu.Unlock()
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team":"T"}`)
	}))
	defer fake.Close()
	if !slackUp {
		fake.Close()
	}

	env := map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s3cret", "SLACK_API_URL": fake.URL + "/api/",
	}
	ctx, cancel := context.WithCancel(t.Context())
	stderr := &syncWriter{w: &bytes.Buffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
	}()
	addr := loggedAddr(t, stderr)
	waitReady(t, addr)
	body := url.Values{"command": {"/talk"}, "text": {"kubernets"}, "response_url": {"https://hooks.slack.com/x"}}.Encode()
	var resp *http.Response
	for i := 0; i < 50; i++ {
		var err error
		if resp, err = http.DefaultClient.Do(slackRequest(addr, "/slack/commands", "s3cret", body)); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if resp == nil {
		t.Fatal("the bot never listened")
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || !strings.Contains(fmt.Sprint(got["blocks"]), "Kubernetes For Pythonistas") {
		t.Errorf("slash command answered %v (%v)", got, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after stop: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the bot did not stop")
	}
	if strings.Contains(stderr.String(), "xoxb-test") || strings.Contains(stderr.String(), "s3cret") {
		t.Errorf("a secret was logged:\n%s", stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	if slackUp && (len(calls) == 0 || calls[0] != "/api/auth.test") {
		t.Errorf("calls to Slack %v; want auth.test first", calls)
	}
}

func TestServeRefusesBadSlackSettings(t *testing.T) {
	code, _, errOut := runBot(t, map[string]string{"SLACK_BOT_TOKEN": "xoxp-user", "SLACK_APP_TOKEN": "xapp-1"}, "")
	if code == 0 || !strings.Contains(errOut, "SLACK_BOT_TOKEN") {
		t.Errorf("exit %d, stderr %q; want SLACK_BOT_TOKEN named", code, errOut)
	}
}

// syncWriter makes a writer safe for the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// String returns what was written, when the writer keeps it.
func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.w.(fmt.Stringer); ok {
		return st.String()
	}
	return ""
}

// TestServeDiscordHTTP runs `bot` with only a Discord public key: the
// interactions endpoint answers PING and commands in the HTTP response.
func TestServeDiscordHTTP(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	stderr := &syncWriter{w: &bytes.Buffer{}}
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, stderr)
	}()
	addr := loggedAddr(t, stderr)

	waitReady(t, addr)
	post := func(body string) (int, string) { return discordPost(t, addr, priv, body) }
	if code, body := post(`{"id":"1","application_id":"42","type":1,"token":"t","version":1}`); code != http.StatusOK || !strings.Contains(body, `"type":1`) {
		t.Errorf("PING: %d %s", code, body)
	}
	cmd := `{"id":"2","application_id":"42","type":2,"token":"t","version":1,"channel_id":"C","data":{"id":"9","name":"talk","type":1,"options":[{"name":"speaker","type":1,"options":[{"name":"name","type":3,"value":"beazly"}]}]}}`
	if code, body := post(cmd); code != http.StatusOK || !strings.Contains(body, "Keynote: David Beazley") {
		t.Errorf("command: %d %s", code, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// waitReady polls /readyz until the bot says it is ready.
func waitReady(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the bot never became ready")
}

// slackRequest is a POST of a form body to the bot at addr, signed as Slack
// signs with secret.
func slackRequest(addr, path, secret, body string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(body))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// discordPost sends an interaction to the bot at addr, signed with priv
// as Discord signs it, and returns the status and body of the answer.
func discordPost(t *testing.T, addr string, priv ed25519.PrivateKey, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/discord/interactions", strings.NewReader(body))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
