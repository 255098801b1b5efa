package slack

import (
	"sync"
	"time"
)

// dedupe remembers recent event IDs so that Slack's retries of an event
// are answered once.
type dedupe struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	order []string
	max   int
	ttl   time.Duration
	now   func() time.Time
}

func newDedupe(max int, ttl time.Duration) *dedupe {
	return &dedupe{seen: map[string]time.Time{}, max: max, ttl: ttl, now: time.Now}
}

// first reports whether id is new, and remembers it.
func (d *dedupe) first(id string) bool {
	if id == "" {
		return true
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if at, ok := d.seen[id]; ok && now.Sub(at) < d.ttl {
		return false
	}
	d.seen[id] = now
	d.order = append(d.order, id)
	for len(d.order) > d.max || (len(d.order) > 0 && now.Sub(d.seen[d.order[0]]) >= d.ttl) {
		delete(d.seen, d.order[0])
		d.order = d.order[1:]
	}
	return true
}

// has reports whether id was seen within the time kept.
func (d *dedupe) has(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	at, ok := d.seen[id]
	return ok && d.now().Sub(at) < d.ttl
}
