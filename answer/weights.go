package answer

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.5 // bullets are short already: length matters less than in documents
)

// How much a query word counts when it is found beside the bullet rather
// than in it: in the talk's title or speakers, the section heading, the
// parent bullet or a neighbouring one.
const (
	titleLevel    = 0.7
	speakerLevel  = 0.9
	sectionLevel  = 0.6
	neighbourRate = 0.5
)

// namedAskedShare is how much of what a question asks of the talk it
// names by its speakers or a description a line of that talk, or the talk,
// must hold (something, when only words of its title name it): "how did kelsey set up the helm charts for the python
// app in the k8s demo" is not answered by his talk, which mentions an app.
const namedAskedShare = 0.25

// everydayWord is the familiarity from which a word is everyday English.
const everydayWord = 0.8

// titleNamedAskedShare is namedAskedShare for a talk named only by words
// of its title, which a long question may use for other things; it
// applies to the asked words that are no everyday English.
const titleNamedAskedShare = 0.1

// describedShare is how much of the weight of the words describing the
// talk asked about ("the write-your-own git log talk") a talk must hold to
// fit the description.
const describedShare = 0.75

// namingLevel is how strongly a word that describes the talk asked about
// ("the dict talk") matches every line of a talk that uses it.
const namingLevel = 0.7

// strictTalkRate is how much of a word's talk-wide credit (talkCredit)
// counts towards what a line explains: "how does mozilla deploy" is
// answered by "Deploy approximately weekly" in a talk about Mozilla.
const strictTalkRate = 0.3

// talkCredit is how much a word counts towards coverage when the line's
// talk uses it elsewhere.
const talkCredit = 0.5

// linkRate is how much a word counts when it stands only inside a link.
const linkRate = 0.3

// The share of a question's weight that an answer must explain: its
// words found in the line, in the talk's title or speakers, the section
// heading, the parent or a neighbouring line. Words weigh by how specific
// they are (queryTerms), so that in a long chat question the few words
// that say what it is about decide, not the number of words; a query of
// two or three words, each chosen, needs more of its weight.
const (
	minShare = 0.34
	// When words of the question that the notes never use, in any
	// spelling, and that are no ordinary English (a library, a name, a
	// term of art) make up missingShare of its weight, the notes most
	// likely do not cover what it asks: an answer must then explain
	// strongShare of the question.
	missingShare = 0.2
	strongShare  = 0.6
)

// answerShare returns the share of the question's weight that an answer
// must explain, and the words whose absence raised it.
func answerShare(qs []queryTerm) (float64, []string) {
	need := minShare
	// Words of a sentence that sets the scene only add evidence: the
	// words that ask say how many the question has.
	asking := 0
	for _, q := range qs {
		if !q.context {
			asking++
		}
	}
	if asking == 0 {
		asking = len(qs)
	}
	switch asking {
	case 1:
		return 0.99, nil // the one word asked about
	case 2:
		need = 0.7 // most of a query of two words, each of which the user chose
	case 3:
		need = 0.55
	}
	var total, missing float64
	var words []string
	for _, q := range qs {
		total += q.weight
		if q.specificAbsent() {
			missing += q.weight
			words = append(words, q.word)
		}
	}
	if total > 0 && missing/total >= missingShare {
		return max(need, strongShare), words
	}
	return need, nil
}

// specificAbsent reports whether the notes never use a word of the
// sentence that asks, in any spelling, and it is no ordinary English.
func (q queryTerm) specificAbsent() bool {
	return len(q.variants) == 0 && !q.context && q.familiar < typoCommonness
}
