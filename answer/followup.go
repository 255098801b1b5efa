package answer

import (
	"github.com/talkbot/talkbot/internal/clip"
	"slices"
	"strings"
)

// Turn is what a conversation keeps of the bot's last answer in a thread,
// so that the next message there can build on it: "more", "show that
// talk", "what else did he say?", "and about pypy?".
type Turn struct {
	Request Request   // what was answered, from the talk at its Offset
	More    bool      // further talks match
	Talks   []TalkRef // the talks shown, in order
	// Subject is the speaker the question named ("what did beazley say
	// about the gil"), whom "and about pypy?" asks about again.
	Subject string
}

// TalkRef names a talk shown in an answer.
type TalkRef struct {
	Title    string
	Speakers []string
}

// maxTurnTalks bounds the talks a turn keeps: threads are kept by the
// thousand.
const maxTurnTalks = 10

// NewTurn keeps what a thread needs of an answer to req.
func NewTurn(req Request, r Reply) Turn {
	t := Turn{Request: req, More: r.More}
	for _, tr := range r.Talks[:min(len(r.Talks), maxTurnTalks)] {
		t.Talks = append(t.Talks, TalkRef{Title: tr.Title, Speakers: tr.Speakers})
	}
	if req.Command == "speaker" && len(t.Talks) > 0 {
		t.Subject = req.Arg
	}
	if req.Command == "ask" {
		asked := words(fold(req.Arg))
		for _, tr := range t.Talks {
			if name := namedSpeaker(tr.Speakers, asked); name != "" {
				t.Subject = name
				break
			}
		}
	}
	return t
}

// namedSpeaker returns the speaker of speakers a part of whose name is
// among ws.
func namedSpeaker(speakers, ws []string) string {
	for _, s := range speakers {
		for _, part := range words(fold(s)) {
			if len(part) > 2 && slices.Contains(ws, part) {
				return s
			}
		}
	}
	return ""
}

// FollowUp reads a message sent in a thread after turn. When the message
// builds on the answer ("more", "show the second one", "what else did he
// say?", "did she mention pypy", "and about pypy?") it returns the request
// it stands for; otherwise ok is false and the message is a question of
// its own.
func FollowUp(turn Turn, text string) (req Request, ok bool) {
	text = clip.Bytes(cleanInput(text), MaxQueryLen) // bounded as Parse bounds a question
	ws := words(fold(text))
	if len(ws) == 0 || len(ws) > maxFollowUpWords {
		return Request{}, false
	}
	if moreRequests[strings.Join(ws, " ")] {
		if !turn.More {
			return Request{}, false
		}
		next := turn.Request
		next.Offset += len(turn.Talks)
		return next, true
	}
	rest, which, refers := talkReference(ws, len(turn.Talks))
	if refers {
		title := turn.Talks[which].Title
		if contentWords(rest) == 0 {
			return Request{Command: "show", Arg: title}, true
		}
		return Request{Command: "ask", Arg: strings.Join(rest, " ") + " in " + title}, true
	}
	if r := Parse(text); r.Command != "ask" {
		return Request{}, false // a command says what it wants
	}
	speaker := turn.Subject
	if speaker == "" && len(turn.Talks) > 0 && len(turn.Talks[0].Speakers) > 0 {
		speaker = turn.Talks[0].Speakers[0]
	}
	if i := slices.IndexFunc(ws, func(w string) bool { return pronouns[w] }); i >= 0 && speaker != "" {
		if contentWords(ws) == 0 {
			return Request{Command: "speaker", Arg: speaker}, true // "what else did he say?"
		}
		out := slices.Clone(ws)
		for j, w := range out {
			if pronouns[w] {
				out[j] = speaker
			}
		}
		return Request{Command: "ask", Arg: strings.Join(out, " ")}, true
	}
	if topic, ok := topicFollowUp(ws); ok && contentWords(topic) > 0 {
		if turn.Subject != "" {
			return Request{Command: "ask", Arg: "what did " + turn.Subject + " say about " + strings.Join(topic, " ")}, true
		}
		return Request{Command: "ask", Arg: strings.Join(topic, " ")}, true
	}
	return Request{}, false
}

