package answer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/talkbot/talkbot/corpus"
)

// TestZZAgree writes each query's first three results to $ZZ_OUT.
func TestZZAgree(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip()
	}
	c, err := corpus.Load(os.DirFS("/tmp/tbk100k/notes"))
	if err != nil {
		t.Skip(err)
	}
	ix := NewIndex(c)
	e := New(ix)
	f, _ := os.Open("/tmp/tbk100k/queries-by-kind.tsv")
	sc := bufio.NewScanner(f)
	w, _ := os.Create(out)
	defer w.Close()
	for sc.Scan() {
		k, q, _ := strings.Cut(sc.Text(), "\t")
		r := e.Handle(context.Background(), Parse(q), Options{})
		var top []string
		for _, x := range r.Results(3) {
			top = append(top, fmt.Sprintf("%s:%d", x.Source, x.Line))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", k, q, strings.Join(top, " "))
	}
}
