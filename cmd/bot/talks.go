package main

import (
	"context"
	"fmt"

	"github.com/talkbot/talkbot/answer"
)

func runTalks(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "talks")
	event := st.fset.String("event", "", "only talks of this event (fuzzy)")
	speaker := st.fset.String("speaker", "", "only talks of this speaker (fuzzy)")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	if st.fset.NArg() > 0 {
		return usageError{"talks takes no arguments; use --event or --speaker"}
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	c := eng.Index().Corpus()
	ids := make([]int, 0, len(c.Talks))
	for _, t := range c.Talks {
		ids = append(ids, t.ID)
	}
	all := answer.Options{Limit: len(c.Talks) + 1}
	if *event != "" {
		ids = intersect(ids, talkIDs(eng.Event(ctx, *event, all)))
	}
	if *speaker != "" {
		ids = intersect(ids, talkIDs(eng.Speaker(ctx, *speaker, all)))
	}
	for _, id := range ids {
		t := c.Talks[id]
		speakers := ""
		if len(t.Speakers) > 0 {
			speakers = " — " + join(t.Speakers)
		}
		fmt.Fprintf(e.stdout, "%s · %s%s (%d notes, %s:%d)\n", t.Event, t.Title, speakers, t.NumBullets(), t.Sources[0].File, t.Sources[0].Line)
	}
	if len(ids) == 0 {
		fmt.Fprintln(e.stdout, "No talks match.")
	}
	return nil
}

func talkIDs(r answer.Reply) []int {
	var ids []int
	for _, t := range r.Talks {
		ids = append(ids, t.TalkID)
	}
	return ids
}

func intersect(a, b []int) []int {
	in := map[int]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []int
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
