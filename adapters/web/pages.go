package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

// link is a named link.
type link struct {
	Name, URL string
	Count     int
}

// talkView is a talk as the pages show it.
type talkView struct {
	Title, URL string
	Speakers   []link
	Event      link
	When       string
	PageURL    string // the talk's page in its schedule, or its notes
	Snippets   []lineView
}

// lineView is a cited note line.
type lineView struct {
	Text, Context string
	CiteURL       string // the line on its talk's page
	Source        string // "file:line"
	SourceURL     string // the line in the notes' own home, when known
}

// page is what every template gets.
type page struct {
	Title, Query string
	Heading      string
	Notice       string
	// search
	Talks            []talkView
	Suggestions      []link
	Examples, Events []link
	Offset, From, To int
	Prev, Next       string
	// talk
	Talk     talkView
	Sections []sectionView
	Files    []link
	// lists
	Items  []listItem
	Filter *filterView
}

type sectionView struct {
	Heading string
	Lines   []noteLine
}

type noteLine struct {
	Anchor, Text string
	Line         int
	Sub          bool
}

type listItem struct{ Name, URL, Detail string }

type filterView struct {
	Events  []option
	Speaker string
}

type option struct {
	Name, Slug string
	Selected   bool
}

// render writes a page, or a 500 when its template fails.
func (s *Site) render(w http.ResponseWriter, status int, name string, p page) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		s.log.Error("web: page not rendered", "page", name, "err", err)
		http.Error(w, "Sorry, something went wrong.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (s *Site) fail(w http.ResponseWriter, _ *http.Request, status int, notice string) {
	s.render(w, status, "error", page{Title: http.StatusText(status), Heading: http.StatusText(status), Notice: notice})
}

// loading answers while the notes are not indexed yet.
func (s *Site) loading(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "2")
	s.fail(w, r, http.StatusServiceUnavailable, "The notes are still loading; try again in a moment.")
}

// maxOffset bounds paging: no one reads a thousand talks deep.
const maxOffset = 1000

func offsetParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("offset"))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, maxOffset)
}

// search is the home page: the answer to ?q= when given, else how to ask.
func (s *Site) search(w http.ResponseWriter, r *http.Request) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := page{Query: q}
	if q == "" {
		c.examplesOnce.Do(func() { c.examples = s.notes.Overview(context.WithoutCancel(r.Context()), 4).Examples })
		for _, ex := range c.examples {
			p.Examples = append(p.Examples, link{Name: ex.Question, URL: "/?q=" + url.QueryEscape(ex.Question)})
		}
		for _, ev := range c.events {
			p.Events = append(p.Events, link{Name: ev.Name, URL: "/events/" + ev.Slug, Count: len(ev.Talks)})
		}
		s.render(w, http.StatusOK, "search", p)
		return
	}
	p.Title = q
	offset := offsetParam(r)
	req := answer.Parse(q)
	req.Offset = offset
	reply := s.ask.Handle(r.Context(), req, answer.Options{Limit: s.opts.Limit})
	for _, t := range reply.Talks {
		p.Talks = append(p.Talks, c.view(t))
	}
	p.Notice = reply.Notice
	if p.Notice == "" && len(reply.Talks) == 0 {
		p.Notice = "No notes answer that."
	}
	for _, sg := range reply.Suggestions {
		p.Suggestions = append(p.Suggestions, link{Name: sg, URL: "/?q=" + url.QueryEscape(sg)})
	}
	p.Offset, p.From, p.To = reply.Offset, reply.Offset+1, reply.Offset+len(reply.Talks)
	if reply.More {
		p.Next = fmt.Sprintf("/?q=%s&offset=%d", url.QueryEscape(q), reply.Offset+len(reply.Talks))
	}
	if reply.Offset > 0 {
		p.Prev = fmt.Sprintf("/?q=%s&offset=%d", url.QueryEscape(q), max(0, reply.Offset-s.opts.Limit))
	}
	s.render(w, http.StatusOK, "search", p)
}

// view is a talk of a reply as a card: its cited lines link to their
// place on the talk's page.
func (c *catalog) view(t answer.TalkResult) talkView {
	v := c.header(t)
	for _, sn := range t.Snippets {
		lv := lineView{Text: sn.Text, Source: fmt.Sprintf("%s:%d", sn.Citation.File, sn.Citation.Line), CiteURL: v.URL + "#" + c.anchor(t.TalkID, sn.Citation.File, sn.Citation.Line)}
		if sn.Parent != "" {
			lv.Context = clip.Runes(sn.Parent, 120)
		}
		if safeURL(sn.Citation.URL) {
			lv.SourceURL = sn.Citation.URL
		}
		v.Snippets = append(v.Snippets, lv)
	}
	return v
}

