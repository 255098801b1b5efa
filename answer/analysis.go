package answer

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// analysis is a question as typed in a chat, read: its words, which of them
// carry the question, and what kind of fact it asks for.
//
// Chat questions come wrapped: mentions and channel links, emoji, a
// greeting or an apology, a sentence or two of background before the
// question itself, abbreviations. The analysis drops the markup, marks the
// words that only keep the conversation going (chat words, question words,
// stop words), and tells the sentences that ask from the sentences that
// set the scene, so that the engine can weigh a question's words by what
// they say rather than count them all alike.
type analysis struct {
	words  []queryWord
	kind   questionKind
	quotes [][]string // the phrases in quotes, folded words each
}

// queryWord is one word of a question.
type queryWord struct {
	text    string   // folded
	role    wordRole // what the word does in the question
	context bool     // in a sentence that sets the scene rather than asks
	naming  bool     // describes a talk or its speaker: "the *dict* talk", "the *dask* person"
	except  bool     // what the question sets aside: "besides the *gil* stuff"
	quoted  bool     // in quotes: words the user remembers as said ("a 'looks fine'")
}

// wordRole is what a word does in a question.
type wordRole uint8

const (
	roleContent  wordRole = iota // may say what the question is about
	roleStop                     // a stop word
	roleQuestion                 // asks rather than tells: "say", "talk", "mention"
	roleChat                     // keeps the conversation going: "hey", "iirc", "sorry"
)

func (r wordRole) String() string {
	switch r {
	case roleStop:
		return "stop word"
	case roleQuestion:
		return "question word"
	case roleChat:
		return "chat word"
	}
	return "content"
}

// folded returns the words of the question, in order.
func (a analysis) folded() []string {
	ws := make([]string, len(a.words))
	for i, w := range a.words {
		ws[i] = w.text
	}
	return ws
}

// contentWords returns how many content words the question has.
func (a analysis) contentWords() int {
	n := 0
	for _, w := range a.words {
		if w.role == roleContent {
			n++
		}
	}
	return n
}

// analyze reads a question.
func analyze(question string) analysis {
	var a analysis
	text := plainText(question)
	sentences := splitSentences(text)
	a.quotes = quotedPhrases(text)
	quoted := map[string]bool{}
	for _, q := range a.quotes {
		for _, w := range q {
			quoted[w] = true
		}
	}
	asking := make([]bool, len(sentences))
	anyAsking := false
	for i, s := range sentences {
		asking[i] = s.asks()
		anyAsking = anyAsking || asking[i]
	}
	var asked []string // the words of the sentences that ask, for the kind of answer
	for i, s := range sentences {
		naming := namingWords(s.words)
		cut := exceptAt(s)
		for j, w := range s.words {
			role := roleOf(w)
			if personNouns[w] && (j > 0 && naming[j-1] || j+1 < len(s.words) && relatives[s.words[j+1]]) {
				// "the dask person", "the guy who did the k8s talk": who is
				// meant, not what is asked
				role = roleQuestion
			}
			if role == roleQuestion && j > 0 && negations[s.words[j-1]] {
				role = roleContent // "what did he say he didn't cover": what the notes say was not
			}
			if role == roleContent && deliversTalk(s.words, j) {
				role = roleQuestion // "who gave the dask talk": the giving is not asked about
			}
			if role == roleContent && (w == "good" || w == "useful") && j+2 == len(s.words) && s.words[j+1] == "for" {
				role = roleQuestion // "what's zeromq good for": what it is for
			}
			if role == roleContent && (w == "name" || w == "title") && j+1 < len(s.words) && s.words[j+1] == "of" {
				role = roleQuestion // "the name of the xonsh speaker": which one, not what about
			}
			if role == roleContent && listsTalks(s.words, j) {
				role = roleQuestion // "list the talks at europython": what to do, not what about
			}
			if role == roleContent && raisesTopic(s.words, j) {
				role = roleQuestion // "did anyone bring up type hints": the bringing up is asking
			}
			if role == roleContent && hedges(s.words, j) {
				role = roleChat // "random q", "something like"
			}
			context := anyAsking && !asking[i] || role == roleContent && comparedWith(s.words, j)
			a.words = append(a.words, queryWord{text: w, role: role, context: context && !quoted[w], naming: naming[j], except: j >= cut, quoted: quoted[w]})
		}
		if asking[i] || !anyAsking {
			asked = append(asked, s.words[:cut]...)
		}
		sentences[i].words = s.words[:cut]
	}
	a.kind = questionKind{question: len(asked) > 2 && anyAsking, answer: questionType(asked)}
	for i, s := range sentences {
		if (asking[i] || !anyAsking) && a.kind.answer == anyAnswer && (asksWhatAbout(s.words) || asksSummary(s.words)) {
			a.kind.answer = summaryAnswer
		}
		if (asking[i] || !anyAsking) && a.kind.answer == anyAnswer && asksDefinition(s.words) {
			a.kind.answer = definitionAnswer
		}
		if (asking[i] || !anyAsking) && asksForTalks(s.words) {
			a.kind.listing = true
		}
	}
	return a
}

