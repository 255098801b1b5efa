package answer

// Talks returns the header of every talk (no notes), in corpus order, for
// browsing them: a web page's lists.
func (ix *Index) Talks() []TalkResult {
	out := make([]TalkResult, len(ix.corpus.Talks))
	for i, t := range ix.corpus.Talks {
		out[i] = ix.talkHeader(t)
	}
	return out
}

// Talk returns the talk with the given ID and all its lines.
func (ix *Index) Talk(id int) (TalkResult, bool) {
	if id < 0 || id >= len(ix.corpus.Talks) {
		return TalkResult{}, false
	}
	return ix.wholeTalk(ix.corpus.Talks[id]), true
}

// Answer is the JSON of an answer for other programs: `bot ask --json`
// and the web page's /api/ask. Its shape is a contract.
type Answer struct {
	Query       string   `json:"query"`
	Results     []Result `json:"results"`
	Suggestions []string `json:"suggestions"`
}

// Answer returns the reply to query as JSON's shape: at most limit cited
// lines (all when limit <= 0), never null arrays.
func (r Reply) Answer(query string, limit int) Answer {
	a := Answer{Query: query, Results: r.Results(limit), Suggestions: r.Suggestions}
	if a.Suggestions == nil {
		a.Suggestions = []string{}
	}
	return a
}
