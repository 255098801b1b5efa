package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// answerType is what kind of fact a question asks for.
type answerType int

const (
	anyAnswer        answerType = iota
	numberAnswer                // how many, how much, how long, how fast: a quantity
	personAnswer                // who: a person
	placeAnswer                 // where: a place or an organisation
	summaryAnswer               // what a talk was about: its opening lines
	definitionAnswer            // what is X: a line that says what X is
)

// quantityWords ask for a quantity wherever they stand in the sentence
// that asks: "what were the actual numbers on it".
var quantityWords = map[string]bool{
	"number": true, "numbers": true, "figure": true, "figures": true, "stats": true,
	"statistics": true, "percentage": true, "percent": true,
}

// questionType reads the kind of fact a question asks for: "who" or
// "where" among its opening words (past any chat words), "how many",
// "how much", "how long" and the like anywhere in it ("did the talk give a
// number for how much faster ...").
func questionType(ws []string) answerType {
	opening := 0
	for i, w := range ws {
		if chatWords[w] {
			continue
		}
		if opening < 3 {
			switch w {
			case "who", "whom", "whose":
				return personAnswer
			case "where":
				return placeAnswer
			}
		}
		opening++
		if w == "how" && i+1 < len(ws) {
			switch ws[i+1] {
			case "many", "much", "long", "fast", "big", "often", "large", "small", "slow", "quick", "quickly", "far":
				return numberAnswer
			}
		}
		if quantityWords[w] {
			return numberAnswer
		}
	}
	return anyAnswer
}

// asksDefinition reports whether a sentence asks what a thing is: "what
// is the gil", "what's pex", "what are coroutines" - one or two words
// after "what is".
func asksDefinition(ws []string) bool {
	if len(ws) < 2 || ws[0] != "what" {
		return false
	}
	content := 0
	for _, w := range ws[1:] {
		switch {
		case w == "is" || w == "are" || w == "a" || w == "an" || w == "the":
		case roleOf(w) == roleContent:
			content++
		default:
			return false
		}
	}
	return content >= 1 && content <= 2
}

// definesTerm reports whether text says what one of the words is: the
// word followed by "=", ":", " - ", "is", "are", "stands for" or "means"
// ("GIL = Global Interpreter Lock"); a parenthesis follows names too often
// ("ZeroMQ (C extensions)").
func definesTerm(text string, terms []string) bool {
	folded := fold(text)
	for _, t := range terms {
		for j := range wordsAt(folded, t) {
			rest := strings.TrimLeft(folded[j+len(t):], " \t")
			for _, p := range definers {
				if strings.HasPrefix(rest, p) {
					return true
				}
			}
		}
	}
	return false
}

// definers follow a word whose line says what it is.
var definers = []string{"=", ":", "- ", "– ", "is ", "are ", "stands for", "means"}

// asksWhatAbout reports whether a sentence asks what a talk was about:
// "what was meenal's pybay talk about", "what did armin present" - no
// more than two content words, who or which talk.
func asksWhatAbout(ws []string) bool {
	if len(ws) < 3 || ws[0] != "what" {
		return false
	}
	switch ws[len(ws)-1] {
	case "about", "present", "presented", "cover", "covered":
	default:
		return false
	}
	content, talking := 0, false
	for _, w := range ws {
		switch {
		case talkNouns[w] || w == "talked" || w == "present" || w == "presented" || w == "cover" || w == "covered":
			talking = true
		case roleOf(w) == roleContent:
			content++
		}
	}
	return talking && content <= 2
}

// summaryWords ask for what a talk said as a whole: "tl;dr of the
// keynote?", "recap of the dask talk".
var summaryWords = map[string]bool{
	"tldr": true, "summary": true, "summarize": true, "summarise": true, "recap": true, "gist": true, "rundown": true,
}

// asksSummary reports whether a sentence asks for a summary.
func asksSummary(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return summaryWords[w] })
}

// questionKind is what a user's text asks: a question or keywords, and the
// kind of fact wanted.
type questionKind struct {
	question bool // a question ("what happens to idle ..."), not keywords ("idle threads")
	answer   answerType
	listing  bool // asks for the talks on a topic: "were there any talks about testing"
}

