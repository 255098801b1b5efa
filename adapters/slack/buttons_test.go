package slack

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
)

func interactionBody(actionID, value string, ephemeral bool) []byte {
	payload := fmt.Sprintf(`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"response_url":"RESPONSE","container":{"type":"message","is_ephemeral":%t},"actions":[{"action_id":%q,"block_id":"talk_actions","value":%q,"type":"button"}]}`, ephemeral, actionID, value)
	return []byte(payload)
}

func pressButton(t *testing.T, bot *httptest.Server, f *fakeSlack, actionID string, req answer.Request, ephemeral bool) {
	t.Helper()
	payload := strings.Replace(string(interactionBody(actionID, buttonValue(req), ephemeral)), "RESPONSE", f.srv.URL+"/response/button", 1)
	body := url.Values{"payload": {payload}}.Encode()
	if resp := send(t, bot, "/slack/interactions", "application/x-www-form-urlencoded", []byte(body), true, time.Now(), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("button: status %d", resp.StatusCode)
	}
}

func TestShareButtonPostsInChannel(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	pressButton(t, bot, f, actionShare, answer.Request{Command: "ask", Arg: "uvloop"}, true)
	got := f.wait(t, 1)[0]
	if got.Body["response_type"] != "in_channel" || !strings.Contains(got.Blocks, "uvloop") || strings.Contains(got.Blocks, actionShare) {
		t.Errorf("share posted %+v", got)
	}
}

func TestMoreButtonReplacesWithNextPage(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	pressButton(t, bot, f, actionMore, answer.Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5}, true)
	got := f.wait(t, 1)[0]
	if got.Body["replace_original"] != true || strings.Contains(got.Blocks, "PyPy\"") {
		t.Errorf("more posted %+v", got)
	}
	if !strings.Contains(got.Blocks, `\"o\":10`) {
		t.Errorf("the next More button does not go on to offset 10: %s", got.Blocks)
	}
}

func TestSuggestionButtonRunsIt(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	pressButton(t, bot, f, actionSuggest+"_0", answer.Request{Command: "ask", Arg: "kubernetes"}, true)
	if got := f.wait(t, 1)[0]; !strings.Contains(got.Blocks, "Kubernetes For Pythonistas") {
		t.Errorf("suggestion answered %+v", got)
	}
}