// roleOf says what a folded word does in a question.
func roleOf(w string) wordRole {
	switch {
	case chatWords[w]:
		return roleChat
	case questionWords[w]:
		return roleQuestion
	case isStop(w):
		return roleStop
	}
	return roleContent
}

// plainText is a chat message as plain words: markup, contractions and
// possessives taken out, "tl;dr" made one word.
func plainText(s string) string {
	s = dropContractions(stripMarkup(s))
	if !holdsFold(s, "tl") {
		return s // most questions: the expression need not run
	}
	return tldrRe.ReplaceAllString(s, "tldr")
}

// holdsFold reports whether s holds the ASCII letters of lower, in either
// case.
func holdsFold(s, lower string) bool {
	for i := 0; i+len(lower) <= len(s); i++ {
		j := 0
		for j < len(lower) && s[i+j]|0x20 == lower[j] {
			j++
		}
		if j == len(lower) {
			return true
		}
	}
	return false
}

// tldrRe matches "tl;dr" as chat writes it: "TL;DR", "tl:dr", "tl,dr", "tl dr".
var tldrRe = regexp.MustCompile(`(?i)\btl\s?[;:,.]?\s?dr\b`)

// quoteRe matches a phrase in quotes: double, typographic, or single
// quotes that open after a space and close before one. Phrases longer
// than maxQuoted characters are passed over in code: a bounded repeat
// would compile to a program two dozen times the size.
var quoteRe = regexp.MustCompile(`"([^"]+)"|“([^”]+)”|‘([^’]+)’|(?:^|\s)'([^']+)'(?:[\s,.?!;:]|$)`)

// maxQuoted is the longest phrase in quotes read as one.
const maxQuoted = 100

// quotedPhrases returns the phrases a question puts in quotes, as folded
// words.
func quotedPhrases(text string) [][]string {
	if !strings.ContainsAny(text, `"'`) && !strings.Contains(text, "“") && !strings.Contains(text, "‘") { // ContainsAny with a rune beyond ASCII reads rune by rune
		return nil
	}
	var out [][]string
	for _, m := range quoteRe.FindAllStringSubmatch(text, -1) {
		for _, g := range m[1:] {
			if utf8.RuneCountInString(g) > maxQuoted {
				continue
			}
			if ws := words(fold(g)); len(ws) > 0 {
				out = append(out, ws)
			}
		}
	}
	return out
}

// exceptAt returns where a sentence starts setting words aside ("what else
// did beazley talk about besides the gil stuff"), or its length. A word
// joined to the one before it by a symbol is a term, not a setting aside:
// "try/except", "try:except".
func exceptAt(s sentence) int {
	ws := s.words
	for i, w := range ws {
		switch {
		case (w == "besides" || w == "except" || w == "excluding") && standsAlone(s.text, w):
			return i
		case (w == "other" || w == "apart" || w == "aside") && i+1 < len(ws) && (ws[i+1] == "than" || ws[i+1] == "from"):
			return i
		}
	}
	return len(ws)
}

// comparedWith reports whether word j is what something is compared with:
// the first word after "than" ("is asyncpg faster than psycopg"), past a
// determiner. The notes may answer about the one without the other.
func comparedWith(ws []string, j int) bool {
	k := j - 1
	if k > 0 && determiners[ws[k]] {
		k--
	}
	return k >= 0 && ws[k] == "than"
}

// standsAlone reports whether word w stands in text as a word of its own
// somewhere: after a space or an opening quote or bracket, not joined to
// the word before it by a symbol ("try/except", "try:except").
func standsAlone(text, w string) bool {
	for j := range wordsAt(text, w) {
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		if j == 0 || unicode.IsSpace(before) || strings.ContainsRune("\"'“‘(", before) {
			return true
		}
	}
	return false
}

