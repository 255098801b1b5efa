package answer

// Reply is the neutral answer to a command: adapters render it for Slack,
// Discord or a terminal. It holds plain text only.
type Reply struct {
	Command string // the command answered: ask, show, speaker, event, when, now, next, room, track, help
	Query   string // its argument as the user typed it
	Talks   []TalkResult
	// More is true when further talks match beyond Offset+len(Talks).
	More   bool
	Offset int
	// Suggestions are commands worth running instead ("did you mean"), such
	// as "kubernetes" or "show Grok the GIL". They are not results.
	Suggestions []string
	// Actions are the next steps the reply offers (suggestions, more,
	// share), each with the request it runs; set by Engine.Handle.
	Actions []Action
	// Notice is a short line for the user when there is no result: what
	// went wrong, in words.
	Notice string
	// Help lists the commands, for the help command.
	Help []CommandHelp
	// Explain, when asked for (Options.Explain), tells how a question was
	// read and why it was answered or refused.
	Explain *Explanation
}

// TalkResult is one talk of a reply with the note lines that answer.
type TalkResult struct {
	TalkID   int
	Title    string
	Speakers []string
	Event    string
	URL      string    // link to the talk's page in its schedule, else to its notes, when the corpus gives one
	Slot     *SlotInfo // when and where, for a talk a schedule lists
	Score    float64
	Snippets []Snippet
}

// Snippet is one cited note line.
type Snippet struct {
	Text     string
	Section  []string
	Parent   string // the bullet this one hangs under, for context; may be empty
	Score    float64
	Citation Citation
}

// Citation says where a note line comes from.
type Citation struct {
	Event    string
	Talk     string
	Speakers []string
	File     string // relative to the corpus root
	Line     int    // 1-based
	URL      string // link to the line, when the corpus gives one
}

// Result is one cited bullet in the flat form of a reply (bot ask --json).
type Result struct {
	Talk     string   `json:"talk"`
	Speakers []string `json:"speakers"`
	Event    string   `json:"event"`
	Source   string   `json:"source"`
	Line     int      `json:"line"`
	Snippet  string   `json:"snippet"`
	URL      string   `json:"url"`
	Score    float64  `json:"score"`
}

// Results flattens a reply into one entry per cited bullet, best talk
// first and within a talk best line first, at most limit entries (all
// when limit <= 0).
func (r Reply) Results(limit int) []Result {
	out := []Result{}
	for _, t := range r.Talks {
		for _, s := range t.Snippets {
			if limit > 0 && len(out) >= limit {
				return out
			}
			speakers := s.Citation.Speakers
			if speakers == nil {
				speakers = []string{}
			}
			out = append(out, Result{
				Talk: t.Title, Speakers: speakers, Event: t.Event,
				Source: s.Citation.File, Line: s.Citation.Line,
				Snippet: s.Text, URL: s.Citation.URL, Score: round2(s.Score),
			})
		}
	}
	return out
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
