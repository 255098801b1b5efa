package feedback

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/talkbot/talkbot/answer"
)

// Gap is a group of questions that asked the same thing, by their key
// words, and were answered with nothing or voted down.
type Gap struct {
	Key        []string  // the key words the questions share, as the latest wording has them
	Count      int       // how often it was asked (or voted down)
	Unanswered int       // ... of those, answered with nothing
	Down       int       // ... of those, voted down
	Example    string    // the latest wording
	Last       time.Time // when it was last asked
}

// maxLogLine bounds a line of the log read: an entry holds one question of
// at most answer.MaxQueryLen bytes and a few dozen citations.
const maxLogLine = 64 << 10

// Gaps reads a feedback log and returns the most frequent gaps since the
// given time, at most top of them (all when top <= 0), most frequent
// first. Lines that are not entries are skipped and counted in bad.
func Gaps(r io.Reader, since time.Time, top int) (gaps []Gap, bad int, err error) {
	byKey := map[string]*Gap{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLogLine)
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Kind == "" {
			bad++
			continue
		}
		if e.Time.Before(since) {
			continue
		}
		unanswered, down := e.Kind == KindUnanswered, e.Kind == KindVote && e.Vote == Down
		if !unanswered && !down {
			continue
		}
		keys, forms := answer.KeyWords(e.Question)
		if len(keys) == 0 {
			continue
		}
		key := strings.Join(keys, " ")
		g, ok := byKey[key]
		if !ok {
			g = &Gap{}
			byKey[key] = g
		}
		g.Count++
		if unanswered {
			g.Unanswered++
		} else {
			g.Down++
		}
		if !e.Time.Before(g.Last) {
			g.Last, g.Example, g.Key = e.Time, e.Question, forms
		}
	}
	if err := sc.Err(); err != nil {
		return nil, bad, err
	}
	for _, g := range byKey {
		gaps = append(gaps, *g)
	}
	slices.SortFunc(gaps, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last), cmp.Compare(strings.Join(a.Key, " "), strings.Join(b.Key, " ")))
	})
	if top > 0 && len(gaps) > top {
		gaps = gaps[:top]
	}
	return gaps, bad, nil
}

// String is one line saying a gap: how often, its key words, how it went,
// when last, and its latest wording.
func (g Gap) String() string {
	var how []string
	if g.Unanswered > 0 {
		how = append(how, fmt.Sprintf("%d unanswered", g.Unanswered))
	}
	if g.Down > 0 {
		how = append(how, fmt.Sprintf("%d 👎", g.Down))
	}
	return fmt.Sprintf("%d× %s (%s), last %s: %q", g.Count, strings.Join(g.Key, " "), strings.Join(how, ", "), g.Last.Format("2006-01-02"), g.Example)
}

// ParseSince reads how far back to look: a Go duration ("36h") or a
// number of days ("7d").
func ParseSince(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days like 7d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 7d or 36h", s)
	}
	return d, nil
}

// ReadGaps reads the gaps of the log at path since the given time.
func ReadGaps(path string, since time.Time, top int) ([]Gap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feedback log: %w", err)
	}
	defer f.Close()
	gaps, _, err := Gaps(f, since, top)
	return gaps, err
}

// Source gives the gaps of the last while, at most top of them (all when
// top <= 0).
type Source func(since time.Duration, top int) ([]Gap, error)

// FileSource reads the gaps from the log at path.
func FileSource(path string) Source {
	return func(since time.Duration, top int) ([]Gap, error) {
		return ReadGaps(path, time.Now().Add(-since), top)
	}
}

// ChatGaps is how many gaps a chat reply lists.
const ChatGaps = 10

// Report answers "/talk gaps [since]" for the user: the gaps of the last
// while (7 days unless since says otherwise) as plain text lines, when the
// user is one of the admins; a refusal otherwise.
func Report(src Source, admins []string, user, since string) string {
	if user == "" || !slices.Contains(admins, user) {
		return "Only the bot's admins can see the unanswered questions."
	}
	if src == nil {
		return "No feedback log is kept (set TALKBOT_FEEDBACK_LOG)."
	}
	if since = strings.TrimSpace(since); since == "" {
		since = "7d"
	}
	back, err := ParseSince(since)
	if err != nil {
		return "Say how far back, like 7d or 36h."
	}
	gaps, err := src(back, ChatGaps)
	if err != nil {
		return "The feedback log cannot be read."
	}
	if len(gaps) == 0 {
		return "No unanswered or voted-down questions in the last " + since + "."
	}
	lines := []string{"Most frequent unanswered or voted-down questions, last " + since + ":"}
	for _, g := range gaps {
		lines = append(lines, "• "+g.String())
	}
	return strings.Join(lines, "\n")
}