// header is a talk without lines.
func (c *catalog) header(t answer.TalkResult) talkView {
	v := talkView{Title: t.Title, URL: "/talks/" + c.slugs[t.TalkID], Event: link{Name: t.Event, URL: "/events/" + c.slugOf["event:"+t.Event]}}
	for _, sp := range t.Speakers {
		if s, ok := c.slugOf["speaker:"+sp]; ok {
			v.Speakers = append(v.Speakers, link{Name: sp, URL: "/speakers/" + s})
		}
	}
	if t.Slot != nil {
		v.When = t.Slot.String()
	}
	if safeURL(t.URL) {
		v.PageURL = t.URL
	}
	return v
}

// anchor is the id of a talk's line on its page: "L<line>" for the lines
// of the file its title comes from, "<file>-L<line>" for the others.
func (c *catalog) anchor(talk int, file string, line int) string {
	if file == c.mainFile(talk) {
		return "L" + strconv.Itoa(line)
	}
	return slug(file) + "-L" + strconv.Itoa(line)
}

func (c *catalog) mainFile(talk int) string {
	if ss := c.ix.Corpus().Talks[talk].Sources; len(ss) > 0 {
		return ss[0].File
	}
	return ""
}

// talk is a talk's page: all its notes, each line anchored.
func (s *Site) talk(w http.ResponseWriter, r *http.Request) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	id, ok := c.byTalk[r.PathValue("slug")]
	if !ok {
		s.fail(w, r, http.StatusNotFound, "No talk has that address.")
		return
	}
	t, _ := c.ix.Talk(id)
	p := page{Title: t.Title, Talk: c.header(t)}
	files := map[string]bool{}
	for _, sn := range t.Snippets {
		heading := strings.Join(sn.Section, " › ")
		if len(p.Sections) == 0 || p.Sections[len(p.Sections)-1].Heading != heading {
			p.Sections = append(p.Sections, sectionView{Heading: heading})
		}
		sec := &p.Sections[len(p.Sections)-1]
		sec.Lines = append(sec.Lines, noteLine{Anchor: c.anchor(id, sn.Citation.File, sn.Citation.Line), Text: sn.Text, Line: sn.Citation.Line, Sub: sn.Parent != ""})
		if !files[sn.Citation.File] {
			files[sn.Citation.File] = true
			f := link{Name: sn.Citation.File}
			if safeURL(sn.Citation.URL) {
				f.URL = sn.Citation.URL
			}
			p.Files = append(p.Files, f)
		}
	}
	s.render(w, http.StatusOK, "talk", p)
}

// goTo finds a talk's page by the title and event /api/ask gives, and a
// line on it by file and line.
func (s *Site) goTo(w http.ResponseWriter, r *http.Request) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	q := r.URL.Query()
	id, ok := c.find(q.Get("talk"), q.Get("event"))
	if !ok {
		s.fail(w, r, http.StatusNotFound, "No talk has that title.")
		return
	}
	to := "/talks/" + c.slugs[id]
	if line, err := strconv.Atoi(q.Get("line")); err == nil && line > 0 {
		to += "#" + c.anchor(id, q.Get("file"), line)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// listPage is how many entries a list page shows.
const listPage = 100

// talkList lists the talks, filtered by event and speaker.
func (s *Site) talkList(w http.ResponseWriter, r *http.Request) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	event := r.URL.Query().Get("event")
	speaker := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("speaker")))
	if len(speaker) > 100 {
		speaker = speaker[:100]
	}
	f := &filterView{Speaker: speaker}
	for _, ev := range c.events {
		f.Events = append(f.Events, option{Name: ev.Name, Slug: ev.Slug, Selected: ev.Slug == event})
	}
	var ids []int
	if i, ok := c.byEvent[event]; ok {
		ids = c.events[i].Talks
	} else {
		for _, ev := range c.events {
			ids = append(ids, ev.Talks...)
		}
	}
	if speaker != "" {
		ids = slices.DeleteFunc(slices.Clone(ids), func(id int) bool {
			return !slices.ContainsFunc(c.talks[id].Speakers, func(sp string) bool { return strings.Contains(strings.ToLower(sp), speaker) })
		})
	}
	p := page{Title: "Talks", Heading: fmt.Sprintf("Talks (%d)", len(ids)), Filter: f}
	s.pageOf(r, &p, len(ids), func(i int) listItem { return c.talkItem(ids[i]) })
	s.render(w, http.StatusOK, "list", p)
}

