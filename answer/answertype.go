package answer

import (
	"strings"
	"unicode"
)

// answerType is what kind of fact a question asks for.
type answerType int

const (
	anyAnswer    answerType = iota
	numberAnswer            // how many, how much, how long, how fast: a quantity
	personAnswer            // who: a person
)

// questionType reads the kind of fact a question asks for from its opening
// words.
func questionType(ws []string) answerType {
	for i, w := range ws {
		if i > 2 {
			break
		}
		switch w {
		case "who", "whom", "whose":
			return personAnswer
		case "how":
			if i+1 < len(ws) {
				switch ws[i+1] {
				case "many", "much", "long", "fast", "big", "often", "large", "small", "slow", "quick", "quickly", "far":
					return numberAnswer
				}
			}
		}
	}
	return anyAnswer
}

// numberWords spell quantities out.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "twenty": true,
	"hundred": true, "hundreds": true, "thousand": true, "thousands": true, "million": true,
	"millions": true, "billion": true, "dozen": true, "dozens": true, "half": true, "twice": true,
	"double": true, "percent": true,
}

// hasAnswerType reports whether a line holds the kind of fact asked for: a
// number for a quantity, a capitalised name for a person.
func hasAnswerType(t answerType, text string) bool {
	switch t {
	case numberAnswer:
		for _, w := range words(fold(text)) {
			if numberWords[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				return true
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
