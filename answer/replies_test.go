package answer

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/talkbot/talkbot/internal/golden"
)

// Canonical is a request whose neutral reply is kept under
// testdata/replies: a change of ranking or wording shows there as one
// diff. The adapters' goldens render frozen copies of these replies
// (internal/testengine.Frozen), so that they move only with rendering.
type canonical struct {
	name     string
	schedule bool // asked of the schedule engine, else of the embedded notes
	req      Request
}

var canonicalRequests = []canonical{
	{"ask-grok", false, Request{Command: "ask", Arg: "grok the gil"}},
	{"ask-uvloop", false, Request{Command: "ask", Arg: "uvloop"}},
	{"ask-beazley", false, Request{Command: "ask", Arg: "what did beazley say about thread priorities"}},
	{"ask-none", false, Request{Command: "ask", Arg: "kubernetis deploymnt strategies for graphql"}},
	{"ask-suggest", false, Request{Command: "ask", Arg: "kubernetis deploymnt"}},
	{"ask-page-2", false, Request{Command: "ask", Arg: "python", Offset: 5}},
	{"show", false, Request{Command: "show", Arg: "the dictionary even mighter"}},
	{"show-long", false, Request{Command: "show", Arg: "the future of collaboration"}},
	{"speaker", false, Request{Command: "speaker", Arg: "martelli"}},
	{"event", false, Request{Command: "event", Arg: "europython"}},
	{"event-paging", false, Request{Command: "event", Arg: "pycodeconf 2011"}},
	{"event-page-2", false, Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5}},
	{"help", false, Request{Command: "help"}},
	{"help-show", false, Request{Command: "help", Arg: "show"}},
	{"when", true, Request{Command: "when", Arg: "secured grid enabled policy"}},
	{"now", true, Request{Command: "now"}},
	{"ask-scheduled", true, Request{Command: "ask", Arg: "what do stable functions need"}},
}

// CanonicalReply is the file format of a canonical reply.
type CanonicalReply struct {
	Request Request `json:"request"`
	Reply   Reply   `json:"reply"`
}

func TestCanonicalReplies(t *testing.T) {
	notes, programme := defaultEngine(t), scheduleEngine(t, "2020-12-14T09:10:00+01:00")
	for _, c := range canonicalRequests {
		t.Run(c.name, func(t *testing.T) {
			e := notes
			if c.schedule {
				e = programme
			}
			reply := e.Handle(t.Context(), c.req, Options{})
			for i := range reply.Talks { // scores to 4 places: a golden that reads
				tr := &reply.Talks[i]
				tr.Score = math.Round(tr.Score*1e4) / 1e4
				for j := range tr.Snippets {
					tr.Snippets[j].Score = math.Round(tr.Snippets[j].Score*1e4) / 1e4
				}
			}
			b, err := json.MarshalIndent(CanonicalReply{Request: c.req, Reply: reply}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "replies/"+c.name+".json", string(b)+"\n")
			if _, err := os.Stat("../internal/testengine/testdata/replies/" + c.name + ".json"); err != nil {
				t.Errorf("no frozen copy for the adapters' goldens: cp testdata/replies/%s.json ../internal/testengine/testdata/replies/", c.name)
			}
		})
	}
}
