package answer

import (
	"strings"

	"github.com/talkbot/talkbot/corpus"
)

// A coded line's tokens are most often read from its pieces (corpus.Dictionary):
// where every piece of a line is plain (ASCII letters and digits, then
// spaces or punctuation that joins no words), the line's words are the
// pieces' words, and what each piece adds to the tokens is worked out once.
// Any other line is split as written.

// pieceToken is what a piece adds to a line's tokens.
type pieceToken struct {
	kind pieceKind
	pair uint32 // the reader's pair of its word, for pieceWord
}

type pieceKind uint8

const (
	pieceUnread pieceKind = iota
	pieceWord             // one token
	pieceNone             // no token: no word, or a stop word
	pieceOdd              // its line must be split as written
)

// appendPieceTokens appends the tokens of the line whose piece numbers
// r.ids holds, in dict, to dst, as appendTokens splits its text; ok is
// false, and dst as it was, when the line must be split as written.
func (r *lineReader) appendPieceTokens(dst []readToken, dict corpus.Dictionary) (_ []readToken, ok bool) {
	if dict.Len() == 0 {
		return dst, false
	}
	if dict != r.dict {
		r.dict = dict
		r.memo = make([]pieceToken, dict.Len())
	}
	n := len(dst)
	for _, id := range r.ids {
		if id < 0 {
			return dst[:n], false
		}
		pt := &r.memo[id]
		if pt.kind == pieceUnread {
			*pt = r.readPiece(dict.Piece(int(id)))
		}
		switch pt.kind {
		case pieceOdd:
			return dst[:n], false
		case pieceWord:
			dst = append(dst, readToken{pair: pt.pair})
		}
	}
	return dst, true
}

// readPiece works out what a piece adds to the tokens of a line all of
// whose pieces are plain: the token of its word, if any. A piece is odd
// when it, or it with the next, could make words appendTokens splits
// otherwise: a letter beyond ASCII; an apostrophe ("don't"); a hyphen or
// underscore (compounds); a colon ("://"); a dot after a digit ("3.6") or
// after "www" (a link).
func (r *lineReader) readPiece(p string) pieceToken {
	end := 0
	for end < len(p) && isAlnum(p[end]) {
		end++
	}
	word, rest := p[:end], p[end:]
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case c >= 0x80, c == '\'', c == '-', c == '_', c == ':':
			return pieceToken{kind: pieceOdd}
		}
	}
	if strings.HasPrefix(rest, ".") && end > 0 && (isDigit(word[end-1]) || strings.HasSuffix(word, "www")) {
		return pieceToken{kind: pieceOdd}
	}
	if end == 0 {
		return pieceToken{kind: pieceNone}
	}
	r.word = appendLowerASCII(r.word[:0], word)
	var buf [1]readToken
	if toks := r.appendWord(buf[:0], r.word, false); len(toks) == 1 {
		return pieceToken{kind: pieceWord, pair: toks[0].pair}
	}
	return pieceToken{kind: pieceNone}
}
