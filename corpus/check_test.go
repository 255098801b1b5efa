package corpus

import (
	"strings"
	"testing"
)

func TestWarnings(t *testing.T) {
	talk := func(title string, ev Event) *Talk {
		return &Talk{Title: title, Event: ev, Sources: []Source{{File: "a.md", Line: 3}}}
	}
	ok := Event{Name: "PyCon US", Year: 2017}
	tests := []struct {
		talk *Talk
		want string // in the warning; "" for none
	}{
		{talk("Grok the GIL", ok), ""},
		{talk("Tip 1", ok), "section heading"},
		{talk("Introduction", ok), "section heading"},
		{talk("2016", ok), "a number"},
		{talk("This is a long sentence that someone wrote as a heading and ends with a full stop.", ok), "sentence"},
		{talk("Grok the GIL", Event{Name: "PyCon US"}), "no year"},
		{talk("Grok the GIL", Event{Name: "Grok the GIL", Year: 2017}), "own title"},
		{talk("Grok the GIL", Event{}), "no event"},
	}
	for _, tt := range tests {
		ws := (&Corpus{Talks: []*Talk{tt.talk}}).Warnings()
		switch {
		case tt.want == "" && len(ws) > 0:
			t.Errorf("%q at %v: warnings %v; want none", tt.talk.Title, tt.talk.Event, ws)
		case tt.want != "" && (len(ws) != 1 || !strings.Contains(ws[0].Text, tt.want) || ws[0].String()[:6] != "a.md:3"):
			t.Errorf("%q at %v: warnings %v; want one at a.md:3 saying %q", tt.talk.Title, tt.talk.Event, ws, tt.want)
		}
	}
}
