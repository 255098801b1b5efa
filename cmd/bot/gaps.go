package main

import (
	"fmt"
	"time"

	"github.com/talkbot/talkbot/feedback"
)

// runGaps prints the questions most often left unanswered or voted down,
// grouped by their key words, from the feedback log.
func runGaps(e *env, args []string) error {
	st := newSettings(e, "gaps")
	since := st.fset.String("since", "7d", "how far back to look: days (7d) or a duration (36h)")
	top := st.fset.Int("top", 20, "how many gaps to print (0: all)")
	path := st.fset.String("log", "", "the feedback log (default: TALKBOT_FEEDBACK_LOG)")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	if *path == "" {
		*path = cfg.FeedbackLog
	}
	if *path == "" {
		return usageError{"no feedback log: set TALKBOT_FEEDBACK_LOG or give --log"}
	}
	back, err := feedback.ParseSince(*since)
	if err != nil {
		return usageError{"--since: " + err.Error()}
	}
	gaps, err := feedback.ReadGaps(*path, time.Now().Add(-back), *top)
	if err != nil {
		return err
	}
	if len(gaps) == 0 {
		fmt.Fprintf(e.stdout, "No unanswered or voted-down questions in the last %s.\n", *since)
		return nil
	}
	for _, g := range gaps {
		fmt.Fprintln(e.stdout, g)
	}
	return nil
}
