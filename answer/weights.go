package answer

// The weights of the ranking, in one place: how strongly a word matches a
// line where it stands (the line, its context, its talk), how much of a
// question an answer must explain, and the bonuses of the re-reading of
// the best lines. `bot ask --explain` shows them at work on a question.

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

// firstMentionBonus favours the line where a talk first uses a word of the
// question.
const firstMentionBonus = 0.3

// directBonus is how much more a line scores when it holds every word.
const directBonus = 0.5

// besideCredit is how much a word found only in the parent or a
// neighbouring line counts towards coverage.
const besideCredit = 0.85

// proximityDepth is how many of the best candidates are re-read for words
// of the question standing together.
const (
	proximityDepth = 20
	proximityBonus = 0.3
)

// quoteBonus favours lines that hold a phrase the question quotes.
const quoteBonus = 1.0

// answerTypeBonus favours lines holding the kind of fact a question asks
// for: a number for "how many", a name for "who".
const answerTypeBonus = 1.0

// bareLineRate is the weight of a line holding nothing but the words asked
// about; each further word adds a tenth, up to full weight.
const bareLineRate = 0.6

// lineShare is the share of what the question needs that a line of a
// talk that answers must explain to be shown.
const lineShare = 0.75

// titleListingBonus is how much more a talk scores, when the question asks
// for the talks on a topic, for the share of the question its title holds.
const titleListingBonus = 1.0

// topicAsTalkRate is how much a topic's notes ("pip" under "Tools") score
// when the question asks for a talk ("the pip talk").
const topicAsTalkRate = 0.5

// furtherLines weighs the second and third matching lines of a talk: a
// talk that keeps coming back to the words is about them. A question
// asking for the talks on a topic ("any talks about testing") weighs them
// more: it asks what talks are about, not where a line says it.
var (
	furtherLines        = []float64{0, 0.25, 0.1}
	furtherLinesListing = []float64{0, 0.7, 0.5, 0.35, 0.25}
)

// Weights of corrected words: a correction never counts as much as the
// word itself, and little when the word is known as typed.
const (
	oneEditWeight      = 0.8
	twoEditsWeight     = 0.6
	knownWordWeight    = 0.3
	prefixWeight       = 0.7
	abbreviationWeight = 0.6
	derivedWeight      = 0.6
	alternativeWeight  = 0.6
	maxCorrections     = 3
)

// Weights of a question's words, beside their idf in the notes.
const (
	// contextWeight is how much a word of a sentence that sets the scene
	// counts against a word of the sentence that asks.
	contextWeight = 0.5
	// typoCommonness: a word at least this ordinary in English is a word,
	// not a slip, even when the notes never use it ("sorry" is not
	// "worry").
	typoCommonness = 0.3
	// ordinaryDiscount is how much less a word the notes use counts when
	// it is ordinary English: "give", "number" and "got" say less of what
	// a question is about than "asyncio", however rare in the notes.
	ordinaryDiscount = 0.75
)

// shorthandWeight is how much a match through a shorthand's expansion
// counts.
const shorthandWeight = 0.9

// minCorrectedCredit is the least coverage a corrected word gives: spelling
// variants ("optimisation") count, yet never as much as the word itself.
const minCorrectedCredit = 0.75
