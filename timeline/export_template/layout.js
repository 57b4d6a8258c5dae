/* conflict-timeline: the timeline's layout rules in the browser, a line-by-line port of the
 * Python package timeline/view (range.py, labels.py, stacking.py); the export re-runs them
 * whenever its client-side filters or zoom change. Constants come from the page's data
 * (`C`, written by timeline/export/compact.py from the Python modules), so both sides agree;
 * tests/export/test_layout_js.py runs this file in node and compares rows and labels. */
(function (root) {
  "use strict";

  function make(C) {
    var WIDTHS = C.char_widths;

    function textWidth(text, fontPx) {
      if (!text) return 0;
      var em = 0;
      for (var i = 0; i < text.length; i++) {
        var w = WIDTHS[text.charAt(i)];
        em += w === undefined ? C.DEFAULT_EM : w;
      }
      return em * (fontPx === undefined ? C.FONT_PX : fontPx) * C.MARGIN + C.SLACK_PX;
    }

    function stripEnd(s) { return s.replace(/[,;:\-]+$/, ""); }

    function fitLabel(text, maxPx, minChars, fontPx) {
      if (minChars === undefined) minChars = 8;
      if (textWidth(text, fontPx) <= maxPx) return text;
      var words = text.split(" ");
      while (words.length > 1) {
        words.pop();
        var candidate = stripEnd(words.join(" ")) + "\u2026";
        if (candidate.length - 1 < minChars) break;
        if (textWidth(candidate, fontPx) <= maxPx) return candidate;
      }
      return "";
    }

    /* ---------- range ---------- */
    function percentile(sorted, q) {
      var n = sorted.length, pos = q * (n - 1), i = Math.floor(pos), j = Math.min(i + 1, n - 1);
      return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }

    function year(day) { return new Date(Math.floor(day) * 86400000).getUTCFullYear(); }

    function outside(spans, lo, hi) {
      var earlier = [], later = [];
      spans.forEach(function (sp) {
        var s = sp[0], e = sp[1];
        if (s === null && e === null) return;
        var end = e !== null ? e : Infinity, start = s !== null ? s : -Infinity;
        if (end <= lo) earlier.push(s !== null ? start : end - 1);
        else if (start >= hi) later.push(start);
      });
      function years(xs) {
        return xs.length ? [year(Math.min.apply(null, xs)), year(Math.max.apply(null, xs))] : null;
      }
      return { lo: lo, hi: hi, earlier: earlier.length, later: later.length,
        earlier_years: years(earlier), later_years: years(later) };
    }

    function defaultRange(spans) {
      var anchors = [], ends = [];
      spans.forEach(function (sp) {
        var a = sp[0] !== null ? sp[0] : sp[1];
        if (a !== null) { anchors.push(a); ends.push(sp[1] !== null ? sp[1] : sp[0] + 1); }
      });
      if (!anchors.length) return null;
      anchors.sort(function (a, b) { return a - b; });
      var first = anchors[0], last = Math.max(Math.max.apply(null, ends), anchors[anchors.length - 1] + 1);
      var coreLo = percentile(anchors, C.CORE[0]), coreHi = percentile(anchors, C.CORE[1]) + 1;
      var width = Math.max(coreHi - coreLo, C.MIN_SPAN);
      if (coreHi - coreLo < C.MIN_SPAN) {
        var mid = (coreLo + coreHi) / 2;
        coreLo = mid - C.MIN_SPAN / 2; coreHi = mid + C.MIN_SPAN / 2;
      }
      var loLimit = coreLo - C.TAIL * width, hiLimit = coreHi + C.TAIL * width;
      var lo = coreLo, hi = coreHi;
      anchors.forEach(function (a) { if (a >= loLimit && a < lo) lo = a; });
      spans.forEach(function (sp) {
        if (sp[0] !== null && sp[0] <= hiLimit) {
          var e = Math.min(sp[1] !== null ? sp[1] : sp[0] + 1, hiLimit);
          if (e > hi) hi = e;
        }
      });
      lo = Math.max(lo, first);
      if (last > coreHi) hi = Math.min(hi, last);
      if (hi - lo < C.MIN_SPAN) {
        var middle = (lo + hi) / 2;
        lo = middle - C.MIN_SPAN / 2; hi = middle + C.MIN_SPAN / 2;
      }
      var pad = C.PAD * (hi - lo);
      return outside(spans, lo - pad, hi + pad);
    }

    function edgeText(count, years, side) {
      if (!count || !years) return "";
      var when = years[0] === years[1] ? String(years[0]) : years[0] + "\u2013" + years[1];
      var noun = count === 1 ? "event" : "events";
      return side === "earlier" ? "\u25c0 " + count + " earlier " + noun + " (" + when + ")"
        : count + " later " + noun + " (" + when + ") \u25b6";
    }

    /* ---------- stacking ---------- */
    function markExtent(item, lo, hi, width) {
      var scale = width / (hi - lo), a = (item.start - lo) * scale, b = (item.end - lo) * scale, x0, x1;
      if (item.kind === "point") { x0 = a - C.POINT_R; x1 = a + C.POINT_R; }
      else if (item.kind === "bar") { x0 = a; x1 = Math.max(b, a + C.MIN_BAR_PX); }
      else if (item.kind === "open_end") {
        if (a > width) return null;
        a = Math.max(a, 0); x0 = a; x1 = a + C.OPEN_PX + C.ARROW_PX;
      } else {
        if (b < 0) return null;
        b = Math.min(b, width); x0 = b - C.OPEN_PX - C.ARROW_PX; x1 = b;
      }
      if (x1 < 0 || x0 > width) return null;
      return [Math.max(x0, -C.POINT_R), Math.min(x1, width + C.POINT_R)];
    }

    function labelBox(label, x0, x1, width, maxPx) {
      if (label && maxPx !== null && maxPx !== undefined) label = fitLabel(label, maxPx, C.MIN_LABEL_CHARS);
      if (!label) return ["", 0, 0];
      var w = textWidth(label);
      if (x1 + C.LABEL_GAP + w <= width) return [label, x1 + C.LABEL_GAP, w];
      if (x0 - C.LABEL_GAP - w >= 0) return [label, x0 - C.LABEL_GAP - w, w];
      var room = Math.max(width - x1 - C.LABEL_GAP, x0 - C.LABEL_GAP);
      var short = fitLabel(label, room, C.MIN_LABEL_CHARS);
      if (!short) return ["", 0, 0];
      var sw = textWidth(short);
      var left = width - x1 - C.LABEL_GAP >= x0 - C.LABEL_GAP ? x1 + C.LABEL_GAP : x0 - C.LABEL_GAP - sw;
      return [short, left, sw];
    }

    function firstRow(ends, x0, limit) {
      for (var r = 0; r < ends.length; r++) if (ends[r] + C.ITEM_GAP <= x0) return r;
      return ends.length < limit ? ends.length : null;
    }

    function isOpen(kind) { return kind === "open_end" || kind === "open_start"; }

    function packLane(name, boxes, width, cap) {
      var placed = [], overflow = [], closedEnds = [], openEnds = [];
      var entries = boxes.slice().sort(function (p, q) {
        var po = isOpen(p[2].kind) ? 1 : 0, qo = isOpen(q[2].kind) ? 1 : 0;
        return po - qo || p[0] - q[0] || p[2].id - q[2].id;
      });
      entries.forEach(function (entry) {
        var x0 = entry[0], x1 = entry[1], item = entry[2], open = isOpen(item.kind);
        var ends = open ? openEnds : closedEnds, limit = open ? C.MAX_OPEN_ROWS : C.MAX_ROWS;
        if (firstRow(ends, x0, limit) === null) { overflow.push(item.id); return; }   // not even the mark fits
        var row = null, box = ["", 0, 0], left = x0, right = x1;
        var caps = [cap, Math.min(cap === null ? C.SHORT_LABEL_PX : cap, C.SHORT_LABEL_PX), 0];
        for (var k = 0; k < caps.length; k++) {
          box = caps[k] !== 0 ? labelBox(item.label, x0, x1, width, caps[k]) : ["", 0, 0];
          if (caps[k] !== 0 && !box[0]) continue;
          left = box[0] ? Math.min(x0, box[1]) : x0;
          right = box[0] ? Math.max(x1, box[1] + box[2]) : x1;
          row = firstRow(ends, left, limit);
          if (row !== null) break;
        }
        if (row === null) { overflow.push(item.id); return; }
        if (row === ends.length) ends.push(right); else ends[row] = right;
        placed.push({ id: item.id, lane: name, row: row, open: open, x0: x0, x1: x1,
          label: box[0], label_x: box[1], label_w: box[2] });
      });
      return [placed, closedEnds.length, openEnds.length, overflow];
    }

    function pack(items, lo, hi, width, laneOrder) {
      if (!(hi > lo) || width <= 0) throw new Error("empty range or width");
      var names = (laneOrder || []).slice(), boxes = {}, hidden = [], lanes = {}, placed = [];
      items.forEach(function (item) { if (names.indexOf(item.lane) < 0) names.push(item.lane); });
      names.forEach(function (n) { boxes[n] = []; });
      items.forEach(function (item) {
        var ext = markExtent(item, lo, hi, width);
        if (ext === null) hidden.push(item.id); else boxes[item.lane].push([ext[0], ext[1], item]);
      });
      names.forEach(function (name) {
        var best = null;
        for (var k = 0; k < C.LABEL_CAPS.length; k++) {
          var got = packLane(name, boxes[name], width, C.LABEL_CAPS[k]);
          var labelled = got[0].filter(function (p) { return p.label; }).length;
          var score = [labelled - 2 * got[3].length, -got[3].length];
          if (best === null || score[0] > best[0] || (score[0] === best[0] && score[1] > best[1])) {
            best = [score[0], score[1], got];
          }
          if (labelled === boxes[name].length) break;
        }
        var g = best[2];
        lanes[name] = { name: name, rows: g[1], open_rows: g[2], overflow: g[3],
          height: Math.max(1, g[1] + g[2]) };
        placed = placed.concat(g[0]);
      });
      placed.forEach(function (p) { if (p.open) p.row += lanes[p.lane].rows; });
      return { lanes: names.map(function (n) { return lanes[n]; }), placed: placed, hidden: hidden };
    }

    return { textWidth: textWidth, fitLabel: fitLabel, percentile: percentile, outside: outside,
      defaultRange: defaultRange, edgeText: edgeText, markExtent: markExtent, pack: pack };
  }

  root.TimelineLayout = { make: make };
  if (typeof module !== "undefined" && module.exports) module.exports = { make: make };
})(typeof window !== "undefined" ? window : globalThis);
