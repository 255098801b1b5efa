package answer

import (
	"context"
	"github.com/talkbot/talkbot/internal/clip"
	"strings"
)

// MaxQueryLen bounds a command's text; longer input is cut at a word.
const MaxQueryLen = 500

// CommandHelp describes one command for help texts and for the adapters
// that register commands (Slack, Discord).
type CommandHelp struct {
	Name     string // "speaker"
	Arg      string // "name", empty when the command takes none
	Optional bool   // the argument may be left out ("now", "now room janson")
	Schedule bool   // answers from schedules: left out of help over notes alone
	Usage    string // "speaker <name>"
	Summary  string
	Example  string
	Complete Field // what its argument autocompletes from (NoField: nothing)

	run func(e *Engine, ctx context.Context, arg string, opts Options) Reply // nil for help
}

// Commands is the one table of commands, in the order help lists them:
// Handle dispatches by it, help and the chat services' command
// registrations are made from it.
var Commands = []CommandHelp{
	{Name: "ask", Arg: "question", Usage: "ask <question>", Summary: "Answer a question from the talk notes, citing the lines that answer it (a bare question works too).", Example: exampleQuestion, run: (*Engine).Ask},
	{Name: "show", Arg: "title", Usage: "show <talk title>", Summary: "Show one talk's notes; the title may be partial or misspelt.", Example: "show grok the gil", Complete: TitleField, run: (*Engine).Show},
	{Name: "speaker", Arg: "name", Usage: "speaker <name>", Summary: "List the talks of a speaker.", Example: "speaker beazley", Complete: SpeakerField, run: (*Engine).Speaker},
	{Name: "event", Arg: "name", Usage: "event <name>", Summary: "List the talks of an event.", Example: "event europython 2016", Complete: EventField, run: (*Engine).Event},
	{Name: "when", Arg: "title", Schedule: true, Usage: "when <talk title>", Summary: "Say when and where a scheduled talk is given.", Example: "when welcome to fosdem", Complete: TitleField, run: (*Engine).When},
	{Name: "now", Arg: "place", Optional: true, Schedule: true, Usage: "now [room/track]", Summary: "List the talks on now (in a room or track: \"now room janson\").", Example: "now room janson", run: (*Engine).Now},
	{Name: "next", Arg: "place", Optional: true, Schedule: true, Usage: "next [room/track]", Summary: "List each room's next talk (in a room or track: \"next track rust\").", Example: "next track rust", run: (*Engine).Next},
	{Name: "room", Arg: "name", Schedule: true, Usage: "room <name>", Summary: "List the scheduled talks of a room.", Example: "room janson", Complete: RoomField, run: (*Engine).Room},
	{Name: "track", Arg: "name", Schedule: true, Usage: "track <name>", Summary: "List the scheduled talks of a track.", Example: "track rust", Complete: TrackField, run: (*Engine).Track},
	{Name: "help", Usage: "help", Summary: "Show this help."},
}

// exampleQuestion shows how to ask.
const exampleQuestion = "what did Beazley say about thread priorities?"

// byName indexes Commands. It is filled by init, not by an initializer:
// the table's handlers reach Parse, which reads it.
var byName map[string]CommandHelp

func init() {
	byName = make(map[string]CommandHelp, len(Commands))
	for _, c := range Commands {
		byName[c.Name] = c
	}
}

// commandNamed returns the command of a name.
func commandNamed(name string) (CommandHelp, bool) {
	c, ok := byName[name]
	return c, ok
}

// cleanInput makes typed text safe to echo: invalid UTF-8 and control
// characters (terminal escapes, NUL) are dropped, tabs and line breaks
// become spaces, and zero-width and direction marks go, which only hide
// words. Letters of every script, emoji and punctuation stay.
func cleanInput(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return -1
		case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069, r == 0xfeff:
			return -1
		}
		return r
	}, s)
}

// Request is a parsed command, and where to start in its answer.
type Request struct {
	Command string // one of Commands' names
	Arg     string
	Offset  int // talks to skip, for paging: the "More" of an answer
}

// Parse reads a command as any adapter receives it: "show grok the gil",
// "ask what is uvloop", "help", or a bare question, which is ask. Case,
// surrounding space and a leading slash are ignored.
func Parse(text string) Request {
	text = clip.Bytes(strings.TrimSpace(cleanInput(text)), MaxQueryLen)
	text = strings.TrimSpace(strings.TrimPrefix(text, "/"))
	if text == "" {
		return Request{Command: "help"}
	}
	first, rest, _ := strings.Cut(text, " ")
	name := strings.ToLower(strings.TrimRight(first, ":"))
	if c, ok := commandNamed(name); ok {
		rest = strings.TrimSpace(rest)
		if c.Arg != "" && !c.Optional && rest == "" {
			return Request{Command: "help", Arg: name}
		}
		return Request{Command: name, Arg: rest}
	}
	return Request{Command: "ask", Arg: text}
}

// HelpFormat says how a renderer marks up help.
type HelpFormat struct {
	Escape  func(string) string      // the notice's text; nil keeps it
	Heading func(string) string      // the heading
	Line    func(CommandHelp) string // one command's line, without its newline
}

// HelpText writes a help reply in a renderer's markup: the notice (what
// a command needs), a heading, one line a command.
func (r Reply) HelpText(f HelpFormat) string {
	var b strings.Builder
	if r.Notice != "" {
		notice := r.Notice
		if f.Escape != nil {
			notice = f.Escape(notice)
		}
		b.WriteString(notice + "\n\n")
	}
	b.WriteString(f.Heading("Ask about the talks in the notes:") + "\n")
	for _, c := range r.Help {
		b.WriteString(f.Line(c) + "\n")
	}
	return b.String()
}
