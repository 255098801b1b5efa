package main

import (
	"debug/elf"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImageBinary builds the binary exactly as the Dockerfile does, checks
// that it is statically linked, and runs it as the distroless image does:
// empty environment, empty working directory, no shell, a non-root user
// (when the test may switch to one). It checks /livez, /readyz, /metrics,
// the healthcheck subcommand, and a clean exit on SIGTERM.
func TestImageBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBot(t, []string{"CGO_ENABLED=0"}, "-trimpath", "-ldflags", "-s -w -X main.version=image-test")
	if err := os.Chmod(bin, 0o755); err != nil {
		t.Fatal(err)
	}

	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary asks for a dynamic loader")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary links %v", libs)
	}
	f.Close()

	work := t.TempDir()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--drain-timeout", "2s")
	cmd.Env = []string{}
	cmd.Dir = work
	if os.Getuid() == 0 {
		if err := os.Chmod(work, 0o777); err != nil {
			t.Fatal(err)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65532, Gid: 65532}}
		// The non-root user must reach the binary and the empty folder.
		for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin)), filepath.Dir(work)} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
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
			_ = cmd.Process.Kill()
		}
	}()

	addr := loggedAddr(t, logged)
	waitReady(t, addr)
	for path, want := range map[string]string{
		"/livez":   "ok",
		"/readyz":  "ready",
		"/metrics": "talkbot_talks_indexed 85",
	} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want %q in:\n%.300s", path, resp.StatusCode, want, body)
		}
	}
	hc := exec.Command(bin, "healthcheck", "--addr", addr)
	hc.Env = []string{}
	if out, err := hc.CombinedOutput(); err != nil {
		t.Errorf("bot healthcheck: %v %s", err, out)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, logged.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	if !strings.Contains(logged.String(), "talkbot stopped") || !strings.Contains(logged.String(), "version=image-test") {
		t.Errorf("logs:\n%s", logged.String())
	}
}

// buildBot builds the bot binary into a temporary folder, with env added
// to the environment and the given go build flags.
func buildBot(t *testing.T, env []string, flags ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "bot")
	build := exec.Command(goTool, append(append([]string{"build"}, flags...), "-o", bin, ".")...)
	build.Env = append(os.Environ(), env...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
