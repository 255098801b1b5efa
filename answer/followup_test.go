package answer

import (
	"strings"
	"testing"
)

func TestFollowUp(t *testing.T) {
	beazley := Turn{
		Request: Request{Command: "ask", Arg: "what did beazley say about the gil"},
		More:    true,
		Talks: []TalkRef{
			{Title: "Embracing The GIL", Speakers: []string{"David Beazley"}},
			{Title: "Grok the GIL: Write Fast And Thread-Safe Python", Speakers: []string{"A. Jesse Jiryu Davis"}},
		},
		Subject: "David Beazley",
	}
	topic := Turn{
		Request: Request{Command: "ask", Arg: "uvloop", Offset: 5},
		Talks:   []TalkRef{{Title: "uvloop: Fast Python networking", Speakers: []string{"Yury Selivanov"}}},
	}
	tests := []struct {
		name string
		turn Turn
		text string
		want Request
		ok   bool
	}{
		{"more", beazley, "more", Request{Command: "ask", Arg: "what did beazley say about the gil", Offset: 2}, true},
		{"more, offset kept", Turn{Request: topic.Request, More: true, Talks: topic.Talks}, "next page", Request{Command: "ask", Arg: "uvloop", Offset: 6}, true},
		{"more when nothing more", topic, "more please", Request{}, false},
		{"that talk", beazley, "show that talk", Request{Command: "show", Arg: "Embracing The GIL"}, true},
		{"the second one", beazley, "the second one?", Request{Command: "show", Arg: "Grok the GIL: Write Fast And Thread-Safe Python"}, true},
		{"tell me more about the second one", beazley, "tell me more about the 2nd one", Request{Command: "show", Arg: "Grok the GIL: Write Fast And Thread-Safe Python"}, true},
		{"the last one", beazley, "open the last one", Request{Command: "show", Arg: "Grok the GIL: Write Fast And Thread-Safe Python"}, true},
		{"ordinal beyond the answer", topic, "the third one", Request{}, false},
		{"a question about that talk", beazley, "what did that talk say about priorities", Request{Command: "ask", Arg: "what did say about priorities in Embracing The GIL"}, true},
		{"what else did he say", beazley, "what else did he say?", Request{Command: "speaker", Arg: "David Beazley"}, true},
		{"pronoun replaced", beazley, "did he mention pypy", Request{Command: "ask", Arg: "did David Beazley mention pypy"}, true},
		{"pronoun, speaker of the first talk", topic, "what did she say about speed", Request{Command: "ask", Arg: "what did Yury Selivanov say about speed"}, true},
		{"and about", beazley, "and about pypy?", Request{Command: "ask", Arg: "what did David Beazley say about pypy"}, true},
		{"what about, no speaker named", topic, "what about asyncio", Request{Command: "ask", Arg: "asyncio"}, true},
		{"a new question", beazley, "how does uvloop work", Request{}, false},
		{"a command", beazley, "speaker davis", Request{}, false},
		{"empty", beazley, "  ", Request{}, false},
		{"a long message", beazley, "and about " + repeatWords("pypy", 30), Request{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FollowUp(tt.turn, tt.text)
			if ok != tt.ok || got != tt.want {
				t.Errorf("FollowUp(%q) = %+v, %v; want %+v, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func repeatWords(w string, n int) string {
	s := w
	for range n - 1 {
		s += " " + w
	}
	return s
}

func TestNewTurnSubject(t *testing.T) {
	talks := []TalkResult{{Title: "Embracing The GIL", Speakers: []string{"David Beazley"}}}
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"question naming the speaker", Request{Command: "ask", Arg: "what did beazley say about the gil"}, "David Beazley"},
		{"question naming nobody", Request{Command: "ask", Arg: "gil"}, ""},
		{"speaker command", Request{Command: "speaker", Arg: "beazley"}, "beazley"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewTurn(tt.req, Reply{Talks: talks}).Subject; got != tt.want {
				t.Errorf("Subject = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKeyWords(t *testing.T) {
	tests := []struct {
		name string
		q    string
		want string
	}{
		{"plain", "deploying django", "deploy django"},
		{"question and chat words", "hey all, how do I deploy Django?", "deploy django"},
		{"order and repeats", "django django deploy", "deploy django"},
		{"mention markup", "<@U123> what did beazley say about the gil", "beazley gil"},
		{"nothing asked", "hi there, thanks!", ""},
	}
	if _, forms := KeyWords("type hints for mypy?"); strings.Join(forms, " ") != "hints mypy type" {
		t.Errorf("forms %q; want the words as typed, in the order of their keys", forms)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, _ := KeyWords(tt.q)
			if got := strings.Join(keys, " "); got != tt.want {
				t.Errorf("KeyWords(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}