// asksForTalks reports whether a sentence asks for the talks on a topic:
// "talks about testing", "any talk on rust", "which talks covered X".
func asksForTalks(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		// "did anyone talk about testing", "has somebody presented on rust"
		if somebody[ws[i]] && speaking[ws[i+1]] && (ws[i+2] == "about" || ws[i+2] == "on") {
			return true
		}
	}
	for i := 0; i+1 < len(ws); i++ {
		one := ws[i] == "talk" && i > 0 && (ws[i-1] == "a" || ws[i-1] == "any" || ws[i-1] == "the" || ws[i-1] == "that")
		if !one && ws[i] != "talks" && ws[i] != "sessions" && ws[i] != "presentations" {
			continue
		}
		switch ws[i+1] {
		case "about", "on", "covering", "covered", "cover", "mentioning", "discussing", "regarding":
			return true
		}
	}
	return false
}

// somebody and speaking make "did anyone talk about": a question for the
// talks on a topic.
var (
	somebody = map[string]bool{"anyone": true, "anybody": true, "someone": true, "somebody": true}
	speaking = map[string]bool{"talk": true, "talked": true, "speak": true, "spoke": true, "present": true, "presented": true}
)

// questionOpeners open questions.
var questionOpeners = map[string]bool{
	"what": true, "how": true, "who": true, "where": true, "when": true, "why": true, "which": true,
	"should": true, "can": true, "could": true, "is": true, "are": true, "does": true, "do": true,
	"did": true, "was": true, "were": true, "will": true, "would": true,
}

// numberWords spell quantities out.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "twenty": true,
	"hundred": true, "hundreds": true, "thousand": true, "thousands": true, "million": true,
	"millions": true, "billion": true, "dozen": true, "dozens": true, "half": true, "twice": true,
	"double": true, "percent": true,
}

// checksAnswerType reports whether hasAnswerType reads a line for the kind
// of fact t: it finds none of any other kind.
func checksAnswerType(t answerType) bool {
	return t == numberAnswer || t == placeAnswer || t == personAnswer
}

// hasAnswerType reports whether a line holds the kind of fact asked for: a
// number for a quantity, a capitalised name for a person.
func hasAnswerType(t answerType, text string) bool {
	switch t {
	case numberAnswer:
		if isASCII(text) {
			return holdsNumber(text)
		}
		for _, w := range words(fold(text)) {
			if numberWords[w] || isQuantity(w) {
				return true
			}
		}
	case placeAnswer:
		fs := strings.Fields(text)
		for i := 0; i+1 < len(fs); i++ {
			switch strings.ToLower(fs[i]) {
			case "at", "in", "for", "from":
				if isCapitalised(strings.Trim(fs[i+1], `"'(),.:;`)) {
					return true
				}
			}
		}
	case personAnswer:
		fs := strings.Fields(text)
		for i := 0; i+1 < len(fs); i++ {
			a, b := strings.Trim(fs[i], `"'(),.:;`), strings.Trim(fs[i+1], `"'(),.:;`)
			if isCapitalised(a) && isCapitalised(b) && i > 0 {
				return true
			}
		}
	}
	return false
}

// holdsNumber reports whether ASCII text holds a quantity or a number
// word, reading its words as words does without making them.
func holdsNumber(text string) bool {
	var folded [len("thousands")]byte // the longest number word
	for i := 0; i < len(text); {
		start, end, _ := nextASCIIWord(text, i)
		if start == end {
			return false
		}
		i = end
		if isDigit(text[start]) {
			return true
		}
		n := 0
		for _, c := range []byte(text[start:end]) {
			if c == '\'' {
				continue // words drops it
			}
			if n == len(folded) {
				n = -1
				break
			}
			folded[n] = c | 0x20 // a letter in lower case; digits and dots as they are
			n++
		}
		if n > 0 && numberWords[string(folded[:n])] {
			return true
		}
	}
	return false
}

// isQuantity reports whether a word is a quantity: it starts with a digit
// ("30", "50ms", "2x"); a name with a digit in it ("python3", "py2",
// "h2o") is none.
func isQuantity(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

func isCapitalised(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for _, r := range rs[1:] {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
