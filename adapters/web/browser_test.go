package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/talkbot/talkbot/internal/testengine"
)

// browserPath finds a Chromium to drive: TALKBOT_CHROME, or Debian's
// chromium package, or Chrome.
func browserPath() string {
	if p := os.Getenv("TALKBOT_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless Chromium tab that records what must never happen
// on the site: a dialog opening (a script of the notes ran), an uncaught
// exception, a Content-Security-Policy violation.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := browserPath()
	if path == "" {
		t.Skip("no Chromium found (install Debian's chromium package, as .ci/run does, or set TALKBOT_CHROME): the browser tests did not run")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	b := &browser{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *cdppage.EventJavascriptDialogOpening:
			b.problem("a dialog opened: " + ev.Message)
			go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		case *runtime.EventExceptionThrown:
			b.problem("uncaught exception: " + ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if strings.Contains(ev.Entry.Text, "Content Security Policy") || ev.Entry.Source == "security" {
				b.problem("CSP violation: " + ev.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return b
}

func (b *browser) problem(s string) {
	b.mu.Lock()
	b.problems = append(b.problems, s)
	b.mu.Unlock()
}

// check fails the test on any problem seen so far.
func (b *browser) check(t *testing.T, where string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("%s: %s", where, p)
	}
	b.problems = nil
}

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestBrowser types a question, waits for the answers, follows a citation
// to its talk page and checks the line is highlighted, pages through
// results, and opens an event page.
func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	srv := httptest.NewServer(New(testengine.Default(t), testengine.Default(t), quiet(), Options{}).Handler())
	defer srv.Close()

	// Typed, answered as you type through /api/ask.
	b.do(t, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", "what did beazley say about thread priorities"),
		chromedp.WaitVisible(`#results a.cite`))
	if got := eval[string](t, b, `document.querySelector("#results .talk h2").textContent`); got != "Embracing The GIL" {
		t.Errorf("first answer %q", got)
	}
	if got := eval[string](t, b, `location.search`); !strings.Contains(got, "q=what") {
		t.Errorf("the address does not hold the question: %q", got)
	}
	b.check(t, "search as you type")

	// The citation leads to the line on the talk's page, highlighted.
	cite := eval[string](t, b, `document.querySelector("#results a.cite").textContent`)
	b.do(t, chromedp.Click(`#results a.cite`), chromedp.WaitVisible(`li:target`))
	loc := eval[string](t, b, `location.pathname + location.hash`)
	line := cite[strings.LastIndexByte(cite, ':')+1:]
	if loc != "/talks/embracing-the-gil#L"+line {
		t.Errorf("citation %s led to %s", cite, loc)
	}
	bg := eval[string](t, b, `getComputedStyle(document.querySelector("li:target")).backgroundColor`)
	plain := eval[string](t, b, `getComputedStyle(document.querySelector("li:not(:target)")).backgroundColor`)
	if bg == plain {
		t.Errorf("the cited line is not highlighted: %s", bg)
	}
	b.check(t, "talk page")

	// Paging, without script: the server's pages.
	b.do(t, chromedp.Navigate(srv.URL+"/?q=python"), chromedp.WaitVisible(`a[rel=next]`))
	first := eval[string](t, b, `document.querySelector(".talk h2").textContent`)
	b.do(t, chromedp.Click(`a[rel=next]`), chromedp.WaitVisible(`a[rel=prev]`))
	if got := eval[string](t, b, `location.search`); !strings.Contains(got, "offset=5") {
		t.Errorf("next page at %q", got)
	}
	if second := eval[string](t, b, `document.querySelector(".talk h2").textContent`); second == first {
		t.Errorf("the next page starts with the same talk %q", first)
	}
	b.do(t, chromedp.Click(`a[rel=prev]`), chromedp.WaitVisible(`a[rel=next]`))
	if got := eval[string](t, b, `document.querySelector(".talk h2").textContent`); got != first {
		t.Errorf("back on the first page: %q, want %q", got, first)
	}

	// An event page, from a talk card.
	event := eval[string](t, b, `document.querySelector(".talk .meta a[href^='/events/']").textContent`)
	b.do(t, chromedp.Click(`.talk .meta a[href^='/events/']`), chromedp.WaitVisible(`h1`))
	if h1 := eval[string](t, b, `document.querySelector("h1").textContent`); !strings.HasPrefix(h1, event+":") {
		t.Errorf("event page %q, want %q", h1, event)
	}
	b.check(t, "paging and event")
}

// TestBrowserHostileNotes loads notes full of script and javascript:
// links, and a search answered as you type: nothing runs, nothing breaks
// the policy.
func TestBrowserHostileNotes(t *testing.T) {
	b := newBrowser(t)
	e := hostileEngine(t)
	srv := httptest.NewServer(New(e, e, quiet(), Options{}).Handler())
	defer srv.Close()
	b.do(t, chromedp.Navigate(srv.URL+"/talks"), chromedp.WaitVisible(`.list a`))
	talk := eval[string](t, b, `document.querySelector(".list a").getAttribute("href")`)
	for _, path := range []string{talk, "/", "/events", "/speakers", "/?q=script+alert+link"} {
		b.do(t, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(`main`))
		b.check(t, path)
	}
	b.do(t, chromedp.Navigate(srv.URL+"/"), chromedp.SendKeys("#q", "javascript alert link"), chromedp.WaitVisible(`#results a.cite`))
	// Every link on the page goes somewhere harmless.
	bad := eval[[]string](t, b, `Array.from(document.querySelectorAll("a")).map(a => a.href).filter(h => !/^https?:/.test(h))`)
	if len(bad) > 0 {
		t.Errorf("links that are not http(s): %q", bad)
	}
	b.check(t, "typed search over hostile notes")
}

// TestBrowserSeesViolations: the checks above can fail. A page with an
// inline script under the site's policy and one opening a dialog are
// both reported.
func TestBrowserSeesViolations(t *testing.T) {
	b := newBrowser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/csp" {
			w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		}
		fmt.Fprint(w, `<!doctype html><title>x</title><main>x</main><script>alert("ran")</script>`)
	}))
	defer srv.Close()
	b.do(t, chromedp.Navigate(srv.URL+"/csp"), chromedp.WaitVisible(`main`), chromedp.Sleep(200*time.Millisecond))
	b.mu.Lock()
	csp := strings.Join(b.problems, "\n")
	b.problems = nil
	b.mu.Unlock()
	if !strings.Contains(csp, "CSP violation") {
		t.Errorf("an inline script under the policy was not reported: %q", csp)
	}
	b.do(t, chromedp.Navigate(srv.URL+"/open"), chromedp.Sleep(500*time.Millisecond))
	b.mu.Lock()
	dialog := strings.Join(b.problems, "\n")
	b.problems = nil
	b.mu.Unlock()
	if !strings.Contains(dialog, "a dialog opened") {
		t.Errorf("a dialog was not reported: %q", dialog)
	}
}

// TestScreenshots writes the screenshots of docs/ when TALKBOT_SCREENSHOTS
// names the folder: the search page and a talk page, desktop and phone.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("TALKBOT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set TALKBOT_SCREENSHOTS=docs to write the screenshots")
	}
	b := newBrowser(t)
	srv := httptest.NewServer(New(testengine.Default(t), testengine.Default(t), quiet(), Options{}).Handler())
	defer srv.Close()
	for _, shot := range []struct {
		name, path string
		w, h       int64
	}{
		{"web-search-desktop", "/?q=what+did+beazley+say+about+thread+priorities", 1280, 800},
		{"web-search-phone", "/?q=what+did+beazley+say+about+thread+priorities", 390, 844},
		{"web-talk-desktop", "/talks/embracing-the-gil#L238", 1280, 800},
		{"web-talk-phone", "/talks/embracing-the-gil#L238", 390, 844},
	} {
		b.do(t, chromedp.EmulateViewport(shot.w, shot.h), chromedp.Navigate(srv.URL+shot.path), chromedp.WaitVisible("main"))
		img, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, shot.name+".png"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b.check(t, "screenshots")
}
