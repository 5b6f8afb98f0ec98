// tocsin dashboard: a map, a timeline, an event list, the event's evidence, quotes and a dyad chart,
// all drawn from the REST API of the same server. No libraries, no network beyond this server.
// Article text and every field coded from it are untrusted: they only ever reach the page through
// textContent or setAttribute, never as markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const TYPES = ["ASSAULT", "COERCE", "PROTEST", "THREATEN", "SANCTION", "MOBILIZE", "ACCUSE", "REJECT",
  "REQUEST", "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"];
const COLORS = {
  ASSAULT: "#b2182b", COERCE: "#d6604d", PROTEST: "#f4a582", THREATEN: "#e08214", SANCTION: "#b35806",
  MOBILIZE: "#8c510a", ACCUSE: "#dfc27d", REJECT: "#c51b7d", REQUEST: "#8073ac", CONSULT: "#4393c3",
  AGREE: "#2166ac", SUPPORT: "#5aae61", CONCEDE: "#7fbc41", COOPERATE: "#1b7837", AID: "#35978f", RETREAT: "#80cdc1",
};
const MODALITIES = ["asserted", "negated", "hypothetical", "planned", "claimed"];
const ROLES = ["trigger", "actor", "recipient", "date", "place", "dead", "injured", "arrested", "mention",
  "quote", "speaker", "cue"];
const ROLE_LABEL = { trigger: "trigger", actor: "actor", recipient: "recipient", date: "date", place: "place",
  dead: "dead", injured: "injured", arrested: "arrested", mention: "same event", quote: "quote",
  speaker: "speaker", cue: "cue" };
const ROLE_VAR = { dead: "--count", injured: "--count", arrested: "--count" };

const state = { events: [], selected: null, view: null, world: null };

// ---- small helpers -------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function tip(node, text) { node.appendChild(svg("title", {}, text)); return node; }
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function color(type) { return COLORS[type] || "#777"; }
function names(parts) { return (parts || []).map((p) => p.name).filter(Boolean).join("; "); }

function status(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg;
  s.classList.toggle("error", !!isError);
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = await res.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (e) { /* not JSON */ }
    throw new Error(`${res.status}: ${detail}`);
  }
  return res.json();
}

function filters() {
  const form = document.getElementById("filters");
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) out[k] = String(v).trim();
  return out;
}

// ---- map -----------------------------------------------------------------------------------
const mapView = { x: -180, y: -90, w: 360, h: 180 };

function setView(x, y, w, h) {
  w = Math.min(Math.max(w, 0.5), 720);
  h = Math.min(Math.max(h, 0.25), 360);
  Object.assign(mapView, { x, y, w, h });
  const map = document.getElementById("map");
  map.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
  sizeMarkers();
}

function pixelScale() {
  const map = document.getElementById("map");
  const r = map.getBoundingClientRect();
  return Math.max(mapView.w / Math.max(r.width, 1), mapView.h / Math.max(r.height, 1));
}

function sizeMarkers() {
  const unit = pixelScale();
  for (const c of document.querySelectorAll("#map .event")) {
    const dead = Number(c.dataset.dead || 0);
    c.setAttribute("r", (5 + Math.min(9, 2.2 * Math.log1p(dead))) * unit);
  }
}

function drawGraticule(layer) {
  for (let lon = -180; lon <= 180; lon += 30) layer.appendChild(svg("line", { class: "graticule", x1: lon, y1: -90, x2: lon, y2: 90 }));
  for (let lat = -60; lat <= 60; lat += 30) layer.appendChild(svg("line", { class: "graticule", x1: -180, y1: -lat, x2: 180, y2: -lat }));
}

async function loadBasemap() {
  const map = document.getElementById("map");
  const base = svg("g", { id: "basemap" });
  drawGraticule(base);
  map.appendChild(base);
  map.appendChild(svg("g", { id: "markers" }));
  try {
    const res = await fetch("/static/world.json");
    const world = await res.json();
    for (const c of world.countries) {
      base.appendChild(tip(svg("path", { class: "country", d: c.d, "data-name": c.name }), c.name || ""));
    }
  } catch (e) {
    status("basemap failed to load: " + e.message, true);
  }
  setView(-180, -90, 360, 180);
  enablePanZoom(map);
}

