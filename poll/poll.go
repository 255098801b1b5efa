package poll

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	neturl "net/url"
	"slices"
	"sync"
	"time"

	"github.com/talkbot/talkbot/corpus/schedule"
)

// DefaultInterval is how often a schedule is fetched again.
const DefaultInterval = 5 * time.Minute

// DefaultTimeout bounds one fetch.
const DefaultTimeout = 30 * time.Second

// The results of a fetch, as counted.
const (
	Updated     = "updated"      // a new schedule
	NotModified = "not_modified" // 304, or the same body again
	Failed      = "failed"       // no answer, a timeout, a status other than 200 or 304, too large
	Broken      = "broken"       // a body that does not read as a schedule
)

// Poller fetches schedules by URL and keeps the last good body of each.
type Poller struct {
	client   *http.Client
	interval time.Duration
	log      *slog.Logger
	// Fetched, when set, hears the result of every fetch.
	Fetched func(url, result string)

	mu      sync.Mutex
	urls    []string
	sources map[string]*source
}

type source struct {
	body         []byte // the last good schedule
	etag         string
	lastModified string
}

// New returns a poller fetching with client (its Timeout bounds a fetch;
// DefaultTimeout when it has none) every interval (DefaultInterval when
// 0).
func New(client *http.Client, interval time.Duration, log *slog.Logger) *Poller {
	if client == nil {
		client = &http.Client{}
	}
	if client.Timeout == 0 {
		c := *client
		c.Timeout = DefaultTimeout
		client = &c
	}
	if interval <= 0 {
		interval = DefaultInterval
	}
	return &Poller{client: client, interval: interval, log: log, sources: map[string]*source{}}
}

// SetURLs sets the URLs to keep, as the corpus's manifest lists them; the
// schedules of URLs no longer listed are dropped.
func (p *Poller) SetURLs(urls []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.urls = slices.Clone(urls)
	for u := range p.sources {
		if !slices.Contains(urls, u) {
			delete(p.sources, u)
		}
	}
}

// Body returns the last good schedule fetched from url, for
// corpus.Options.Fetched.
func (p *Poller) Body(url string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.sources[url]
	if !ok || s.body == nil {
		return nil, false
	}
	return s.body, true
}

// FetchAll fetches every URL once, one after another, and reports whether
// a schedule changed.
func (p *Poller) FetchAll(ctx context.Context) (changed bool) {
	p.mu.Lock()
	urls := slices.Clone(p.urls)
	p.mu.Unlock()
	for _, u := range urls {
		if ctx.Err() != nil {
			return changed
		}
		result := p.fetch(ctx, u)
		if p.Fetched != nil {
			p.Fetched(u, result)
		}
		changed = changed || result == Updated
	}
	return changed
}

// Run fetches every interval until ctx is done, calling reload after a
// round that changed a schedule.
func (p *Poller) Run(ctx context.Context, reload func()) {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if p.FetchAll(ctx) {
				reload()
			}
		}
	}
}

// fetch gets one URL, conditionally on what it has of it.
func (p *Poller) fetch(ctx context.Context, url string) string {
	p.mu.Lock()
	prev := p.sources[url]
	var etag, modified string
	if prev != nil {
		etag, modified = prev.etag, prev.lastModified
	}
	p.mu.Unlock()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		p.log.Warn("schedule not fetched", "url", schedule.SafeURL(url), "err", err)
		return Failed
	}
	req.Header.Set("Accept", "application/json, application/xml, text/xml")
	req.Header.Set("User-Agent", "talkbot (schedule poller)")
	if prev != nil && prev.body != nil {
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if modified != "" {
			req.Header.Set("If-Modified-Since", modified)
		}
	}
	resp, err := p.client.Do(req)
	if ue, ok := err.(*neturl.Error); ok {
		ue.URL = schedule.SafeURL(ue.URL)
	}
	if err != nil {
		p.log.Warn("schedule not fetched; the last good one stays", "url", schedule.SafeURL(url), "err", err)
		return Failed
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return NotModified
	case http.StatusOK:
	default:
		p.log.Warn("schedule not fetched; the last good one stays", "url", schedule.SafeURL(url), "status", resp.StatusCode)
		return Failed
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, schedule.MaxSize+1))
	if err == nil && len(body) > schedule.MaxSize {
		err = fmt.Errorf("larger than %d bytes", schedule.MaxSize)
	}
	if err != nil {
		p.log.Warn("schedule not fetched; the last good one stays", "url", schedule.SafeURL(url), "err", err)
		return Failed
	}
	if prev != nil && string(prev.body) == string(body) {
		return NotModified
	}
	if _, err := schedule.Read(body); err != nil {
		p.log.Warn("fetched schedule does not read; the last good one stays", "url", schedule.SafeURL(url), "err", err)
		return Broken
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !slices.Contains(p.urls, url) {
		return NotModified // dropped while fetching
	}
	p.sources[url] = &source{body: body, etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	return Updated
}
