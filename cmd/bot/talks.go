package main

import (
	"context"
	"fmt"
	"io"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
)

func runTalks(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "talks")
	event := st.fset.String("event", "", "only talks of this event (fuzzy)")
	speaker := st.fset.String("speaker", "", "only talks of this speaker (fuzzy)")
	check := st.fset.Bool("check", false, "print what each file was read as (kind, talks, event, speakers) and warnings for suspicious titles")
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
	if *check {
		return printCheck(e.stdout, c)
	}
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
	var topics []int
	for _, id := range ids {
		t := c.Talks[id]
		if t.Topic {
			topics = append(topics, id)
			continue
		}
		printTalk(e.stdout, t)
	}
	if len(topics) > 0 {
		fmt.Fprintln(e.stdout, "\nNotes on topics and tools, no talks:")
		for _, id := range topics {
			printTalk(e.stdout, c.Talks[id])
		}
	}
	if len(ids) == 0 {
		fmt.Fprintln(e.stdout, "No talks match.")
	}
	return nil
}

func printTalk(w io.Writer, t *corpus.Talk) {
	speakers := ""
	if len(t.Speakers) > 0 {
		speakers = " — " + join(t.Speakers)
	}
	fmt.Fprintf(w, "%s · %s%s (%d notes, %s:%d)\n", t.Event, t.Title, speakers, t.NumBullets(), t.Sources[0].File, t.Sources[0].Line)
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

// printCheck prints what each file of a corpus was read as, its talks with
// their events and speakers, the problems and the warnings: what a user
// needs to fix a folder with corpus.yaml.
func printCheck(w io.Writer, c *corpus.Corpus) error {
	byFile := map[string][]*corpus.Talk{}
	for _, t := range c.Talks {
		for _, s := range t.Sources {
			byFile[s.File] = append(byFile[s.File], t)
		}
	}
	kinds := map[corpus.FileKind]int{}
	for _, f := range c.Files {
		kinds[f.Kind]++
		fmt.Fprintf(w, "%s  (%s)\n", f.File, f.Kind)
		for _, t := range byFile[f.File] {
			speakers := "no speakers found"
			if len(t.Speakers) > 0 {
				speakers = join(t.Speakers)
			}
			fmt.Fprintf(w, "    %s · %s — %s (%d notes)\n", t.Event, t.Title, speakers, t.NumBullets())
		}
	}
	for _, p := range c.Problems {
		fmt.Fprintf(w, "problem: %v\n", p)
	}
	warnings := c.Warnings()
	for _, wn := range warnings {
		fmt.Fprintf(w, "warning: %s\n", wn)
	}
	events := map[string]bool{}
	speakers := map[string]bool{}
	for _, t := range c.Talks {
		events[t.Event.String()] = true
		for _, s := range t.Speakers {
			speakers[s] = true
		}
	}
	pointers := ""
	if n := kinds[corpus.ScheduleFile]; n > 0 {
		pointers += fmt.Sprintf(", %d schedules", n)
	}
	if n := kinds[corpus.Pointer]; n > 0 {
		pointers += fmt.Sprintf(", %d pointing to notes elsewhere", n)
	}
	_, err := fmt.Fprintf(w, "%d files (%d one talk, %d several talks, %d indexes, %d programmes, %d skipped%s), %d talks, %d events, %d speakers, %d warnings\n",
		len(c.Files), kinds[corpus.OneTalk], kinds[corpus.ManyTalks], kinds[corpus.Index], kinds[corpus.Programme], kinds[corpus.Skipped], pointers,
		len(c.Talks), len(events), len(speakers), len(warnings))
	return err
}