function enablePanZoom(map) {
  let drag = null;
  map.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = map.getBoundingClientRect();
    const unit = pixelScale();
    // the point under the cursor stays put
    const cx = mapView.x + mapView.w / 2 + (ev.clientX - r.left - r.width / 2) * unit;
    const cy = mapView.y + mapView.h / 2 + (ev.clientY - r.top - r.height / 2) * unit;
    const k = ev.deltaY > 0 ? 1.25 : 0.8;
    setView(cx - (cx - mapView.x) * k, cy - (cy - mapView.y) * k, mapView.w * k, mapView.h * k);
  }, { passive: false });
  map.addEventListener("pointerdown", (ev) => {
    if (ev.target.classList && ev.target.classList.contains("event")) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: mapView.x, vy: mapView.y, moved: false };
    map.setPointerCapture(ev.pointerId);
    map.classList.add("dragging");
  });
  map.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const unit = pixelScale();
    setView(drag.vx - (ev.clientX - drag.x) * unit, drag.vy - (ev.clientY - drag.y) * unit, mapView.w, mapView.h);
  });
  const end = () => { drag = null; map.classList.remove("dragging"); };
  map.addEventListener("pointerup", end);
  map.addEventListener("pointercancel", end);
  document.getElementById("map-world").addEventListener("click", () => setView(-180, -90, 360, 180));
  document.getElementById("map-fit").addEventListener("click", fitEvents);
}

function located(events) { return events.filter((e) => typeof e.lat === "number" && typeof e.lon === "number"); }

