// Command loadgen sends correctly signed Slack slash commands, and Discord
// interactions when a Discord key is given, to a running `bot serve` at a
// fixed rate for a bounded time, and reports errors and latency. With -web
// it asks the web page instead: GET / (home), /?q= (search) or
// /api/ask?q= (api).
//
//	bot serve --addr 127.0.0.1:8080   # with SLACK_SIGNING_SECRET=s3cret, DISCORD_PUBLIC_KEY=$(loadgen -discord-public-key)
//	loadgen -url http://127.0.0.1:8080 -slack-secret s3cret -discord -rate 1000 -duration 30s -queries queries.txt
//	loadgen -url http://127.0.0.1:8080 -web api -rate 200 -duration 30s   # the bot with TALKBOT_WEB_RATE above 200
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/talkbot/talkbot/internal/perf"
)

// discordSeed is the load generator's own Ed25519 key: a test key, printed
// with -discord-public-key for the bot's DISCORD_PUBLIC_KEY.
var discordSeed = sha256.Sum256([]byte("talkbot loadgen test key"))

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the bot's server")
	secret := flag.String("slack-secret", "", "Slack signing secret the bot was started with (required)")
	withDiscord := flag.Bool("discord", false, "also send Discord interactions, every other request")
	printKey := flag.Bool("discord-public-key", false, "print the public key to start the bot with and exit")
	rate := flag.Int("rate", 1000, "requests a second")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	queries := flag.String("queries", "", "questions, one a line (default: a few fixed ones)")
	webMode := flag.String("web", "", "ask the web page instead: home (GET /), search (GET /?q=) or api (GET /api/ask?q=)")
	flag.Parse()
	key := ed25519.NewKeyFromSeed(discordSeed[:])
	if *printKey {
		fmt.Println(hex.EncodeToString(key.Public().(ed25519.PublicKey)))
		return
	}
	if *secret == "" && *webMode == "" {
		fmt.Fprintln(os.Stderr, "loadgen: -slack-secret is required")
		os.Exit(2)
	}
	qs := []string{"grok the gil", "kubernets", "what did beazley say about thread priorities", "uvloop", "talks by martelli"}
	if *queries != "" {
		f, err := os.Open(*queries)
		if err == nil {
			qs, err = perf.ReadQueries(f)
			f.Close()
		}
		if err != nil || len(qs) == 0 {
			fmt.Fprintln(os.Stderr, "loadgen: no questions in", *queries, err)
			os.Exit(1)
		}
	}
	request, err := requester(*base, *secret, key, *withDiscord, *webMode)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	r := run(*rate, *duration, qs, request)
	fmt.Println(r)
	if r.errors > 0 {
		os.Exit(1)
	}
}

type result struct {
	sent, errors   int64
	p50, p99, peak time.Duration
	elapsed        time.Duration
	firstError     string
}

func (r result) String() string {
	s := fmt.Sprintf("requests=%d errors=%d rate=%.0f/s p50_ms=%.2f p99_ms=%.2f max_ms=%.2f",
		r.sent, r.errors, float64(r.sent)/r.elapsed.Seconds(), ms(r.p50), ms(r.p99), ms(r.peak))
	if r.firstError != "" {
		s += fmt.Sprintf(" first_error=%q", r.firstError)
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// run sends requests open-loop: one every 1/rate seconds whatever the
// answers' latency, each from its own goroutine.
func run(rate int, d time.Duration, qs []string, request func(q string, i int) *http.Request) result {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024, MaxIdleConns: 1024}}
	var (
		mu      sync.Mutex
		lat     []time.Duration
		errs    atomic.Int64
		firstMu sync.Once
		first   string
		wg      sync.WaitGroup
	)
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	n := int(d / interval)
	for i := range n {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		req := request(qs[i%len(qs)], i)
		wg.Go(func() {
			t0 := time.Now()
			resp, err := client.Do(req)
			el := time.Since(t0)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("%s: %s", req.URL.Path, resp.Status)
				}
			}
			if err != nil {
				errs.Add(1)
				firstMu.Do(func() { first = err.Error() })
			}
			mu.Lock()
			lat = append(lat, el)
			mu.Unlock()
		})
	}
	wg.Wait()
	r := result{sent: int64(n), errors: errs.Load(), elapsed: time.Since(start), firstError: first}
	r.p50, r.p99, r.peak = perf.Percentile(lat, 50), perf.Percentile(lat, 99), perf.Percentile(lat, 100)
	return r
}

// requester makes the i-th request asking q: a signed Slack command or
// Discord interaction, or a GET of the web page (webMode home, search,
// api).
func requester(base, secret string, key ed25519.PrivateKey, withDiscord bool, webMode string) (func(q string, i int) *http.Request, error) {
	switch webMode {
	case "":
		return func(q string, i int) *http.Request {
			if withDiscord && i%2 == 1 {
				return discordRequest(base, key, q, i)
			}
			return slackRequest(base, secret, q, i)
		}, nil
	case "home", "search", "api":
		return func(q string, _ int) *http.Request { return webRequest(base, webMode, q) }, nil
	}
	return nil, fmt.Errorf("-web takes home, search or api, not %q", webMode)
}

// webRequest is a GET of the web page: its home, a search, or /api/ask.
func webRequest(base, mode, q string) *http.Request {
	target := base + "/"
	switch mode {
	case "search":
		target = base + "/?q=" + url.QueryEscape(q)
	case "api":
		target = base + "/api/ask?q=" + url.QueryEscape(q)
	}
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	return req
}

func slackRequest(base, secret, q string, i int) *http.Request {
	form := url.Values{
		"command": {"/talk"}, "text": {q}, "team_id": {"T1"}, "channel_id": {"C1"},
		"user_id": {"U1"}, "user_name": {"load"}, "response_url": {"http://127.0.0.1:1/response"},
		"trigger_id": {strconv.Itoa(i)},
	}
	body := form.Encode()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, base+"/slack/commands", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

func discordRequest(base string, key ed25519.PrivateKey, q string, i int) *http.Request {
	body, _ := json.Marshal(map[string]any{
		"type": 2, "id": strconv.Itoa(1000 + i), "application_id": "42", "token": "load-" + strconv.Itoa(i),
		"channel_id": "7", "data": map[string]any{"name": "talk", "type": 1, "options": []any{
			map[string]any{"name": "ask", "type": 1, "options": []any{map[string]any{"name": "question", "type": 3, "value": q}}},
		}},
	})
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	req, _ := http.NewRequest(http.MethodPost, base+"/discord/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	return req
}
