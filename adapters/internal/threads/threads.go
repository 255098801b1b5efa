// Package threads remembers the bot's last answer in each chat thread, so
// that a follow-up there ("more", "what else did he say?") builds on it.
// The memory is small and bounded: the least recently used threads and
// those quiet for longer than a set time are forgotten, and a restart
// forgets all, which only makes the next message a question of its own.
package threads

import (
	"container/list"
	"sync"
	"time"

	"github.com/talkbot/talkbot/answer"
)

// Memory is a least-recently-used map from a thread's key to its last
// answer, with expiry. It is safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	size  int
	ttl   time.Duration
	now   func() time.Time
	order *list.List // of *entry, most recently used first
	byKey map[string]*list.Element
}

type entry struct {
	key  string
	turn answer.Turn
	at   time.Time
}

// New returns a memory of at most size threads, each kept for ttl after
// its last answer. A size of 0 remembers nothing.
func New(size int, ttl time.Duration) *Memory {
	return &Memory{size: size, ttl: ttl, now: time.Now, order: list.New(), byKey: map[string]*list.Element{}}
}

// Put remembers turn as the last answer in the thread key.
func (m *Memory) Put(key string, turn answer.Turn) {
	if m == nil || m.size <= 0 || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if el, ok := m.byKey[key]; ok {
		el.Value = &entry{key: key, turn: turn, at: now}
		m.order.MoveToFront(el)
	} else {
		m.byKey[key] = m.order.PushFront(&entry{key: key, turn: turn, at: now})
	}
	for m.order.Len() > m.size {
		m.remove(m.order.Back())
	}
	// The oldest answers go as they expire, so that a quiet bot does not
	// hold a full memory for ever.
	for el := m.order.Back(); el != nil && now.Sub(el.Value.(*entry).at) >= m.ttl; el = m.order.Back() {
		m.remove(el)
	}
}

// Get returns the last answer in the thread key, if it is remembered and
// not expired.
func (m *Memory) Get(key string) (answer.Turn, bool) {
	if m == nil || key == "" {
		return answer.Turn{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.byKey[key]
	if !ok {
		return answer.Turn{}, false
	}
	e := el.Value.(*entry)
	if m.now().Sub(e.at) >= m.ttl {
		m.remove(el)
		return answer.Turn{}, false
	}
	m.order.MoveToFront(el)
	return e.turn, true
}

// Len returns the number of threads remembered.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

func (m *Memory) remove(el *list.Element) {
	m.order.Remove(el)
	delete(m.byKey, el.Value.(*entry).key)
}