func (c *catalog) talkItem(id int) listItem {
	t := c.talks[id]
	detail := t.Event
	if len(t.Speakers) > 0 {
		detail = strings.Join(t.Speakers, ", ") + " · " + t.Event
	}
	return listItem{Name: t.Title, URL: "/talks/" + c.slugs[id], Detail: detail}
}

// pageOf fills the items of one list page (?offset=) and its links.
func (s *Site) pageOf(r *http.Request, p *page, n int, item func(int) listItem) {
	from := min(offsetParam(r), n)
	to := min(from+listPage, n)
	for i := from; i < to; i++ {
		p.Items = append(p.Items, item(i))
	}
	q := r.URL.Query()
	if to < n {
		q.Set("offset", strconv.Itoa(to))
		p.Next = r.URL.Path + "?" + q.Encode()
	}
	if from > 0 {
		q.Set("offset", strconv.Itoa(max(0, from-listPage)))
		p.Prev = r.URL.Path + "?" + q.Encode()
	}
}

func (s *Site) eventList(w http.ResponseWriter, r *http.Request) {
	s.groupList(w, r, "Events", func(c *catalog) []group { return c.events }, "/events/")
}

func (s *Site) speakerList(w http.ResponseWriter, r *http.Request) {
	s.groupList(w, r, "Speakers", func(c *catalog) []group { return c.speakers }, "/speakers/")
}

func (s *Site) groupList(w http.ResponseWriter, r *http.Request, title string, of func(*catalog) []group, prefix string) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	gs := of(c)
	p := page{Title: title, Heading: fmt.Sprintf("%s (%d)", title, len(gs))}
	s.pageOf(r, &p, len(gs), func(i int) listItem {
		return listItem{Name: gs[i].Name, URL: prefix + gs[i].Slug, Detail: plural(len(gs[i].Talks), "talk")}
	})
	s.render(w, http.StatusOK, "list", p)
}

func (s *Site) event(w http.ResponseWriter, r *http.Request) {
	s.groupPage(w, r, func(c *catalog) ([]group, map[string]int) { return c.events, c.byEvent })
}

func (s *Site) speaker(w http.ResponseWriter, r *http.Request) {
	s.groupPage(w, r, func(c *catalog) ([]group, map[string]int) { return c.speakers, c.bySpeak })
}

// groupPage lists the talks of an event or a speaker.
func (s *Site) groupPage(w http.ResponseWriter, r *http.Request, of func(*catalog) ([]group, map[string]int)) {
	c := s.catalog()
	if c == nil {
		s.loading(w, r)
		return
	}
	gs, by := of(c)
	i, ok := by[r.PathValue("slug")]
	if !ok {
		s.fail(w, r, http.StatusNotFound, "Nothing has that address.")
		return
	}
	g := gs[i]
	p := page{Title: g.Name, Heading: g.Name + ": " + plural(len(g.Talks), "talk")}
	s.pageOf(r, &p, len(g.Talks), func(i int) listItem { return c.talkItem(g.Talks[i]) })
	s.render(w, http.StatusOK, "list", p)
}

// maxAPILimit bounds the lines /api/ask returns.
const maxAPILimit = 50

// api answers ?q= as `bot ask --json` does, for the search-as-you-type
// script and other programs; each client may ask PerSecond times a
// second.
func (s *Site) api(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if !s.limit.allow(r) {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprintln(w, `{"error":"too many questions; try again in a second"}`)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintln(w, `{"error":"ask with ?q="}`)
		return
	}
	limit := s.opts.Limit
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && n > 0 {
		limit = min(n, maxAPILimit)
	}
	req := answer.Parse(q)
	req.Offset = offsetParam(r)
	reply := s.ask.Handle(r.Context(), req, answer.Options{Limit: limit})
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(reply.Answer(q, limit))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// safeURL reports whether a link from the notes may be followed: http(s)
// only, never javascript: or data:.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}
