// Search as you type: the form works without this; with it, answers from
// /api/ask replace the results while typing. Only textContent is used, so
// note text can never become markup.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!input || !results || !window.fetch) { return; }
  var timer = null, last = input.value, seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.href = href;
    return a;
  }
  // Where a talk and a cited line are on this site: /go finds the talk's
  // page by its title and event.
  function goURL(r, withLine) {
    var u = "/go?talk=" + encodeURIComponent(r.talk) + "&event=" + encodeURIComponent(r.event);
    if (withLine) { u += "&file=" + encodeURIComponent(r.source) + "&line=" + r.line; }
    return u;
  }
  function render(q, data) {
    var box = document.createDocumentFragment();
    if (!data.results.length) {
      box.appendChild(el("p", "notice", "No notes answer that."));
    } else {
      box.appendChild(el("p", "count", "Best matching lines for “" + q + "”"));
      var card = null, talk = null;
      data.results.forEach(function (r) {
        if (r.talk !== talk) {
          talk = r.talk;
          card = el("article", "talk");
          var h = el("h2");
          h.appendChild(link(goURL(r, false), r.talk));
          card.appendChild(h);
          card.appendChild(el("p", "meta", (r.speakers.length ? r.speakers.join(", ") + " · " : "") + r.event));
          card.appendChild(el("ul", "lines"));
          box.appendChild(card);
        }
        var li = el("li", "", r.snippet + " ");
        li.appendChild(link(goURL(r, true), r.source + ":" + r.line, "cite"));
        card.lastChild.appendChild(li);
      });
    }
    if (data.suggestions.length) {
      var p = el("p", "suggest", "Did you mean: ");
      data.suggestions.forEach(function (s, i) {
        if (i) { p.appendChild(document.createTextNode(" · ")); }
        p.appendChild(link("/?q=" + encodeURIComponent(s), s));
      });
      box.appendChild(p);
    }
    var more = el("nav", "paging");
    more.appendChild(link("/?q=" + encodeURIComponent(q), "All talks for this question →"));
    box.appendChild(more);
    results.replaceChildren(box);
  }
  function ask() {
    var q = input.value.trim();
    if (q === last) { return; }
    last = q;
    if (!q) { return; }
    var mine = ++seq;
    fetch("/api/ask?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || mine !== seq) { return; }
        render(q, data);
        history.replaceState(null, "", "/?q=" + encodeURIComponent(q));
      })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  });
})();
