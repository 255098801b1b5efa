package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Recognisable secrets: nothing the bot prints may hold any of them.
const (
	secretBot     = "xoxb-BOTSECRET-7c2e91"
	secretSigning = "SIGNINGSECRET-4b81f0"
	secretDiscord = "DISCORDTOKEN-93aa10"
)

var secrets = []string{secretBot, secretSigning, secretDiscord, "BOTSECRET", "SIGNINGSECRET", "DISCORDTOKEN"}

// servedBot runs `bot serve` with Slack in HTTP mode (against a Web API
// that refuses the token) and Discord interactions, until the test ends;
// it returns the address and what the bot wrote.
func servedBot(t *testing.T, env map[string]string) (addr string, output func() string) {
	t.Helper()
	slackAPI := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
	}))
	t.Cleanup(slackAPI.Close)
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]string{
		"SLACK_BOT_TOKEN": secretBot, "SLACK_SIGNING_SECRET": secretSigning, "SLACK_API_URL": slackAPI.URL + "/api/",
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "TALKBOT_LOG_FORMAT": "json",
	}
	for k, v := range env {
		base[k] = v
	}
	var out, errOut bytes.Buffer
	so, se := &syncWriter{w: &out}, &syncWriter{w: &errOut}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	go func() {
		// Port 0: the system picks a free port, which the bot logs; a port
		// picked by the test could be taken by another test process first.
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return base[k] }, strings.NewReader(""), so, se)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("the bot did not stop")
		}
	})
	addr = loggedAddr(t, se)
	waitReady(t, addr)
	return addr, func() string {
		so.mu.Lock()
		defer so.mu.Unlock()
		se.mu.Lock()
		defer se.mu.Unlock()
		return out.String() + errOut.String()
	}
}

// loggedAddr waits for the address the bot logs it serves at, in text or
// JSON logs.
func loggedAddr(t *testing.T, log *syncWriter) string {
	t.Helper()
	re := regexp.MustCompile(`talkbot serving"?[ ,]+"?addr"?[=:]"?([0-9a-f.:\[\]]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(log.String()); m != nil {
			return m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the bot never said where it serves")
	return ""
}

// TestSecretsNeverPrinted sets recognisable secrets (one read from a
// *_FILE), drives the bot through its paths, errors included, and scans
// everything it printed and served.
func TestSecretsNeverPrinted(t *testing.T) {
	file := filepath.Join(t.TempDir(), "signing")
	if err := os.WriteFile(file, []byte(secretSigning+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var printed strings.Builder
	// The settings, shown and refused.
	for _, env := range []map[string]string{
		{"SLACK_BOT_TOKEN": secretBot, "SLACK_SIGNING_SECRET_FILE": file, "DISCORD_BOT_TOKEN": secretDiscord},
		{"SLACK_BOT_TOKEN": "xoxp-" + secretBot, "SLACK_SIGNING_SECRET": secretSigning},
		{"DISCORD_BOT_TOKEN": secretDiscord, "DISCORD_SHARD_ID": "3", "DISCORD_SHARD_COUNT": "2"},
	} {
		_, out, errOut := runBot(t, env, "", "config")
		printed.WriteString(out + errOut)
		_, out, errOut = runBot(t, env, "", "serve", "--addr", "127.0.0.1:1")
		printed.WriteString(out + errOut)
	}

	addr, output := servedBot(t, map[string]string{"SLACK_SIGNING_SECRET": "", "SLACK_SIGNING_SECRET_FILE": file})
	post := func(path, body string, sign bool) {
		req := slackRequest(addr, path, secretSigning, body)
		if !sign {
			req.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("0", 64))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		printed.Write(b)
	}
	cmd := url.Values{"command": {"/talk"}, "text": {"gil"}, "response_url": {"https://hooks.slack.com/x"}}.Encode()
	post("/slack/commands", cmd, true)
	post("/slack/commands", cmd, false)
	post("/slack/events", `{"type":"event_callback","event":{"type":"app_mention","user":"U1","text":"<@U0> gil","channel":"C1","ts":"1.2"}}`, true)
	post("/slack/interactions", "payload=%7Bbroken", true)
	post("/discord/interactions", `{"type":1}`, false)
	for _, path := range []string{"/metrics", "/readyz", "/livez"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		printed.Write(b)
	}
	time.Sleep(300 * time.Millisecond) // the mention's chat.postMessage fails and is logged
	printed.WriteString(output())

	all := printed.String()
	if !strings.Contains(all, "talkbot_questions_total") || !strings.Contains(all, "invalid_auth") {
		t.Fatalf("the scan missed the metrics or the Web API error; printed:\n%s", all)
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			i := strings.Index(all, s)
			t.Errorf("%q was printed: …%s…", s, all[max(0, i-200):min(len(all), i+100)])
		}
	}
}

// TestOnlyKnownEndpoints: the server answers its paths and methods only;
// no debug or profiling handler is exposed.
func TestOnlyKnownEndpoints(t *testing.T) {
	addr, _ := servedBot(t, nil)
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/livez", 200},
		{"GET", "/readyz", 200},
		{"GET", "/metrics", 200},
		{"POST", "/slack/commands", 401},
		{"POST", "/slack/events", 401},
		{"POST", "/slack/interactions", 401},
		{"POST", "/discord/interactions", 401},
		{"GET", "/slack/commands", 405},
		{"GET", "/discord/interactions", 405},
		{"POST", "/livez", 405},
		{"DELETE", "/metrics", 405},
		{"GET", "/", 200}, // the web page
		{"GET", "/talks", 200},
		{"POST", "/", 405},
		{"GET", "/wp-login.php", 404},
		{"GET", "/debug/pprof/", 404},
		{"GET", "/debug/pprof/heap", 404},
		{"GET", "/debug/vars", 404},
		{"GET", "/slack/", 404},
		{"POST", "/slack/admin", 404},
		{"GET", "/metrics/../debug/pprof/", 404},
		{"GET", "/.env", 404},
		{"TRACE", "/livez", 405},
	} {
		req, _ := http.NewRequest(tc.method, "http://"+addr+tc.path, nil)
		req.URL.Opaque = tc.path // sent as written, "../" included
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s: %d; want %d", tc.method, tc.path, resp.StatusCode, tc.want)
		}
	}
}
