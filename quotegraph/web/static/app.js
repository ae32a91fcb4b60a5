// quotegraph UI: quote tooltips on hover/focus (with every mention of the quote's speaker
// outlined), the Try-it form over /api/extract, and the quote page's "Copy citation" button.
// Text from articles only ever reaches the page through textContent: never innerHTML.
"use strict";

(function () {
  var ROLES = ["content", "cue", "source"];
  var tip = null;

  function tipFor(id) {
    var el = document.getElementById("tip-" + id);
    return el ? el.textContent : "";
  }

  function idsOf(el) {
    var raw = el.getAttribute("data-q") || "";
    return raw.split(" ").filter(Boolean);
  }

  function setActive(ids, on) {
    document.querySelectorAll("[data-q]").forEach(function (el) {
      var mine = idsOf(el);
      for (var i = 0; i < ids.length; i++) {
        if (mine.indexOf(ids[i]) >= 0) { el.classList.toggle("qg-active", on); return; }
      }
    });
  }

  // The entity a quote's speaker is (from its entry in the quote list), and every piece of text mentioning it.
  function speakerEntities(ids) {
    var out = [];
    ids.forEach(function (id) {
      var item = document.getElementById("quote-" + id);
      var entity = item ? item.getAttribute("data-entity") : null;
      if (entity && out.indexOf(entity) < 0) out.push(entity);
    });
    return out;
  }

  function markSpeaker(ids, on) {
    var entities = speakerEntities(ids);
    document.querySelectorAll(".article-text [data-e]").forEach(function (el) {
      var mine = (el.getAttribute("data-e") || "").split(" ");
      var hit = entities.some(function (e) { return mine.indexOf(e) >= 0; });
      el.classList.toggle("qg-speaker", on && hit);
    });
  }

  function show(el) {
    var ids = idsOf(el);
    if (!ids.length) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "qg-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.replaceChildren();
    ids.forEach(function (id) {
      var line = document.createElement("div");
      line.textContent = tipFor(id);
      tip.appendChild(line);
    });
    var box = el.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = left + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    setActive(ids, true);
    markSpeaker(ids, true);
  }

  function hide(el) {
    if (tip) tip.hidden = true;
    if (el) {
      setActive(idsOf(el), false);
      markSpeaker(idsOf(el), false);
    }
  }

  function bindTips(root) {
    root.querySelectorAll(".article-text .qg[data-q]").forEach(function (el) {
      el.removeAttribute("title"); // the script's tooltip replaces the browser's
      el.addEventListener("mouseenter", function () { show(el); });
      el.addEventListener("mouseleave", function () { hide(el); });
      el.addEventListener("focus", function () { show(el); });
      el.addEventListener("blur", function () { hide(el); });
      el.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape") hide(el);
        if (ev.key === "Enter" && el.tagName !== "A") {
          var item = document.getElementById("quote-" + idsOf(el)[0]);
          if (item) { item.setAttribute("tabindex", "-1"); item.focus(); }
        }
      });
    });
  }

  // --- Try it: the same segmentation as quotegraph/web/render.py ---------------------------
  function segments(text, quotes) {
    var marks = [], first = {}, cuts = {0: true};
    cuts[text.length] = true;
    quotes.forEach(function (q) {
      ROLES.forEach(function (role) {
        var span = q[role];
        if (!span) return;
        span.spans.forEach(function (p) {
          var s = p[0], e = p[1];
          if (!(0 <= s && s < e && e <= text.length)) return;
          marks.push({s: s, e: e, role: role, id: q.id});
          cuts[s] = true; cuts[e] = true;
          if (role === "content" && (first[q.id] === undefined || s < first[q.id])) first[q.id] = s;
        });
      });
    });
    var points = Object.keys(cuts).map(Number).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < points.length; i++) {
      var start = points[i], end = points[i + 1], seg = {start: start, text: text.slice(start, end), roles: {}, ids: []};
      marks.forEach(function (m) {
        if (m.s <= start && end <= m.e) {
          (seg.roles[m.role] = seg.roles[m.role] || []).push(m.id);
          if (seg.ids.indexOf(m.id) < 0) seg.ids.push(m.id);
        }
      });
      seg.anchors = (seg.roles.content || []).filter(function (id) { return first[id] === start; });
      out.push(seg);
    }
    return out;
  }

  function tipText(q) {
    return ((q.speaker && q.speaker.name) || "unknown speaker") + " · " +
      ((q.channel && q.channel.name) || "no channel") + " · " + (q.date || "undated");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderResult(target, result) {
    var text = result.article.text, quotes = result.quotes;
    target.replaceChildren();
    var legend = el("p", "legend");
    ROLES.slice().reverse().forEach(function (r) { legend.appendChild(el("span", "qg qg-" + r, r)); legend.appendChild(document.createTextNode(" ")); });
    legend.appendChild(el("span", "hint", "Tab or hover over a quote for who said it, where and when."));
    target.appendChild(legend);
    var box = el("div", "article-text");
    box.setAttribute("data-highlighted", "");
    segments(text, quotes).forEach(function (seg) {
      if (!seg.ids.length) { box.appendChild(document.createTextNode(seg.text)); return; }
      var span = el(seg.anchors.length ? "a" : "span", "qg " + ROLES.filter(function (r) { return seg.roles[r]; }).map(function (r) { return "qg-" + r; }).join(" "), seg.text);
      span.setAttribute("data-q", seg.ids.join(" "));
      if (seg.anchors.length) {
        span.id = "at-" + seg.anchors[0];
        span.href = "#quote-" + seg.anchors[0];
        span.tabIndex = 0;
        span.setAttribute("aria-describedby", seg.anchors.map(function (id) { return "tip-" + id; }).join(" "));
      }
      box.appendChild(span);
    });
    target.appendChild(box);
    target.appendChild(el("h2", null, quotes.length + (quotes.length === 1 ? " quote" : " quotes")));
    var list = el("ol", "quotes");
    quotes.forEach(function (q) {
      var li = el("li");
      li.id = "quote-" + q.id;
      li.setAttribute("data-q", q.id);
      li.appendChild(el("blockquote", null, q.content.text));
      var meta = el("p", "meta");
      meta.appendChild(el("span", q.speaker ? "speaker" : "speaker unknown", q.speaker ? q.speaker.name : "unknown speaker"));
      if (q.cue) { meta.appendChild(el("span", "sep", " · ")); meta.appendChild(el("span", "cue-word", q.cue.text)); }
      if (q.act) { meta.appendChild(el("span", "sep", " · ")); meta.appendChild(el("span", "act act-" + q.act, q.act)); }
      meta.appendChild(el("span", "sep", " · "));
      meta.appendChild(el("span", q.channel ? "channel" : "channel unknown", q.channel ? q.channel.name : "no channel"));
      meta.appendChild(el("span", "sep", " · "));
      meta.appendChild(el("time", null, q.date || "undated"));
      meta.appendChild(el("span", "sep", " · "));
      meta.appendChild(el("span", "type type-" + q.type, q.type));
      li.appendChild(meta);
      var t = el("span", "tip-text", tipText(q));
      t.id = "tip-" + q.id;
      t.hidden = true;
      li.appendChild(t);
      list.appendChild(li);
    });
    target.appendChild(list);
    bindTips(target);
  }

  function bindTry() {
    var form = document.getElementById("try-form");
    if (!form) return;
    var status = document.getElementById("try-status");
    var result = document.getElementById("try-result");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = {text: form.elements.text.value};
      if (form.elements.date.value) body.date = form.elements.date.value;
      status.hidden = false;
      status.className = "busy";
      status.textContent = "Reading the article…";
      fetch("/api/extract", {method: "POST", headers: {"Content-Type": "application/json", "Accept": "application/json"}, body: JSON.stringify(body)})
        .then(function (resp) { return resp.json().then(function (data) { return {ok: resp.ok, data: data}; }); })
        .then(function (r) {
          if (!r.ok) throw new Error((r.data.error && r.data.error.message) || "the server could not read that");
          status.hidden = true;
          renderResult(result, r.data);
        })
        .catch(function (err) {
          status.className = "problem";
          status.textContent = String(err.message || err);
        });
    });
  }

  // A button that copies another element's text; shown only where the clipboard can be written
  // (elsewhere the text stays there to select by hand).
  function bindCopy() {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".copied");
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(
          function () { if (status) status.textContent = "Copied."; },
          function () { if (status) status.textContent = "Could not copy: select the line and copy it."; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindTips(document);
    bindTry();
    bindCopy();
  });
})();