function fitEvents() {
  const pts = located(state.events);
  if (!pts.length) { setView(-180, -90, 360, 180); return; }
  let x0 = Math.min(...pts.map((e) => e.lon)), x1 = Math.max(...pts.map((e) => e.lon));
  let y0 = Math.min(...pts.map((e) => -e.lat)), y1 = Math.max(...pts.map((e) => -e.lat));
  const r = document.getElementById("map").getBoundingClientRect();
  const aspect = r.width / Math.max(r.height, 1) || 2;
  let w = Math.max(x1 - x0, 8) * 1.5, h = Math.max(y1 - y0, 4) * 1.5;
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  setView((x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h);
}

function drawMarkers() {
  const layer = clear(document.getElementById("markers"));
  // events at the same place are spread on a small ring so each stays clickable
  const groups = new Map();
  for (const e of located(state.events)) {
    const key = `${e.lat.toFixed(3)},${e.lon.toFixed(3)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  for (const group of groups.values()) {
    group.forEach((e, i) => {
      const n = group.length;
      const spread = n > 1 ? 0.18 * Math.sqrt(n) : 0;
      const a = (2 * Math.PI * i) / n;
      const c = svg("circle", {
        class: "event", cx: e.lon + spread * Math.cos(a), cy: -e.lat + spread * Math.sin(a),
        fill: color(e.type), "data-event-id": e.id, "data-type": e.type, "data-dead": e.dead || 0,
      });
      tip(c, `${e.date || "no date"} · ${e.type} · ${names(e.actors)} → ${names(e.recipients)} · ${e.location || ""}`);
      c.addEventListener("click", (ev) => { ev.stopPropagation(); showEvent(e.id); });
      layer.appendChild(c);
    });
  }
  sizeMarkers();
  markSelected();
}

function drawLegend() {
  const legend = clear(document.getElementById("legend"));
  const present = [...new Set(state.events.map((e) => e.type))];
  for (const t of TYPES.filter((t) => present.includes(t))) {
    const sw = el("span", { class: "sw" });
    sw.style.background = color(t);
    legend.appendChild(el("span", {}, sw, t.toLowerCase()));
  }
  const unplaced = state.events.length - located(state.events).length;
  if (unplaced) legend.appendChild(el("span", {}, `${unplaced} event(s) without coordinates`));
}

// ---- timeline ------------------------------------------------------------------------------
function dayList(first, last) {
  const out = [];
  const d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
  for (let i = 0; d <= end && i < 4000; i++) { out.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 1); }
  return out;
}

function drawTimeline(data) {
  const chart = clear(document.getElementById("timeline"));
  const r = chart.getBoundingClientRect();
  const W = Math.max(r.width, 300), H = Math.max(r.height, 120);
  chart.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const days = data.days || [];
  if (!days.length) { chart.appendChild(svg("text", { x: 10, y: 24, class: "tick" }, "no dated events")); return; }
  const all = dayList(days[0].date, days[days.length - 1].date);
  const byDay = new Map(days.map((d) => [d.date, d]));
  const max = Math.max(...days.map((d) => d.total));
  const m = { l: 30, r: 8, t: 8, b: 34 };
  const bw = (W - m.l - m.r) / all.length;
  const barW = Math.max(1, Math.min(bw * 0.8, 36));
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const step = Math.max(1, Math.ceil(max / 4));
  for (let v = 0; v <= max; v += step) {
    chart.appendChild(svg("line", { class: "gridline", x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    chart.appendChild(svg("text", { class: "tick", x: m.l - 4, y: y(v) + 3, "text-anchor": "end" }, v));
  }
  chart.appendChild(svg("line", { class: "axis", x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }));
  const labelEvery = Math.max(1, Math.ceil(all.length / Math.max(1, Math.floor((W - m.l) / 70))));
  all.forEach((day, i) => {
    const x = m.l + i * bw;
    const d = byDay.get(day);
    if (d) {
      let acc = 0;
      for (const t of TYPES.filter((t) => d.counts[t])) {
        const n = d.counts[t];
        const rect = svg("rect", {
          class: "bar", x: x + (bw - barW) / 2, width: barW, y: y(acc + n), height: y(acc) - y(acc + n),
          fill: color(t), "data-date": day, "data-type": t, "data-count": n,
        });
        tip(rect, `${day}: ${n} ${t.toLowerCase()}`);
        rect.addEventListener("click", () => filterDay(day));
        chart.appendChild(rect);
        acc += n;
      }
    }
    if (i % labelEvery === 0) {
      chart.appendChild(svg("text", { class: "tick", x: x + bw / 2, y: H - m.b + 14, "text-anchor": "middle" }, day));
    }
  });
}

function filterDay(day) {
  document.getElementById("f-since").value = day;
  document.getElementById("f-until").value = day;
  refresh();
}

// ---- event list and event view -------------------------------------------------------------
function drawList() {
  const body = clear(document.querySelector("#event-list tbody"));
  for (const e of state.events) {
    const tr = el("tr", { "data-event-id": e.id },
      el("td", {}, e.date || ""),
      el("td", {}, e.type),
      el("td", {}, `${names(e.actors) || "?"} → ${names(e.recipients) || "?"}`),
      el("td", {}, e.location || ""),
      el("td", {}, e.dead === null || e.dead === undefined ? "" : e.dead),
      el("td", {}, e.modality));
    tr.addEventListener("click", () => showEvent(e.id));
    body.appendChild(tr);
  }
  markSelected();
}

function markSelected() {
  for (const n of document.querySelectorAll("[data-event-id]")) {
    n.classList.toggle("selected", String(n.dataset.eventId) === String(state.selected));
  }
}

function highlighted(text, spans, extraClass) {
  // Cut the text at every span edge; each piece is marked with every role covering it.
  const box = el("div", { class: "article" + (extraClass ? " " + extraClass : "") });
  const good = spans.filter((s) => ROLES.includes(s.role) && s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const s of good) { cuts.add(s.start); cuts.add(s.end); }
  const pts = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < pts.length - 1; i++) {
    const a = pts[i], b = pts[i + 1];
    const piece = text.slice(a, b);
    const over = good.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { box.appendChild(document.createTextNode(piece)); continue; }
    over.sort((p, q) => ROLES.indexOf(q.role) - ROLES.indexOf(p.role));
    const mark = el("mark", { class: over.map((s) => "ev-" + s.role).join(" "),
      title: over.map((s) => `${ROLE_LABEL[s.role]}: ${s.label || s.text}`).join("\n"),
      "data-role": over[over.length - 1].role }, piece);
    box.appendChild(mark);
  }
  return box;
}

function keys(roles) {
  const box = el("div", { class: "keys" });
  for (const role of roles) {
    const k = el("span", {}, ROLE_LABEL[role]);
    k.style.setProperty("--k", `var(${ROLE_VAR[role] || "--" + role})`);
    box.appendChild(k);
  }
  return box;
}

function fact(dl, label, value) {
  if (value === null || value === undefined || value === "") return;
  dl.appendChild(el("dt", {}, label));
  dl.appendChild(el("dd", {}, value));
}

function scrollInside(box, target) {
  // bring target to the middle of the scrolling box without moving the page
  if (!target) return;
  const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, top - box.clientHeight / 2);
}

async function showEvent(id) {
  state.selected = id;
  markSelected();
  const view = clear(document.getElementById("event-view"));
  view.appendChild(el("p", { class: "empty" }, "loading…"));
  let e;
  try { e = await api(`/events/${encodeURIComponent(id)}`); } catch (err) {
    clear(view).appendChild(el("p", { class: "empty" }, "could not load the event: " + err.message));
    return;
  }
  clear(view);
  view.setAttribute("data-event-id", e.id);
  const badge = el("span", { class: "badge" }, e.type);
  badge.style.background = color(e.type);
  view.appendChild(el("div", { class: "ev-head" }, badge,
    e.mode ? el("span", { class: "badge soft" }, e.mode) : null,
    el("span", { class: "badge soft" }, e.modality),
    e.acled ? el("span", { class: "badge soft" }, `${e.acled.event_type}${e.acled.sub_event_type ? " · " + e.acled.sub_event_type : ""}`) : null));
  const dl = el("dl", { class: "facts" });
  fact(dl, "who", `${names(e.actors) || "?"} → ${names(e.recipients) || "?"}`);
  fact(dl, "when", e.date ? `${e.date} (${e.date_precision})` : null);
  fact(dl, "where", e.location ? `${e.location}${e.admin1 ? ", " + e.admin1 : ""}${e.country ? " (" + e.country + ")" : ""}` : null);
  const counts = ["dead", "injured", "arrested"].filter((k) => e[k] !== null && e[k] !== undefined).map((k) => `${e[k]} ${k}`);
  fact(dl, "counts", counts.join(", "));
  fact(dl, "intensity", e.intensity);
  fact(dl, "confidence", e.confidence);
  fact(dl, "attribution", e.event && e.event.attribution ? e.event.attribution.text : null);
  view.appendChild(dl);
  const src = el("div", { class: "source" });
  src.appendChild(document.createTextNode(`${e.article.source || "unknown source"} · ${e.article.published || "no date"} · `));
  src.appendChild(el("strong", {}, e.article.title || e.article.id));
  view.appendChild(src);
  const present = ROLES.filter((r) => e.evidence.some((s) => s.role === r));
  view.appendChild(keys(present));
  const art = highlighted(e.article.text, e.evidence);
  art.id = "event-article";
  view.appendChild(art);
  scrollInside(art, art.querySelector("mark.ev-trigger"));
}

async function showArticleQuote(q) {
  state.selected = null;
  markSelected();
  const view = clear(document.getElementById("event-view"));
  let a;
  try { a = await api(`/articles/${encodeURIComponent(q.article_id)}`); } catch (err) {
    view.appendChild(el("p", { class: "empty" }, "could not load the article: " + err.message));
    return;
  }
  clear(view);
  view.appendChild(el("div", { class: "ev-head" }, el("span", { class: "badge soft" }, `${q.kind} quote`)));
  const dl = el("dl", { class: "facts" });
  fact(dl, "speaker", q.speaker ? `${q.speaker.name || q.speaker.text || "?"}${q.speaker.role ? " (" + q.speaker.role + ")" : ""}` : "unresolved");
  fact(dl, "cue", q.cue ? q.cue.text : null);
  fact(dl, "channel", q.channel);
  view.appendChild(dl);
  view.appendChild(el("div", { class: "source" }, `${a.source || "unknown source"} · ${a.published || "no date"} · ${a.title || a.id}`));
  const spans = [{ role: "quote", start: q.start, end: q.end, label: "quote" }];
  if (q.speaker && Number.isInteger(q.speaker.start)) spans.push({ role: "speaker", start: q.speaker.start, end: q.speaker.end, label: q.speaker.name });
  if (q.cue) spans.push({ role: "cue", start: q.cue.start, end: q.cue.end, label: q.cue.text });
  view.appendChild(keys(["quote", "speaker", "cue"]));
  const art = highlighted(a.text, spans);
  view.appendChild(art);
  scrollInside(art, art.querySelector("mark.ev-quote"));
}

// ---- quotes --------------------------------------------------------------------------------
async function loadQuotes() {
  const list = clear(document.getElementById("quote-list"));
  const params = { text: document.getElementById("q-text").value, speaker: document.getElementById("q-speaker").value, limit: 200 };
  let data;
  try { data = await api("/quotes", params); } catch (err) {
    list.appendChild(el("li", { class: "empty" }, err.message));
    return;
  }
  document.getElementById("quote-count").textContent = `${data.total} quote(s)`;
  for (const q of data.items) {
    const who = q.speaker ? (q.speaker.name || q.speaker.text || "?") : "unresolved speaker";
    const li = el("li", { "data-quote-id": q.id },
      el("blockquote", {}, q.text),
      el("div", { class: "who" }, `— ${who}${q.speaker && q.speaker.role ? ", " + q.speaker.role : ""} · ${q.kind} · ${q.source || ""} ${q.published || ""}`));
    li.addEventListener("click", () => showArticleQuote(q));
    list.appendChild(li);
  }
  if (!data.items.length) list.appendChild(el("li", { class: "empty" }, "no quotes"));
}

// ---- dyads ---------------------------------------------------------------------------------
async function loadActors() {
  try {
    const data = await api("/actors", { limit: 300 });
    const dl = clear(document.getElementById("actor-names"));
    for (const a of data.items) dl.appendChild(el("option", { value: a.code || a.name }, `${a.name} (${a.events})`));
    return data.items;
  } catch (err) { return []; }
}

function drawDyad(data) {
  const chart = clear(document.getElementById("dyad-chart"));
  const summary = clear(document.getElementById("dyad-summary"));
  const r = chart.getBoundingClientRect();
  const W = Math.max(r.width, 300), H = Math.max(r.height, 150);
  chart.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const days = data.days || [];
  if (!days.length) {
    chart.appendChild(svg("text", { x: 10, y: 24, class: "tick" }, `no dated events between ${data.a} and ${data.b}`));
    return;
  }
  const all = dayList(days[0].date, days[days.length - 1].date);
  const byDay = new Map(days.map((d) => [d.date, d]));
  const maxN = Math.max(1, ...days.map((d) => Math.max(d.a_to_b, d.b_to_a)));
  const maxC = Math.max(1, ...days.map((d) => d.conflict));
  const m = { l: 34, r: 74, t: 10, b: 30 };
  const mid = m.t + (H - m.t - m.b) / 2;
  const half = (H - m.t - m.b) / 2;
  const bw = (W - m.l - m.r) / all.length;
  const barW = Math.max(1, Math.min(bw * 0.7, 36));
  chart.appendChild(svg("line", { class: "axis", x1: m.l, x2: W - m.r, y1: mid, y2: mid }));
  chart.appendChild(svg("text", { class: "tick", x: m.l - 4, y: m.t + 8, "text-anchor": "end" }, maxN));
  chart.appendChild(svg("text", { class: "tick", x: m.l - 4, y: H - m.b, "text-anchor": "end" }, maxN));
  chart.appendChild(svg("text", { class: "tick", x: m.l - 4, y: mid - 4, "text-anchor": "end" }, "▲"));
  chart.appendChild(svg("text", { class: "tick", x: m.l - 4, y: mid + 12, "text-anchor": "end" }, "▼"));
  chart.appendChild(svg("text", { class: "tick", x: W - m.r + 6, y: m.t + 8 }, `conflict ${maxC}`));
  chart.appendChild(svg("text", { class: "tick", x: W - m.r + 6, y: H - m.b }, "conflict 0"));
  const line = [];
  const labelEvery = Math.max(1, Math.ceil(all.length / Math.max(1, Math.floor((W - m.l) / 70))));
  all.forEach((day, i) => {
    const x = m.l + i * bw;
    const d = byDay.get(day);
    if (d) {
      if (d.a_to_b) chart.appendChild(tip(svg("rect", { class: "bar dyad-ab", x: x + (bw - barW) / 2, width: barW,
        y: mid - (d.a_to_b / maxN) * half, height: (d.a_to_b / maxN) * half, fill: "#b2182b", "data-date": day }),
        `${day}: ${d.a_to_b} event(s) ${data.a} → ${data.b}, mean intensity ${d.intensity_a_to_b}`));
      if (d.b_to_a) chart.appendChild(tip(svg("rect", { class: "bar dyad-ba", x: x + (bw - barW) / 2, width: barW,
        y: mid, height: (d.b_to_a / maxN) * half, fill: "#2166ac", "data-date": day }),
        `${day}: ${d.b_to_a} event(s) ${data.b} → ${data.a}, mean intensity ${d.intensity_b_to_a}`));
      line.push([x + bw / 2, m.t + (1 - d.conflict / maxC) * (H - m.t - m.b)]);
    }
    if (i % labelEvery === 0) chart.appendChild(svg("text", { class: "tick", x: x + bw / 2, y: H - 8, "text-anchor": "middle" }, day));
  });
  if (line.length > 1) {
    chart.appendChild(svg("polyline", { points: line.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#444",
      "stroke-width": 1.5, "stroke-dasharray": "4 3" }));
  }
  for (const p of line) chart.appendChild(svg("circle", { cx: p[0], cy: p[1], r: 3, fill: "#444" }));
  const firstHalf = days.slice(0, Math.ceil(days.length / 2)), secondHalf = days.slice(Math.ceil(days.length / 2));
  const mean = (xs) => xs.reduce((s, d) => s + d.conflict, 0) / Math.max(1, xs.length);
  const trend = secondHalf.length ? (mean(secondHalf) > mean(firstHalf) ? "rising" : mean(secondHalf) < mean(firstHalf) ? "falling" : "flat") : "one day only";
  const key = el("div", { class: "keys" });
  for (const [label, c] of [[`${data.a} → ${data.b} (▲)`, "#b2182b"], [`${data.b} → ${data.a} (▼)`, "#2166ac"],
    ["conflict: the day's summed negative intensity (dashed)", "#444"]]) {
    const k = el("span", {}, label);
    k.style.setProperty("--k", c);
    key.appendChild(k);
  }
  summary.appendChild(key);
  const what = data.source === "incidents" ? "incident(s), merged across articles," : "event(s)";
  const active = days.filter((d) => d.a_to_b || d.b_to_a).length;
  summary.appendChild(el("p", {}, `${data.total} ${what} between ${data.a} and ${data.b} on ${active} ${data.period === "week" ? "week" : "day"}(s); conflict ${trend}.`));
  const ul = el("ul");
  for (const e of data.events || []) {
    const li = el("li", { "data-event-id": e.id }, `${e.date || "no date"} · ${e.type} · ${names(e.actors)} → ${names(e.recipients)} · ${e.location || ""}`);
    li.addEventListener("click", () => showEvent(e.id));
    ul.appendChild(li);
  }
  for (const inc of data.incidents || []) {
    const li = el("li", { "data-incident-id": inc.id },
      `${inc.label} · ${inc.n_articles} article(s)${inc.outlets && inc.outlets.length ? " (" + inc.outlets.join(", ") + ")" : ""}`);
    if (inc.events.length) li.addEventListener("click", () => showEvent(inc.events[0]));
    ul.appendChild(li);
  }
  summary.appendChild(ul);
}

async function loadDyad(a, b) {
  if (!a || !b) return;
  const level = document.getElementById("d-level").value;
  const box = clear(document.getElementById("dyad-alerts"));
  try {
    drawDyad(await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, { level }));
  } catch (err) {
    clear(document.getElementById("dyad-chart"));
    clear(document.getElementById("dyad-summary")).appendChild(el("p", { class: "empty" }, err.message));
    return;
  }
  if (level !== "country") return;
  try {
    const data = await api("/alerts", { a, b });
    box.appendChild(el("h3", {}, `Escalation alerts (${data.items.length})`));
    const ol = el("ol", { class: "alerts" });
    for (const al of data.items) {
      ol.appendChild(el("li", { "data-alert-id": al.id, class: "alert-" + al.kind },
        el("strong", {}, `${al.kind.replace(/_/g, " ")} ${al.start} – ${al.end}`), " ", al.explanation));
    }
    if (!data.items.length) ol.appendChild(el("li", { class: "empty" }, "none"));
    box.appendChild(ol);
    shadeAlerts(data.items);
  } catch (err) { box.appendChild(el("p", { class: "empty" }, err.message)); }
}

function shadeAlerts(items) {
  // mark each alert's window on the dyad chart
  const chart = document.getElementById("dyad-chart");
  const bars = [...chart.querySelectorAll("rect.bar")];
  if (!bars.length || !items.length) return;
  const days = [...chart.querySelectorAll("text.tick")].filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.textContent));
  const xs = new Map(bars.map((r) => [r.getAttribute("data-date"), Number(r.getAttribute("x"))]));
  for (const t of days) xs.set(t.textContent, Number(t.getAttribute("x")));
  const known = [...xs.keys()].sort();
  const xOf = (d) => {
    let best = null;
    for (const k of known) if (k <= d) best = k;
    return best === null ? null : xs.get(best);
  };
  const vb = (chart.getAttribute("viewBox") || "0 0 0 0").split(" ").map(Number);
  for (const al of items) {
    const x0 = xOf(al.start), x1 = xOf(al.end);
    if (x0 === null || x1 === null) continue;
    const r = svg("rect", { class: "alert-window", x: x0, y: 0, width: Math.max(4, x1 - x0 + 12), height: vb[3] - 24 });
    tip(r, `${al.kind.replace(/_/g, " ")}: ${al.start} – ${al.end}`);
    chart.insertBefore(r, chart.firstChild);
  }
}

// ---- wiring --------------------------------------------------------------------------------
async function refresh() {
  const f = filters();
  status("loading…");
  try {
    const [events, timeline] = await Promise.all([api("/events", { ...f, limit: 1000 }), api("/timeline", f)]);
    state.events = events.items;
    document.getElementById("event-count").textContent =
      `${events.total} event(s)${events.total > events.items.length ? ", first " + events.items.length + " shown" : ""}`;
    drawMarkers();
    drawLegend();
    drawList();
    drawTimeline(timeline);
    status(`${events.total} event(s) match`);
    document.body.dataset.ready = "1";
  } catch (err) {
    status(err.message, true);
  }
}

function fillSelect(id, values) {
  const sel = document.getElementById(id);
  for (const v of values) sel.appendChild(el("option", { value: v }, v));
}

async function main() {
  fillSelect("f-type", TYPES);
  fillSelect("f-modality", MODALITIES);
  document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  document.getElementById("f-reset").addEventListener("click", () => {
    document.getElementById("filters").reset();
    refresh().then(fitEvents);
  });
  document.getElementById("quote-search").addEventListener("submit", (ev) => { ev.preventDefault(); loadQuotes(); });
  document.getElementById("dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    loadDyad(document.getElementById("d-a").value.trim(), document.getElementById("d-b").value.trim());
  });
  await loadBasemap();
  await refresh();
  fitEvents();
  loadQuotes();
  const actors = await loadActors();
  // start the dyad chart on the busiest pair of states, else the busiest pair of actors
  let pair = null;
  try {
    const top = await api("/dyads", { level: "country", limit: 1 });
    if (top.items.length) pair = [top.items[0].a, top.items[0].b];
  } catch (err) { /* analyses unavailable: fall back below */ }
  if (!pair) {
    pair = busiestPair(state.events);
    document.getElementById("d-level").value = "exact";
  }
  if (pair) {
    document.getElementById("d-a").value = pair[0];
    document.getElementById("d-b").value = pair[1];
    loadDyad(pair[0], pair[1]);
  } else if (actors.length) {
    document.getElementById("d-a").value = actors[0].code || actors[0].name;
  }
  window.addEventListener("resize", () => { sizeMarkers(); });
}

function label(p) {
  // an actor's code when it names the actor well, else its name (codes like ---MIL say little)
  return p.code && !p.code.startsWith("---") ? p.code : p.name;
}

function busiestPair(events) {
  const counts = new Map();
  for (const e of events) {
    for (const a of e.actors || []) for (const r of e.recipients || []) {
      const x = label(a), y = label(r);
      if (!x || !y || x.toLowerCase() === y.toLowerCase()) continue;
      const key = [x, y].sort().join("\u0000");
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  let best = null, n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best ? best.split("\u0000") : null;
}

document.addEventListener("DOMContentLoaded", main);
