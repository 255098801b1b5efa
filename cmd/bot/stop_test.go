package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMUnderLoad runs the built binary, keeps 16 clients sending
// signed slash commands, and sends SIGTERM: every request the server read
// is answered in full with 200, later ones are refused at connect, and the
// process exits 0 within the drain time.
func TestSIGTERMUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBot(t, nil)
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--drain-timeout", "3s")
	cmd.Env = []string{"SLACK_BOT_TOKEN=xoxb-test", "SLACK_SIGNING_SECRET=s3cret", "SLACK_API_URL=http://127.0.0.1:1/api/", "HOME=" + t.TempDir()}
	var logs strings.Builder
	logged := &syncWriter{w: &logs}
	cmd.Stderr = logged
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()
	addr := loggedAddr(t, logged)
	waitReady(t, addr)

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	var answered, refused atomic.Int64
	var bad sync.Map
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := url.Values{"command": {"/talk"}, "text": {[]string{"gil", "kubernets", "uvloop"}[(w+i)%3]}, "response_url": {"https://hooks.slack.com/x"}}.Encode()
				resp, err := client.Do(slackRequest(addr, "/slack/commands", "s3cret", body))
				if err != nil {
					if errors.Is(err, syscall.ECONNREFUSED) {
						refused.Add(1)
						time.Sleep(10 * time.Millisecond)
						continue
					}
					// A connection the kernel queued but the server never
					// accepted is reset when the listener closes: the
					// request was never read.
					if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) {
						continue
					}
					bad.Store(err.Error(), true)
					continue
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"blocks"`) {
					bad.Store(fmt.Sprintf("status %d, %d bytes, %v", resp.StatusCode, len(b), err), true)
					continue
				}
				answered.Add(1)
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	before := answered.Load()
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, logged.String())
		}
		if d := time.Since(sent); d > 4*time.Second {
			t.Errorf("exited %v after SIGTERM; the drain time is 3s", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	bad.Range(func(k, _ any) bool {
		t.Errorf("a request went wrong: %v", k)
		return true
	})
	if before < 50 || refused.Load() == 0 {
		t.Errorf("answered %d before the stop and %d refused after it: the test did not load the bot", before, refused.Load())
	}
}
