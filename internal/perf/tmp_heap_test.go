package perf

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
)

func TestHeapTmp(t *testing.T) {
	dir := os.Getenv("PROBE_DIR")
	if dir == "" {
		t.Skip()
	}
	c, _ := corpus.Load(os.DirFS(dir + "/notes"))
	e := answer.New(answer.NewIndex(c))
	runtime.GC()
	f, _ := os.Create("/tmp/heap.out")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	runtime.KeepAlive(e)
}
