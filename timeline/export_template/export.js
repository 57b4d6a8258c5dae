/* conflict-timeline static export: timeline, map, table and event details drawn from the
 * JSON embedded in this page, with filters that update all of them together.
 * Plain JavaScript with plotly.js only. Record text reaches the DOM through textContent
 * (never innerHTML); text handed to plotly, which renders a few tags, is escaped first. */
(function () {
  "use strict";
  var DAY = 86400000;
  var PAGE_SIZE = 50;
  var STYLES = ["bar", "bar-approx", "bar-open", "bar-open-approx", "point", "point-approx"];

  function byId(id) { return document.getElementById(id); }
  function readJSON(id) { return JSON.parse(byId(id).textContent); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function dayOf(value) {
    if (!value) return null;
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / DAY);
  }
  function clip(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + "\u2026"; }

  var D = readJSON("timeline-data");
  // plotly.js draws geo subplots from PlotlyGeoAssets before it would fetch anything
  window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
  window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
  var shapes = readJSON("timeline-topojson");
  if (shapes) window.PlotlyGeoAssets.topojson[D.topojson] = shapes;  // null: exported without map shapes
  var PLOT_CONFIG = { displaylogo: false, responsive: true, topojsonURL: "https://topojson.invalid/" };  // never used: CSP blocks it if a shape were missing

  /* ---------- records ---------- */
  function expand(d) {
    var c = d.ev, out = new Array(d.n);
    function pick(list) { return function (k) { return list[k]; }; }
    for (var i = 0; i < d.n; i++) {
      var sn = c.sn[i], sm = c.sm[i], mod = d.mods[c.m[i]] || ["", ""];
      var ev = {
        id: c.id[i], s: c.s[i], e: c.s[i] !== null && c.e[i] !== null ? c.s[i] + c.e[i] : c.e[i],
        precision: d.precisions[c.p[i]] || null,
        approximate: (c.f[i] & 1) !== 0, open_start: (c.f[i] & 2) !== 0, open_end: (c.f[i] & 4) !== 0,
        date_text: c.dt[i] === 0 ? sn.slice(c.h[i][0], c.h[i][1]) : c.dt[i],
        date_value: c.dv[i] === 0 ? (c.s[i] === null ? "" : iso(c.s[i])) : c.dv[i],
        date_mod: mod[0], date_relation: mod[1],
        sentence: sn,
        summary: sm === 0 ? sn : (Array.isArray(sm) ? sn.slice(sm[0], sm[1]) : sm),
        highlight: c.h[i] || null,
        headline: c.hl[i],
        type: d.types[c.t[i]], colour: d.colours[c.t[i]],
        sub_type: d.subtypes[c.st[i]] || "",
        actors: c.a[i].map(pick(d.actors)),
        places: c.pl[i].map(pick(d.places)),
        sources: c.src[i].map(pick(d.sources)),
        confidence: c.c[i] < 0 ? null : c.c[i] / 100,
        fatalities: Object.prototype.hasOwnProperty.call(d.fatalities, String(i)) ? d.fatalities[String(i)] : null,
        reviewed: d.reviewed && Object.prototype.hasOwnProperty.call(d.reviewed, String(i)) ? d.reviewed[String(i)] : null
      };
      ev.actorNames = ev.actors.map(function (a) { return a[0]; });
      ev.placeNames = ev.places.map(function (p) { return p[0]; });
      out[i] = ev;
    }
    return out;
  }
  var EVENTS = expand(D);
  var BY_ID = {};
  EVENTS.forEach(function (ev) { BY_ID[ev.id] = ev; });

  /** Lower-cased text the free-text filter searches, built on first use (it costs time at load). */
  function hay(ev) {
    if (ev.hay === undefined) {
      ev.hay = [ev.sentence, ev.summary, ev.date_text, ev.type, ev.sub_type, ev.actorNames.join(" "),
        ev.placeNames.join(" "), ev.sources.map(function (s) { return s[1] + " " + s[3]; }).join(" ")]
        .join("\n").toLowerCase();
    }
    return ev.hay;
  }

  function sourceName(s) { return s[3] || s[1] || s[0] || "source"; }

  function formatDay(day, precision) {
    var text = iso(day);
    if (precision === "month") return text.slice(0, 7);
    if (precision === "year" || precision === "decade" || precision === "century") return text.slice(0, 4);
    return text;
  }

  /** The resolved date as a reader should see it, never finer than its precision. */
  function resolvedText(ev) {
    var p = ev.precision || "?", approx = ev.approximate ? "about " : "";
    if (ev.s === null && ev.e === null) return "unresolved (" + (ev.date_value || "?") + ")";
    if (ev.e === null) return approx + formatDay(ev.s, ev.precision) + " \u2192 open (" + p + ")";
    if (ev.s === null) return approx + "open \u2192 " + formatDay(ev.e, ev.precision) + " (" + p + ")";
    var a = formatDay(ev.s, ev.precision), b = formatDay(ev.e, ev.precision);
    return approx + (a === b ? a : a + " \u2013 " + b) + " (" + p + ")";
  }

  /* ---------- filters ---------- */
  var state = { from: null, to: null, types: {}, actor: "", terms: [], sort: "date", dir: 1, page: 0, selected: null,
    range: null, width: 0, laid: null, offsets: null, drawnEvents: [] };
  D.types.forEach(function (t) { state.types[t] = true; });

  function matches(ev) {
    if (!state.types[ev.type]) return false;
    if (state.from !== null || state.to !== null) {
      if (ev.s === null && ev.e === null) return false;
      var lo = ev.s === null ? -Infinity : ev.s, hi = ev.e === null ? Infinity : ev.e;
      if (state.from !== null && hi < state.from) return false;
      if (state.to !== null && lo > state.to) return false;
    }
    if (state.actor && ev.actorNames.indexOf(state.actor) < 0) return false;
    for (var i = 0; i < state.terms.length; i++) if (hay(ev).indexOf(state.terms[i]) < 0) return false;
    return true;
  }

  function buildFilters() {
    var counts = {};
    EVENTS.forEach(function (ev) { counts[ev.type] = (counts[ev.type] || 0) + 1; });
    var box = byId("f-types");
    D.types.forEach(function (t, k) {
      if (!counts[t]) return;
      var label = el("label"), input = el("input"), sw = el("span", null, "swatch");
      input.type = "checkbox"; input.checked = true; input.value = t; input.dataset.type = t;
      sw.style.background = D.colours[k];
      input.addEventListener("change", function () { state.types[t] = input.checked; update(); });
      label.append(input, sw, el("span", t + " (" + counts[t] + ")"));
      box.append(label);
    });
    var actorCounts = {};
    EVENTS.forEach(function (ev) { ev.actorNames.forEach(function (a) { actorCounts[a] = (actorCounts[a] || 0) + 1; }); });
    var select = byId("f-actor");
    Object.keys(actorCounts).sort(function (a, b) { return actorCounts[b] - actorCounts[a] || (a < b ? -1 : 1); })
      .forEach(function (a) { var o = el("option", a + " (" + actorCounts[a] + ")"); o.value = a; select.append(o); });
    select.addEventListener("change", function () { state.actor = select.value; update(); });
    var days = [];
    EVENTS.forEach(function (ev) { if (ev.s !== null) days.push(ev.s); if (ev.e !== null) days.push(ev.e); });
    ["f-from", "f-to"].forEach(function (id) {
      var input = byId(id);
      if (days.length) { input.min = iso(Math.min.apply(null, days)); input.max = iso(Math.max.apply(null, days)); }
      input.addEventListener("change", function () { state[id === "f-from" ? "from" : "to"] = dayOf(input.value); update(); });
    });
    var timer = null, text = byId("f-text");
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.terms = text.value.toLowerCase().split(/\s+/).filter(Boolean);
        update();
      }, 150);
    });
    byId("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    byId("f-reset").addEventListener("click", function () {
      byId("filters").reset();
      state.from = state.to = null; state.actor = ""; state.terms = [];
      D.types.forEach(function (t) { state.types[t] = true; });
      box.querySelectorAll("input").forEach(function (i) { i.checked = true; });
      update();
    });
  }

  /* ---------- timeline ---------- */
  function extent(events) {
    var lo = Infinity, hi = -Infinity;
    events.forEach(function (ev) {
      [ev.s, ev.e].forEach(function (d) { if (d !== null) { if (d < lo) lo = d; if (d > hi) hi = d; } });
    });
    return lo === Infinity ? null : [lo, hi];
  }

  var L = window.TimelineLayout.make(D.layout);
  var G = D.layout;

  /** [start, end exclusive) in days, null for an open or unresolved side (figures.event_days). */
  function daySpan(ev) {
    var s = ev.open_start ? null : ev.s, e = ev.open_end || ev.e === null ? null : ev.e + 1;
    return [s, e];
  }

  /** "point", "bar", "open_end", "open_start" or null (figures.item_kind). */
  function itemKind(ev, sp) {
    if (sp[0] === null && sp[1] === null) return null;
    if (sp[1] === null) return "open_end";
    if (sp[0] === null) return "open_start";
    if (sp[1] - sp[0] === 1 && (ev.precision === null || ev.precision === "day")) return "point";
    return "bar";
  }

  /** The stacking items (id = index in `events`) and the lanes, busiest first (figures.layout_items). */
  function timelineItems(events) {
    var items = [], count = {};
    events.forEach(function (ev, n) {
      var sp = daySpan(ev), kind = itemKind(ev, sp);
      if (!kind) return;
      var s = sp[0] !== null ? sp[0] : sp[1] - 1, e = sp[1] !== null ? sp[1] : s + 1;
      items.push({ id: n, lane: ev.type, start: s, end: e, kind: kind, label: ev.headline });
      count[ev.type] = (count[ev.type] || 0) + 1;
    });
    var order = Object.keys(count).sort(function (a, b) { return count[b] - count[a] || (a < b ? -1 : a > b ? 1 : 0); });
    return { items: items, order: order };
  }

  function hover(ev) {
    var names = [];
    ev.sources.forEach(function (s) { var n = sourceName(s); if (names.indexOf(n) < 0) names.push(n); });
    var src = names.length ? names.slice(0, 3).join(", ") + (names.length > 3 ? " (+" + (names.length - 3) + " more)" : "") : "no source";
    var words = esc(clip(ev.summary || ev.sentence, 400)).split(" "), lines = [], line = "";
    words.forEach(function (w) {
      if (line && line.length + 1 + w.length > 90) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    lines.push(line);
    return "<b>" + esc(ev.date_text) + "</b> \u2014 " + esc(resolvedText(ev)) + "<br>" + lines.join("<br>") +
      "<br>" + esc(ev.type) + " \u00b7 " + esc(src);
  }

  function ms(day) { return Math.round(day * DAY); }

  /** The app's timeline (timeline/app/figures.py timeline_figure), from the same layout rules. */
  function eventTraces(events, rng, width) {
    var prep = timelineItems(events);
    var laid = L.pack(prep.items, rng.lo, rng.hi, width, prep.order);
    var offsets = {}, total = 0;
    laid.lanes.forEach(function (lane) { offsets[lane.name] = total; total += lane.height; });
    total = Math.max(total, 1);
    var scale = (rng.hi - rng.lo) / width;
    function pxMs(px) { return ms(rng.lo + px * scale); }
    var groups = {}, labels = { x: [], y: [], text: [], id: [], hover: [] };
    laid.placed.forEach(function (p) {
      var ev = events[p.id], kind = itemKind(ev, daySpan(ev));
      var style = (kind === "point" ? "point" : kind === "bar" ? "bar" : "open") + (ev.approximate ? "-approx" : "");
      var key = ev.type + "\u0000" + style, y = -(offsets[p.lane] + p.row);
      var g = groups[key] || (groups[key] = { type: ev.type, colour: ev.colour, y: [], id: [], text: [], x0: [], x1: [], kind: [] });
      var h = hover(ev);
      g.y.push(y); g.id.push(ev.id); g.text.push(h); g.x0.push(p.x0); g.x1.push(p.x1); g.kind.push(kind);
      if (p.label) {
        labels.x.push(pxMs(p.label_x)); labels.y.push(y); labels.text.push(esc(p.label));
        labels.id.push(ev.id); labels.hover.push(h);
      }
    });
    var traces = [selectionTrace(offsets, laid, events)], legendDone = {};
    var marks = laid.placed.length, scatterType = marks > D.webgl_threshold ? "scattergl" : "scatter";
    D.types.forEach(function (type) {
      ["bar", "bar-approx", "open", "open-approx", "point", "point-approx"].forEach(function (style) {
        var g = groups[type + "\u0000" + style];
        if (!g) return;
        var show = !legendDone[type], approx = /approx$/.test(style);
        legendDone[type] = true;
        var hov = { customdata: g.id, hovertext: g.text, hovertemplate: "%{hovertext}<extra></extra>",
          legendgroup: type, name: type };
        var mids = g.x0.map(function (a, k) { return pxMs((a + g.x1[k]) / 2); });
        if (style.indexOf("point") === 0) {
          traces.push(Object.assign({ type: scatterType, mode: "markers", x: mids, y: g.y, showlegend: show, meta: style,
            marker: { color: g.colour, size: 2 * G.POINT_R, symbol: approx ? "circle-open" : "circle",
              line: { width: approx ? 2 : 1, color: approx ? g.colour : "#ffffff" } } }, hov));
          return;
        }
        var xs = [], ys = [], ax = [], ay = [], symbols = [];
        g.x0.forEach(function (a, k) {
          var b = g.x1[k], kind = g.kind[k];
          if (kind === "open_end") { xs.push(pxMs(a), pxMs(b - G.ARROW_PX), null); ax.push(pxMs(b - G.ARROW_PX / 2)); symbols.push("triangle-right"); }
          else if (kind === "open_start") { xs.push(pxMs(a + G.ARROW_PX), pxMs(b), null); ax.push(pxMs(a + G.ARROW_PX / 2)); symbols.push("triangle-left"); }
          else xs.push(pxMs(a), pxMs(b), null);
          ys.push(g.y[k], g.y[k], null);
          if (kind === "open_end" || kind === "open_start") ay.push(g.y[k]);
        });
        traces.push({ type: "scatter", mode: "lines", x: xs, y: ys, name: type, legendgroup: type, showlegend: show,
          line: { color: g.colour, width: approx ? 4 : 8, dash: approx ? "dot" : "solid" },
          opacity: approx ? 0.7 : 0.9, hoverinfo: "skip", meta: style, connectgaps: false });
        if (ax.length) {
          traces.push({ type: "scatter", mode: "markers", x: ax, y: ay, legendgroup: type, showlegend: false,
            hoverinfo: "skip", name: type + " (open-ended)", meta: "open-arrow",
            marker: { symbol: symbols, size: 9, color: g.colour } });
        }
        traces.push(Object.assign({ type: scatterType, mode: "markers", x: mids, y: g.y, showlegend: false, meta: "target",
          marker: { color: g.colour, size: 12, opacity: 0 } }, hov));
      });
    });
    if (labels.x.length) {
      traces.push({ type: "scatter", mode: "text", x: labels.x, y: labels.y, text: labels.text,
        textposition: "middle right", showlegend: false, name: "labels", meta: "labels", customdata: labels.id,
        hovertext: labels.hover, hovertemplate: "%{hovertext}<extra></extra>",
        textfont: { size: G.FONT_PX, family: G.FONT_FAMILY, color: "#1f2328" }, cliponaxis: false });
    }
    var annotations = edgeAnnotations(rng, events);
    laid.lanes.forEach(function (lane) {
      if (!lane.overflow.length) return;
      var days = lane.overflow.map(function (i) { var sp = daySpan(events[i]); return sp[0] !== null ? sp[0] : (sp[1] !== null ? sp[1] : 0); })
        .sort(function (a, b) { return a - b; });
      var mid = days[Math.floor(days.length / 2)], half = (rng.hi - rng.lo) / 4;
      annotations.push({ text: "+" + lane.overflow.length, xref: "paper", x: 1, xanchor: "left", xshift: 4,
        y: -offsets[lane.name], yref: "y", showarrow: false, captureevents: true,
        font: { size: 11, color: "#ffffff" }, bgcolor: "#57606a", borderpad: 2,
        hovertext: lane.overflow.length + " more in " + esc(lane.name) + ": click to zoom in",
        name: "window:" + iso(Math.floor(mid - half)) + "/" + iso(Math.floor(mid + half + 1)) });
    });
    return { traces: traces, laid: laid, offsets: offsets, total: total, annotations: annotations };
  }

  function edgeAnnotations(rng, events) {
    var days = [];
    events.forEach(function (ev) { var sp = daySpan(ev); if (sp[0] !== null) days.push(sp[0]); if (sp[1] !== null) days.push(sp[1]); });
    if (!days.length) return [];
    var lo = Math.min(rng.lo, Math.min.apply(null, days)), hi = Math.max(rng.hi, Math.max.apply(null, days));
    var pad = 0.02 * (hi - lo), out = [];
    [["earlier", rng.earlier, rng.earlier_years, 0, "left"], ["later", rng.later, rng.later_years, 1, "right"]].forEach(function (e) {
      var text = L.edgeText(e[1], e[2], e[0]);
      if (!text) return;
      out.push({ text: text, xref: "paper", yref: "paper", x: e[3], y: 0, xanchor: e[4], yanchor: "top", yshift: -26,
        showarrow: false, captureevents: true, font: { size: 12, color: "#0969da" }, bgcolor: "#f6f8fa",
        bordercolor: "#8c959f", borderwidth: 1, borderpad: 2, hovertext: "click to show every event",
        name: "window:" + iso(Math.floor(lo - pad)) + "/" + iso(Math.floor(hi + pad + 1)) });
    });
    return out;
  }

  /** Trace 0: a ring around the selected event's mark (when it is drawn). */
  function selectionTrace(offsets, laid, events) {
    var x = [], y = [];
    if (state.selected !== null && laid) {
      laid.placed.forEach(function (p) {
        var ev = events[p.id];
        if (ev.id === state.selected && !x.length) {
          x.push(ms(state.range.lo + ((p.x0 + p.x1) / 2) * (state.range.hi - state.range.lo) / state.width));
          y.push(-(offsets[p.lane] + p.row));
        }
      });
    }
    return { type: "scatter", mode: "markers", name: "selected", showlegend: false, hoverinfo: "skip",
      x: x, y: y, marker: { size: 22, symbol: "circle-open", color: "#000000", line: { width: 3 } } };
  }

  function choosePeriod(days) {
    if (days <= 120) return "day";
    if (days <= 3 * 365) return "week";
    if (days <= 30 * 365) return "month";
    return "year";
  }
  var PERIOD_DAYS = { day: 1, week: 7, month: 30, year: 365 };

  function bucket(day, period) {
    if (period === "day") return iso(day);
    if (period === "week") return iso(day - (((day + 3) % 7) + 7) % 7);   // Monday (day 0 was a Thursday)
    var text = iso(day);
    return period === "month" ? text.slice(0, 7) + "-01" : text.slice(0, 4) + "-01-01";
  }

  function countTraces(events, edge) {
    var period = choosePeriod(edge[1] - edge[0] + 1), counts = {};
    events.forEach(function (ev) {
      var day = ev.s !== null ? ev.s : ev.e;
      if (day === null) return;
      var c = counts[ev.type] || (counts[ev.type] = {});
      var b = bucket(day, period);
      c[b] = (c[b] || 0) + 1;
    });
    var width = PERIOD_DAYS[period] * DAY * 0.9;
    var traces = [];
    D.types.forEach(function (type, k) {
      if (!counts[type]) return;
      var keys = Object.keys(counts[type]).sort();
      traces.push({ type: "bar", name: type, x: keys, y: keys.map(function (b) { return counts[type][b]; }),
        width: keys.map(function () { return width; }), offset: 0, marker: { color: D.colours[k] },
        hovertemplate: period + " of %{x|%Y-%m-%d}: %{y} " + esc(type) + "<extra></extra>" });
    });
    return { traces: traces, period: period };
  }

  function drawTimeline(events) {
    var edge = extent(events), node = byId("timeline");
    var base = {
      margin: { l: 10, r: 10, t: 28, b: 10 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0, font: { size: 11 } },
      hoverlabel: { align: "left" }, xaxis: { type: "date", showgrid: true, gridcolor: "#ebebeb",
        rangeslider: { visible: true, thickness: 0.08 } }
    };
    if (!edge) {
      node.dataset.mode = "empty";
      return Plotly.react(node, [], Object.assign(base, { xaxis: { visible: false }, yaxis: { visible: false },
        annotations: [{ text: "No dated events match the filters.", showarrow: false, font: { size: 14 } }] }), PLOT_CONFIG);
    }
    if (events.length > D.aggregate_threshold) {
      var agg = countTraces(events, edge);
      node.dataset.mode = "counts";
      return Plotly.react(node, agg.traces, Object.assign(base, { barmode: "stack", bargap: 0,
        yaxis: { title: { text: "events per " + agg.period }, fixedrange: true, gridcolor: "#ebebeb", automargin: true } }), PLOT_CONFIG);
    }
    var width = Math.max(200, node.clientWidth - G.LANE_MARGIN_PX - G.BADGE_MARGIN_PX);
    var spans = events.map(daySpan);
    var rng = state.from !== null && state.to !== null && state.to + 1 > state.from
      ? L.outside(spans, state.from, state.to + 1) : L.defaultRange(spans);
    state.range = rng; state.width = width;
    var drawn = eventTraces(events, rng, width);
    state.laid = drawn.laid; state.offsets = drawn.offsets; state.drawnEvents = events;
    node.dataset.mode = "events";
    node.dataset.labelled = String(drawn.laid.placed.filter(function (p) { return p.label; }).length);
    var height = G.TOP_PX + G.BOTTOM_PX + drawn.total * G.ROW_PX;
    node.style.height = height + "px";
    var lanes = drawn.laid.lanes;
    return Plotly.react(node, drawn.traces, Object.assign(base, {
      height: height, hovermode: "closest",
      margin: { l: G.LANE_MARGIN_PX, r: G.BADGE_MARGIN_PX, t: G.TOP_PX, b: G.BOTTOM_PX, autoexpand: false },
      legend: { orientation: "h", y: 1, yanchor: "bottom", x: 0.5, xanchor: "center", font: { size: 11 } },
      xaxis: { type: "date", showgrid: true, gridcolor: "#ebebeb", range: [ms(rng.lo), ms(rng.hi)], autorange: false,
        rangeslider: { visible: false } },
      yaxis: { tickmode: "array", tickvals: lanes.map(function (l) { return -(drawn.offsets[l.name] + (l.height - 1) / 2); }),
        ticktext: lanes.map(function (l) { return L.fitLabel(l.name, G.LANE_MARGIN_PX - 12, 8, 11) || l.name.slice(0, 12); }),
        range: [-(drawn.total - 0.5), 0.5], automargin: false, fixedrange: true, showgrid: false, zeroline: false },
      annotations: drawn.annotations,
      shapes: lanes.slice(1).map(function (l) {
        return { type: "line", xref: "paper", x0: -0.25, x1: 1, y0: -(drawn.offsets[l.name] - 0.5), y1: -(drawn.offsets[l.name] - 0.5),
          line: { color: "#d0d7de", width: 1 } };
      })
    }), PLOT_CONFIG);
  }

  /* ---------- map ---------- */
  var mapPoints = [];
  var AREA_KINDS = ["country", "region", "district", "water"];

  function drawMap(events) {
    var points = {}, located = 0;
    events.forEach(function (ev) {
      var any = false;
      ev.places.forEach(function (p) {
        if (p[2] === null || p[3] === null) return;
        any = true;
        var key = p[0] + "\u0000" + p[2] + "\u0000" + p[3];
        var pt = points[key] || (points[key] = { name: p[0], lat: p[2], lon: p[3], ids: [], types: {},
          area: AREA_KINDS.indexOf(String(p[4] || "").toLowerCase()) >= 0, kind: String(p[4] || "") });
        if (pt.ids[pt.ids.length - 1] !== ev.id) { pt.ids.push(ev.id); pt.types[ev.type] = (pt.types[ev.type] || 0) + 1; }
      });
      if (any) located++;
    });
    mapPoints = Object.keys(points).map(function (k) { return points[k]; });
    var colours = mapPoints.map(function (p) {
      var best = null;
      Object.keys(p.types).forEach(function (t) { if (best === null || p.types[t] > p.types[best]) best = t; });
      return D.colours[D.types.indexOf(best)];
    });
    // the busiest towns and sites carry their names (none within 6 degrees of another), as in the app
    var named = {}, spots = [];
    mapPoints.map(function (p, k) { return k; }).filter(function (k) { return !mapPoints[k].area; })
      .sort(function (a, b) { return mapPoints[b].ids.length - mapPoints[a].ids.length || (mapPoints[a].name < mapPoints[b].name ? -1 : 1); })
      .forEach(function (k) {
        var p = mapPoints[k];
        if (spots.length >= 6) return;
        if (spots.every(function (s) { return Math.abs(p.lat - s[0]) + Math.abs(p.lon - s[1]) > 6; })) { named[k] = true; spots.push([p.lat, p.lon]); }
      });
    var trace = { type: "scattergeo", mode: "markers+text", name: "places",
      lat: mapPoints.map(function (p) { return p.lat; }), lon: mapPoints.map(function (p) { return p.lon; }),
      customdata: mapPoints.map(function (p, k) { return k; }),
      text: mapPoints.map(function (p, k) { return named[k] ? esc(p.name) : ""; }),
      textposition: "top center", textfont: { size: 11, color: "#1f2328" },
      hovertext: mapPoints.map(function (p) {
        return esc(p.name) + (p.area ? " (" + esc(p.kind) + ", location approximate)" : "") + ": " + p.ids.length + " event(s)"; }),
      hovertemplate: "%{hovertext}<extra></extra>",
      // a country, region or sea is a hollow ring, never a precise-looking dot
      marker: { size: mapPoints.map(function (p) { return Math.max(8, Math.min(40, 6 + 4 * Math.sqrt(p.ids.length))) + (p.area ? 6 : 0); }),
        symbol: mapPoints.map(function (p) { return p.area ? "circle-open" : "circle"; }),
        color: colours, opacity: 0.85,
        line: { width: mapPoints.map(function (p) { return p.area ? 2.5 : 1; }),
          color: mapPoints.map(function (p, k) { return p.area ? colours[k] : "#333"; }) } } };
    var layout = { margin: { l: 0, r: 0, t: 0, b: 0 }, showlegend: false, paper_bgcolor: "#fff",
      geo: { projection: { type: "natural earth" }, resolution: 110, showland: true, landcolor: "#E8E4D8",
        showocean: true, oceancolor: "#F4F8FB", showcountries: true, countrycolor: "#9A9A9A",
        showcoastlines: true, coastlinecolor: "#777777", fitbounds: mapPoints.length ? "locations" : false } };
    var unlocated = events.length - located;
    byId("map-note").textContent = mapPoints.length + " place(s); " + unlocated + " event(s) without a located place.";
    return Plotly.react(byId("map"), [trace], layout, PLOT_CONFIG);   // an empty trace still draws the world
  }

  /* ---------- table ---------- */
  var SORT_KEYS = {
    date: function (ev) { return ev.s !== null ? ev.s : ev.e; },
    type: function (ev) { return ev.type; },
    summary: function (ev) { return ev.summary.toLowerCase(); },
    actors: function (ev) { return ev.actorNames.join(", ").toLowerCase(); },
    places: function (ev) { return ev.placeNames.join(", ").toLowerCase(); },
    source: function (ev) { return ev.sources.length ? sourceName(ev.sources[0]).toLowerCase() : ""; }
  };

  /** Rows in the chosen order; events without a value (an unresolved date) stay last either way. */
  function sorted(events) {
    var key = SORT_KEYS[state.sort], dir = state.dir;
    return events.map(function (ev, i) { return [key(ev), i, ev]; })
      .sort(function (a, b) {
        if (a[0] === null || b[0] === null) return a[0] === b[0] ? a[1] - b[1] : (a[0] === null ? 1 : -1);
        return a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1] - b[1];
      })
      .map(function (x) { return x[2]; });
  }

  function drawTable(events) {
    var rows = sorted(events), pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var body = byId("table").tBodies[0], frag = document.createDocumentFragment();
    rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (ev) {
      var tr = el("tr");
      tr.dataset.id = String(ev.id);
      if (ev.id === state.selected) tr.className = "selected";
      var date = el("td", resolvedText(ev), "date");
      date.title = ev.date_text;
      tr.append(date, el("td", ev.type), el("td", clip(ev.summary, 200)), el("td", ev.actorNames.join(", ")),
        el("td", ev.placeNames.join(", ")), el("td", ev.sources.length ? sourceName(ev.sources[0]) : ""));
      tr.tabIndex = 0;
      tr.addEventListener("click", function () { select(ev.id); });
      tr.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(ev.id); } });
      frag.append(tr);
    });
    body.replaceChildren(frag);
    byId("p-info").textContent = "page " + (state.page + 1) + " of " + pages;
    byId("p-prev").disabled = state.page === 0;
    byId("p-next").disabled = state.page >= pages - 1;
  }

  function buildTable() {
    byId("table").tHead.querySelectorAll("th").forEach(function (th) {
      th.addEventListener("click", function () {
        var key = th.dataset.key;
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        byId("table").tHead.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        drawTable(current);
      });
    });
    byId("p-prev").addEventListener("click", function () { state.page--; drawTable(current); });
    byId("p-next").addEventListener("click", function () { state.page++; drawTable(current); });
  }

  /* ---------- details ---------- */
  function safeLink(url, text) {
    try {
      var u = new URL(url);
      if (u.protocol === "http:" || u.protocol === "https:") {
        var a = el("a", text);
        a.href = u.href; a.rel = "noopener noreferrer"; a.target = "_blank";
        return a;
      }
    } catch (e) { /* not a URL: shown as text */ }
    return el("span", text);
  }

  function sentenceNode(ev) {
    var p = el("p", null, "sentence"), s = ev.sentence, h = ev.highlight;
    if (h && h[0] >= 0 && h[1] <= s.length && h[0] < h[1]) {
      p.append(document.createTextNode(s.slice(0, h[0])), el("mark", s.slice(h[0], h[1])),
        document.createTextNode(s.slice(h[1])));
    } else {
      p.textContent = s;
    }
    return p;
  }

  function showDetails(ev) {
    var box = byId("details"), dl = el("dl");
    function row(label, value) { if (value === "" || value === null || value === undefined) return; dl.append(el("dt", label), el("dd", value)); }
    var head = el("h3", ev.summary);
    var when = el("dd", resolvedText(ev));
    if (ev.approximate) when.append(el("span", "approximate", "flag"));
    if (ev.open_start || ev.open_end) when.append(el("span", "open-ended", "flag"));
    dl.append(el("dt", "Date"), when);
    row("Expression", ev.date_text);
    row("TIMEX3 value", ev.date_value + (ev.date_mod ? " (mod " + ev.date_mod + ")" : ""));
    row("Relation", ev.date_relation);
    row("Type", ev.type + (ev.sub_type ? " \u2014 " + ev.sub_type : ""));
    row("Actors", ev.actors.map(function (a) { return a[0] + (a[1] ? " (" + a[1] + ")" : ""); }).join("; "));
    row("Places", ev.places.map(function (p) {
      return p[0] + (p[1] ? ", " + p[1] : "") + (p[2] !== null ? " [" + p[2] + ", " + p[3] + "]" : "");
    }).join("; "));
    row("Fatalities", ev.fatalities);
    row("Reviewed", ev.reviewed);
    row("Confidence", ev.confidence === null ? null : ev.confidence.toFixed(2));
    var list = el("ul");
    ev.sources.forEach(function (s) {
      var li = el("li");
      li.append(el("span", [s[3], s[1]].filter(Boolean).join(": ") || s[0]));
      if (s[4]) li.append(el("span", " (published " + s[4] + (s[5] ? ", " + s[5] : "") + ")", "muted"));
      if (s[2]) { li.append(document.createTextNode(" ")); li.append(safeLink(s[2], s[2])); }
      list.append(li);
    });
    box.replaceChildren(head, sentenceNode(ev), dl, el("h4", "Sources"), list);
    box.dataset.id = String(ev.id);
  }

  function showPlace(point) {
    var box = byId("details"), list = el("ul");
    point.ids.forEach(function (id) {
      var ev = BY_ID[id], li = el("li"), b = el("button", resolvedText(ev) + " \u2014 " + clip(ev.summary, 90), "link");
      b.type = "button";
      b.addEventListener("click", function () { select(id); });
      li.append(b); list.append(li);
    });
    box.replaceChildren(el("h3", point.name), el("p", point.ids.length + " event(s) here", "muted"), list);
    box.dataset.id = "";
  }

  function select(id) {
    var ev = BY_ID[id];
    if (!ev) return;
    state.selected = id;
    showDetails(ev);
    var timeline = byId("timeline");
    if (timeline.dataset.mode === "events") {
      var ring = selectionTrace(state.offsets, state.laid, state.drawnEvents);
      Plotly.restyle(timeline, { x: [ring.x], y: [ring.y] }, [0]);
    }
    byId("table").tBodies[0].querySelectorAll("tr").forEach(function (tr) {
      tr.className = tr.dataset.id === String(id) ? "selected" : "";
    });
  }

  /* ---------- wiring ---------- */
  var current = EVENTS;

  /** Re-filter and redraw; `keepTimeline` when the change came from zooming the timeline itself. */
  function update(keepTimeline) {
    current = EVENTS.filter(matches);
    state.page = 0;
    var undated = current.filter(function (ev) { return ev.s === null && ev.e === null; }).length;
    byId("counts").textContent = "Showing " + current.length + " of " + EVENTS.length + " events" +
      (undated ? " \u00b7 " + undated + " with an unresolved date (in the table only)" : "");
    drawTable(current);
    var drawn = [drawMap(current)];
    if (keepTimeline !== true) drawn.push(drawTimeline(current));
    return Promise.all(drawn).then(function () {
      document.body.dataset.rendered = String((Number(document.body.dataset.rendered) || 0) + 1);
    });
  }

  /** Day number of a date-axis value: plotly gives "2023-01-05", "2023-01-05 12:34:56.7" or ms. */
  function axisDay(value) {
    if (typeof value === "number") return Math.floor(value / DAY);
    var text = String(value);
    var ms = Date.parse(text.length > 10 ? text.replace(" ", "T") + "Z" : text + "T00:00:00Z");
    return isNaN(ms) ? null : Math.floor(ms / DAY);
  }

  /** Zooming the timeline (drag, range slider, double-click reset) sets the date filter. */
  function onZoom(change) {
    var range = change["xaxis.range"] || [change["xaxis.range[0]"], change["xaxis.range[1]"]];
    var from = null, to = null;
    if (change["xaxis.autorange"] !== true) {
      if (range[0] === undefined || range[1] === undefined) return;   // not a time-axis change
      from = axisDay(range[0]); to = axisDay(range[1]);
      if (from === null || to === null) return;
    }
    state.from = from; state.to = to;
    byId("f-from").value = from === null ? "" : iso(from);
    byId("f-to").value = to === null ? "" : iso(to);
    update();   // re-packed for the new zoom
  }

  /** The edge markers and lane badges name the window they open ("window:2022-01-01/2023-01-01"). */
  function onAnnotation(e) {
    var name = e && e.annotation && e.annotation.name;
    if (!name || name.indexOf("window:") !== 0) return;
    var parts = name.slice(7).split("/"), from = dayOf(parts[0]), to = dayOf(parts[1]);
    if (from === null || to === null) return;
    state.from = from; state.to = to - 1;
    byId("f-from").value = iso(from);
    byId("f-to").value = iso(to - 1);
    update();
  }

  function start() {
    var meta = "Generated " + D.generated + " \u00b7 " + D.n + " events";
    if (D.description) meta += " \u00b7 " + D.description;
    byId("meta").textContent = meta;
    buildFilters();
    buildTable();
    update().then(function () {
      byId("timeline").on("plotly_click", function (e) {
        var pt = e.points && e.points[0];
        if (pt && typeof pt.customdata === "number") select(pt.customdata);
      });
      byId("timeline").on("plotly_relayout", onZoom);
      byId("timeline").on("plotly_clickannotation", onAnnotation);
      byId("map").on("plotly_click", function (e) {
        var pt = e.points && e.points[0];
        if (pt && mapPoints[pt.customdata]) showPlace(mapPoints[pt.customdata]);
      });
      window.timelineExport.readyMs = performance.now();   // since navigation start (benchmarks/export.py)
      document.body.dataset.ready = "true";
    });
  }
  window.timelineExport = { events: function () { return EVENTS; }, shown: function () { return current; }, select: select };
  start();
})();
