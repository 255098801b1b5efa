package config

import (
	"strings"
	"testing"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{"TALKBOT_CORPUS": t.TempDir()}
	c := FromEnv(func(k string) string { return env[k] })
	if c.Corpus != env["TALKBOT_CORPUS"] || c.Limit != 5 {
		t.Errorf("FromEnv = %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
}

// TestValidateListsEveryProblem: all problems show at once.
func TestValidateListsEveryProblem(t *testing.T) {
	c := Config{Corpus: "/no/such/folder", Limit: 0}
	err := c.Validate()
	if err == nil {
		t.Fatal("Validate() = nil; want errors")
	}
	for _, want := range []string{"/no/such/folder", "limit 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %q; want it to mention %q", err, want)
		}
	}
}