// wordsAt yields where w stands in text as a whole word: no letter or
// digit just before or after it.
func wordsAt(text, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; w != ""; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				return
			}
			j += i
			i = j + len(w)
			before, _ := utf8.DecodeLastRuneInString(text[:j])
			after, _ := utf8.DecodeRuneInString(text[i:])
			if j > 0 && isWordRune(before) || i < len(text) && isWordRune(after) {
				continue
			}
			if !yield(j) {
				return
			}
		}
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// talkNouns are the nouns chat uses for a talk or its speaker: the words
// before them describe which ("the py3.6 perf talk", "the dask person").
var talkNouns = map[string]bool{
	"talk": true, "talks": true, "keynote": true, "presentation": true, "session": true,
	"workshop": true, "tutorial": true, "lecture": true, "slides": true, "speaker": true,
	"person": true, "guy": true, "lady": true, "folks": true, "people": true, "team": true,
}

// listsTalks reports whether word i asks for a list of talks or speakers:
// "list the talks at ...", "name all the speakers".
func listsTalks(ws []string, i int) bool {
	if ws[i] != "list" && ws[i] != "name" && ws[i] != "enumerate" {
		return false
	}
	for _, w := range ws[i+1 : min(len(ws), i+4)] {
		switch {
		case talkNouns[w] || w == "speakers" || w == "sessions" || w == "presentations":
			return true
		case w != "the" && w != "all" && w != "of" && w != "me":
			return false
		}
	}
	return false
}

// appraisals are the adjectives chat puts after "anything" or "something"
// without asking for them: "anything interesting about graphs".
var appraisals = map[string]bool{
	"interesting": true, "cool": true, "useful": true, "new": true, "good": true, "notable": true,
	"noteworthy": true, "worthwhile": true, "important": true, "relevant": true, "neat": true,
}

// hedges reports whether word i only frames the question in chat: a
// framing word before "q" or "question" ("random q"), or "like" after
// "something" ("something like \"explicit is better\"").
func hedges(ws []string, i int) bool {
	switch w := ws[i]; {
	case w == "like":
		return i > 0 && vagueNouns[ws[i-1]]
	case appraisals[w]:
		return i > 0 && vagueNouns[ws[i-1]] // "anything interesting about graphs"
	case framingWords[w] && i+1 < len(ws):
		switch ws[i+1] {
		case "q", "qs", "question", "questions", "thought":
			return true
		}
	}
	return false
}

// framingWords say what kind of question follows: "random q", "noob
// question", "general question".
var framingWords = map[string]bool{
	"random": true, "stupid": true, "basic": true, "noob": true, "newbie": true, "simple": true,
	"general": true, "side": true, "small": true, "weird": true, "odd": true, "naive": true,
}

// vagueNouns stand for what the user cannot quite recall: "something
// like ...".
var vagueNouns = map[string]bool{"something": true, "smth": true, "stuff": true, "things": true, "anything": true}

// deliveryVerbs are what a speaker does with a talk.
var deliveryVerbs = map[string]bool{
	"give": true, "gave": true, "given": true, "deliver": true, "delivered": true, "run": true, "ran": true,
	"host": true, "hosted": true, "lead": true, "led": true, "hold": true, "held": true,
}

// deliversTalk reports whether word i is a verb of delivery whose object
// is a talk: "gave the dask talk", "ran a workshop".
func deliversTalk(ws []string, i int) bool {
	if !deliveryVerbs[ws[i]] {
		return false
	}
	for j := i + 1; j < len(ws) && j <= i+maxNaming+1; j++ {
		if talkNouns[ws[j]] && !personNouns[ws[j]] {
			return true
		}
	}
	return false
}

// raisingVerbs are the verbs that, with a particle, say a topic came up in
// a talk: "bring up", "touch on".
var raisingVerbs = map[string]string{
	"bring": "up", "brings": "up", "brought": "up", "bringing": "up",
	"touch": "on", "touches": "on", "touched": "on", "touching": "on",
}

// raisesTopic reports whether word i, or the word before it, is a verb of
// raising a topic with its particle: "did anyone bring up type hints" asks
// what was said of type hints, not of bringing.
func raisesTopic(ws []string, i int) bool {
	if p, ok := raisingVerbs[ws[i]]; ok && i+1 < len(ws) && ws[i+1] == p {
		return true
	}
	return i > 0 && raisingVerbs[ws[i-1]] == ws[i]
}

// personNouns are the talk nouns that name people: the words before them
// describe a talk only after a determiner ("the dask person", not
// "convince people").
var personNouns = map[string]bool{
	"speaker": true, "person": true, "guy": true, "lady": true, "folks": true, "people": true, "team": true,
}

