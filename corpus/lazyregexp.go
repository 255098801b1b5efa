package corpus

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled when first used. The
// parsers' expressions would take a third of a megabyte to compile at
// start-up, which a command reading its index from the cache, and so
// parsing no notes, would pay for nothing.
type lazyRegexp struct {
	re func() *regexp.Regexp
}

// lazyRegexps are all of them, for the test that compiles each.
var lazyRegexps []*lazyRegexp

func lazyRE(expr string) *lazyRegexp {
	l := &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	lazyRegexps = append(lazyRegexps, l)
	return l
}

func (l *lazyRegexp) MatchString(s string) bool      { return l.re().MatchString(s) }
func (l *lazyRegexp) FindString(s string) string     { return l.re().FindString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int { return l.re().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	return l.re().FindStringSubmatch(s)
}
func (l *lazyRegexp) ReplaceAllString(s, repl string) string { return l.re().ReplaceAllString(s, repl) }
func (l *lazyRegexp) ReplaceAllStringFunc(s string, fn func(string) string) string {
	return l.re().ReplaceAllStringFunc(s, fn)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.re().Split(s, n) }
func (l *lazyRegexp) String() string                 { return l.re().String() }
