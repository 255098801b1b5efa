package answer

import "strings"

// irregular maps the irregular forms of English verbs and nouns, which a
// stemmer leaves apart from their base ("came", "come"; "built",
// "build"; "indices", "index"), to the base. Forms that are mostly words
// of their own in notes are left out: "bit" (64-bit), "left", "found",
// "saw", "lay", "ground", "bound", "wound", "felt", "spoke", "rose", "lit",
// "led", "fed", "met", "sat", "shot"; and the light verbs get, go and make,
// whose forms mostly stand in idioms ("got picked up", "went live").
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregularForms, "\n") {
		fs := strings.Fields(line)
		for _, f := range fs[min(1, len(fs)):] {
			m[f] = fs[0]
		}
	}
	return m
}()

// irregularForms lists, a line each, a base and its irregular forms.
const irregularForms = `arise arose arisen
awake awoke awoken
bear bore borne
beat beaten
become became
begin began begun
bend bent
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
come came
creep crept
deal dealt
dig dug
draw drew drawn
dream dreamt
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
give gave given
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
know knew known
lean leant
leap leapt
learn learnt
lend lent
lose lost
mean meant
pay paid
prove proven
ride rode ridden
ring rang rung
rise risen
run ran
say said
see seen
seek sought
sell sold
send sent
shake shook shaken
shine shone
show shown
shrink shrank shrunk
sing sang sung
sink sank sunk
sleep slept
slide slid
speak spoken
speed sped
spend spent
spin spun
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
strike struck stricken
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
understand understood
misunderstand misunderstood
undertake undertook undertaken
mistake mistook mistaken
undo undid undone
redo redid redone
rebuild rebuilt
rewrite rewrote rewritten
override overrode overridden
overcome overcame
withdraw withdrew withdrawn
withhold withheld
uphold upheld
foresee foresaw foreseen
wake woke woken
wear wore worn
weave wove woven
win won
write wrote written
child children
man men
woman women
mouse mice
foot feet
tooth teeth
index indices
vertex vertices
matrix matrices
appendix appendices
analysis analyses
criterion criteria
phenomenon phenomena`