// relatives open a clause that says which person is meant: "the guy who
// gave the dask talk".
var relatives = map[string]bool{"who": true, "that": true, "whose": true}

// negations turn a verb of speaking about into what is asked: "what didn't
// she cover".
var negations = map[string]bool{
	"not": true, "never": true, "didnt": true, "dont": true, "doesnt": true, "wasnt": true, "werent": true,
	"wont": true, "cant": true, "couldnt": true, "wouldnt": true, "shouldnt": true, "isnt": true, "arent": true,
}

// determiners open a noun phrase that points at one talk or person.
var determiners = map[string]bool{
	"the": true, "that": true, "this": true, "those": true, "these": true, "his": true, "her": true,
	"their": true, "a": true, "an": true, "one": true,
}

// maxNaming is the most words before a talk noun that describe the talk.
const maxNaming = 3

// namingWords marks the words of a sentence that describe a talk: up to
// maxNaming content words right before a talk noun.
func namingWords(ws []string) []bool {
	out := make([]bool, len(ws))
	for i, w := range ws {
		if !talkNouns[w] {
			continue
		}
		j := i - 1
		for ; j >= 0 && j >= i-maxNaming; j-- {
			if roleOf(ws[j]) != roleContent || talkNouns[ws[j]] {
				break
			}
		}
		if personNouns[w] && (j < 0 || !determiners[ws[j]]) {
			continue
		}
		for k := j + 1; k < i; k++ {
			out[k] = true
		}
	}
	return out
}

// chatWords keep a chat conversation going and say nothing of its topic:
// greetings, thanks, apologies, hedges and the abbreviations chat writes
// them in.
var chatWords = map[string]bool{
	// greetings and addressing
	"hi": true, "hey": true, "hello": true, "hiya": true, "heya": true, "howdy": true, "yo": true,
	"folks": true, "everyone": true, "everybody": true, "guys": true, "yall": true, "peeps": true,
	// thanks and politeness
	"thanks": true, "thank": true, "thx": true, "ty": true, "tia": true, "cheers": true, "pls": true, "plz": true,
	"sorry": true, "apologies": true, "apologize": true, "apologise": true,
	// hedges and asides
	"iirc": true, "afaik": true, "afair": true, "imo": true, "imho": true, "tbh": true, "fwiw": true, "tldr": true,
	"btw": true, "ftr": true, "idk": true, "dunno": true, "lol": true, "lmao": true, "haha": true,
	"hmm": true, "hm": true, "um": true, "umm": true, "uh": true, "erm": true, "ok": true, "okay": true,
	"kinda": true, "sorta": true, "basically": true, "actually": true, "literally": true, "maybe": true,
	"probably": true, "wondering": true, "curious": true, "anyone": true, "anybody": true,
	"somebody": true, "someone": true, "remember": true, "recall": true, "remind": true, "think": true, "guess": true,
	"q": true, "qq": true, "quick": true, "question": true, "dumb": true, "silly": true,
	"u": true, "ur": true, "ppl": true, "rn": true, "tho": true, "thru": true, "ya": true, "yeah": true,
	"yep": true, "nope": true, "abt": true, "wat": true, "wut": true, "smth": true, "sth": true,
	"bc": true, "cuz": true, "coz": true, "bcuz": true, "yea": true,
}

// sentence is one sentence of a question, with the mark that ended it.
type sentence struct {
	text  string   // folded
	words []string // folded
	end   rune     // '?', '.', '!' or 0
	aside bool     // in parentheses: "what did armin (the flask guy) present"
}

// asks reports whether a sentence asks: it ends with a question mark, or
// opens, past any chat words, with a question word. An aside never asks.
func (s sentence) asks() bool {
	if s.aside {
		return false
	}
	if s.end == '?' {
		return true
	}
	for _, w := range s.words {
		if chatWords[w] || w == "so" || w == "and" || w == "but" {
			continue
		}
		return questionOpeners[w]
	}
	return false
}

