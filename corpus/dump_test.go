package corpus

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		t.Skip()
	}
	c, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Problems {
		fmt.Println("PROBLEM", p)
	}
	for _, tk := range c.Talks {
		fmt.Printf("%d [%s] %q %q %v n=%d secs=%d\n", tk.ID, tk.Event, tk.Title, tk.Speakers, tk.Sources, len(tk.Bullets), len(tk.Sections))
		if os.Getenv("BULLETS") != "" {
			for i, b := range tk.Bullets {
				fmt.Printf("    %d %s:%d p=%d %v %q\n", i, b.File, b.Line, b.Parent, b.Section, b.Text)
			}
		}
	}
}