// maxFollowUpWords is the longest message read as building on the last
// answer; a longer one is a question of its own.
const maxFollowUpWords = 20

// moreRequests ask for the next talks of the same answer.
var moreRequests = map[string]bool{
	"more": true, "more please": true, "next": true, "next page": true, "show more": true,
	"more results": true, "keep going": true, "go on": true, "any more": true, "anymore": true,
	"next one": true, "next ones": true, "show me more": true, "what else": true,
}

// pronouns stand for the speaker of the last answer.
var pronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true, "his": true, "hers": true, "they": true, "them": true, "their": true}

// ordinals pick a talk of the last answer.
var ordinals = map[string]int{
	"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4, "5th": 4,
}

// talkReference finds a reference to a talk of the last answer, n talks
// long: "that talk", "this one", "the second one", "the last talk", "show
// it". It returns the other words, the talk's index and whether there was
// one.
func talkReference(ws []string, n int) (rest []string, which int, ok bool) {
	if n == 0 {
		return nil, 0, false
	}
	for i, w := range ws {
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		span, at := 0, 0
		switch k, isOrdinal := ordinals[w]; {
		case isOrdinal && k < n:
			span, at = 1, k
			if next == "one" || next == "talk" {
				span = 2
			}
		case w == "last" && (next == "one" || next == "talk"):
			span, at = 2, n-1
		case (w == "that" || w == "this") && (next == "talk" || next == "one"):
			span = 2
		case w == "it" && i > 0 && (ws[i-1] == "show" || ws[i-1] == "open"):
			span = 1
		}
		if span == 0 {
			continue
		}
		start := i
		if start > 0 && ws[start-1] == "the" {
			start--
		}
		rest = append(append(rest, ws[:start]...), ws[i+span:]...)
		return rest, at, true
	}
	return nil, 0, false
}

// topicFollowUp reads "and about pypy?", "what about pypy", "how about
// the gil", "and pypy?": the same question on another topic. It returns the
// topic's words.
func topicFollowUp(ws []string) ([]string, bool) {
	switch {
	case len(ws) > 2 && (ws[0] == "what" || ws[0] == "how") && ws[1] == "about":
		return ws[2:], true
	case len(ws) > 2 && ws[0] == "and" && (ws[1] == "about" || ws[1] == "on"):
		return ws[2:], true
	case len(ws) > 1 && ws[0] == "and":
		return ws[1:], true
	}
	return nil, false
}

// contentWords counts the words of ws that say what is asked about.
func contentWords(ws []string) int {
	n := 0
	for _, w := range ws {
		if roleOf(w) == roleContent && !followUpWords[w] && !pronouns[w] {
			n++
		}
	}
	return n
}

// followUpWords only point back at the last answer.
var followUpWords = map[string]bool{"one": true, "ones": true, "open": true, "more": true, "talk": true, "it": true, "that": true, "this": true}

// KeyWords returns the words that say what a question is about, stemmed,
// sorted and each once: "How do I deploy Django?" and "deploying django"
// both give [deploy django]. Questions with the same key words ask the
// same thing. Forms are the words as typed (folded), one for each key.
func KeyWords(question string) (keys, forms []string) {
	a := analyze(clip.Bytes(cleanInput(question), MaxQueryLen))
	type pair struct{ key, form string }
	var ps []pair
	for _, w := range a.words {
		if w.role == roleContent {
			ps = append(ps, pair{stem(w.text), w.text})
		}
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	ps = slices.CompactFunc(ps, func(a, b pair) bool { return a.key == b.key })
	for _, p := range ps {
		keys, forms = append(keys, p.key), append(forms, p.form)
	}
	return keys, forms
}