// splitSentences splits text into sentences at '?', '!', ';', a '.' that
// ends a word (not the one in "3.6" or "e.g"), a dash between spaces and
// emoji: chat writes "hey 👋 quick q — did ..." for "Hey. Did ...". Words
// in parentheses are an aside of their own.
func splitSentences(text string) []sentence {
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // each stray byte a replacement character
	}
	var out []sentence
	start := 0 // where the current sentence starts, in bytes
	aside := false
	flush := func(end rune, at, width int) {
		folded := fold(text[start:at])
		if ws := words(folded); len(ws) > 0 {
			out = append(out, sentence{text: folded, words: ws, end: end, aside: aside})
		}
		start = at + width
	}
	prev := rune(' ')
	for i, r := range text {
		width := utf8.RuneLen(r)
		next := rune(' ')
		if i+width < len(text) {
			next, _ = utf8.DecodeRuneInString(text[i+width:])
		}
		switch {
		case r == '(' && !aside:
			flush(0, i, width)
			aside = true
		case r == ')' && aside:
			flush(0, i, width)
			aside = false
		case r == '?' || r == '!' || r == ';':
			flush(r, i, width)
		case r == '.' && unicode.IsSpace(next) && !isAbbreviationDot(text[start:i]):
			flush(r, i, width)
		case (r == '—' || r == '–' || r == '-') && unicode.IsSpace(prev) && unicode.IsSpace(next):
			flush(0, i, width)
		case isEmoji(r):
			flush(0, i, width)
		}
		prev = r
	}
	flush(0, len(text), 0)
	return out
}

// isAbbreviationDot reports whether text ends with a word whose dot does not
// end a sentence ("e.g", "i.e", "etc", "vs").
func isAbbreviationDot(text string) bool {
	i := strings.LastIndexFunc(text, unicode.IsSpace)
	last := strings.ToLower(text[i+1:])
	switch last {
	case "e.g", "i.e", "etc", "vs", "cf", "approx", "ca", "dr", "mr", "mrs", "ms", "st":
		return true
	}
	return false
}

// isEmoji reports whether r is a pictograph or a symbol chat uses as one.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, transport, symbols
		r >= 0x2600 && r <= 0x27BF: // miscellaneous symbols, dingbats
		return true
	}
	return false
}

// stripMarkup removes what chat services wrap around words: references in
// angle brackets (user and channel mentions, "<!here>", custom emoji,
// timestamps), keeping the label of a link ("<https://x|the docs>"), and
// emoji short codes (":tada:"). HTML entities that chat sends for "&",
// "<" and ">" are decoded first.
func stripMarkup(s string) string {
	if !strings.ContainsAny(s, "<:&") {
		return s
	}
	s = chatEntities.Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 || strings.ContainsAny(s[i+1:i+end], " \t\n<") && !strings.Contains(s[i+1:i+end], "|") {
				break
			}
			ref := s[i+1 : i+end]
			if url, label, ok := strings.Cut(ref, "|"); ok && isLinkRef(ref) {
				b.WriteString(label)
				b.WriteString(linkAside(url))
			} else if isLinkRef(ref) {
				b.WriteString(linkAside(ref))
			}
			b.WriteByte(' ')
			i += end + 1
			continue
		case ':':
			if n := shortCodeLen(s[i:]); n > 0 {
				b.WriteByte(' ')
				i += n
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// chatEntities decodes the HTML entities chat sends for "&", "<" and ">".
var chatEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// linkAside returns the words of a link's path as an aside (" (grok the
// gil)" for https://bit.ly/grok-the-gil), or "": what was shared may be
// what the notes cite, but it sets the scene rather than asks.
func linkAside(url string) string {
	_, rest, _ := strings.Cut(url, "://")
	_, path, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	var ws []string
	for _, w := range strings.FieldsFunc(path, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 && !urlNoise[strings.ToLower(w)] && len(ws) < maxLinkWords {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return ""
	}
	return " (" + strings.Join(ws, " ") + ")"
}

// maxLinkWords bounds the words taken from a link's path.
const maxLinkWords = 6

// urlNoise are the parts of URL paths that say nothing of their page.
var urlNoise = map[string]bool{"html": true, "htm": true, "php": true, "aspx": true, "index": true, "www": true, "blob": true, "tree": true, "master": true, "main": true}

// isLinkRef reports whether a bracketed reference is a link (whose label is
// text the user wrote) rather than a mention or a channel.
func isLinkRef(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "mailto:")
}

// shortCodeLen returns the length of an emoji short code at the start of s
// (":thumbsup:", ":+1:", ":face_with_rolling_eyes:"), or 0.
func shortCodeLen(s string) int {
	for i := 1; i < len(s) && i < 64; i++ {
		c := s[i]
		switch {
		case c == ':':
			if i == 1 {
				return 0
			}
			return i + 1
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_', c == '+', c == '-':
		default:
			return 0
		}
	}
	return 0
}
