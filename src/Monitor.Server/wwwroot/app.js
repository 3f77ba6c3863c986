// News Monitor's page: plain JavaScript over the HTTP API (/api), no build step.
// Everything that came from a feed or a person is put in the page with textContent, never as HTML.
"use strict";

const KEY_STORAGE = "newsMonitor.apiKey";
const state = { terms: [], subscribers: [], feeds: [], editingTerm: null, editingSubscriber: null };

// ---------- small helpers ----------

const $ = (selector, root = document) => root.querySelector(selector);

// Only http(s) URLs become links: a feed can give "javascript:…" as a link, and the server's check may be older
// than the data. (blob: is the page's own download of an export.)
const isWebLink = url => typeof url === "string" && /^https?:\/\//i.test(url);
const isSafeHref = url => isWebLink(url) || (typeof url === "string" && url.startsWith("blob:"));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "href" && !isSafeHref(value)) continue;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function when(iso) {
  if (!iso) return "never";
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function notice(message, kind = "error") {
  const box = $("#notice");
  box.textContent = message;
  box.className = "notice" + (kind === "info" ? " info" : "");
  box.hidden = !message;
  if (message && kind === "info") {
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { box.hidden = true; }, 6000);
  }
}

function download(name, text, type) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

// ---------- the API ----------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function api(method, path, body, contentType) {
  const headers = { Accept: "application/json" };
  const key = localStorage.getItem(KEY_STORAGE);
  // The Server checks X-Api-Key; the Functions host checks x-functions-key (a function key) before the app runs.
  if (key) {
    headers["X-Api-Key"] = key;
    headers["x-functions-key"] = key;
  }
  let payload;
  if (body !== undefined) {
    headers["Content-Type"] = contentType || "application/json";
    payload = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    const problem = type.includes("json") ? await response.json().catch(() => null) : null;
    if (response.status === 401) {
      notice("This server needs its API key: enter it at the top right.");
      $("#api-key").focus();
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  return type.includes("json") ? response.json() : response.text();
}

/** Every item of a paged list. */
async function listAll(path) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api("GET", `${path}?offset=${offset}&limit=500`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

function showError(box, error) {
  box.replaceChildren(document.createTextNode(error.message));
  box.hidden = false;
}

// ---------- tabs and health ----------

function showTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.getAttribute("aria-controls") === name;
    tab.setAttribute("aria-selected", String(selected));
    $("#" + tab.getAttribute("aria-controls")).hidden = !selected;
  }
  history.replaceState(null, "", "#" + name);
}

async function refreshHealth() {
  const badge = $("#health");
  try {
    const health = await api("GET", "/api/health");
    const { total, unhealthy } = health.feeds;
    badge.textContent = unhealthy === 0 ? `ok · ${total} feeds` : `${unhealthy} of ${total} feeds failing`;
    badge.className = "badge " + (unhealthy === 0 ? "ok" : "bad");
  } catch {
    badge.textContent = "unreachable";
    badge.className = "badge bad";
  }
}

/** On a narrow screen a table's rows are stacked cards (app.css): each cell carries its column's name to show above it. */
function labelCells(table) {
  const names = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, i) => {
      if (cell.tagName === "TD" && names[i]) cell.dataset.label = names[i];
    });
  }
}

// ---------- terms ----------

async function loadTerms() {
  state.terms = await listAll("/api/terms");
  renderTerms();
  renderSubscriberTermChoices();
}

function renderTerms() {
  const body = $("#terms-table tbody");
  body.replaceChildren(...state.terms.map(term => el("tr", { class: term.id === state.editingTerm ? "selected" : null },
    el("td", {}, el("strong", { text: term.name }), el("br"), el("small", { text: term.id })),
    el("td", {}, el("code", { text: term.query }), term.matchCase ? el("small", { text: " · match case" }) : null),
    el("td", { text: term.enabled ? "✓" : "—", title: term.enabled ? "enabled" : "disabled" }),
    el("td", { class: "row-actions" },
      el("button", { type: "button", class: "quiet small", text: "Edit", onclick: () => editTerm(term) }),
      " ",
      el("button", { type: "button", class: "danger small", text: "Delete", onclick: () => deleteTerm(term) })))));
  labelCells($("#terms-table"));
  $("#terms .empty").hidden = state.terms.length > 0;
}

function editTerm(term) {
  const form = $("#term-form");
  state.editingTerm = term ? term.id : null;
  form.elements.name.value = term?.name ?? "";
  form.elements.id.value = term?.id ?? "";
  form.elements.id.disabled = Boolean(term);
  form.elements.query.value = term?.query ?? "";
  form.elements.matchCase.checked = term?.matchCase ?? false;
  form.elements.enabled.checked = term?.enabled ?? true;
  $("#term-form-title").textContent = term ? `Edit “${term.name}”` : "New term";
  clearQueryError();
  renderTerms();
  runTest();
  form.elements[term ? "query" : "name"].focus();
}

async function saveTerm(event) {
  event.preventDefault();
  const form = event.target;
  const body = {
    id: form.elements.id.value.trim() || null,
    name: form.elements.name.value.trim(),
    query: form.elements.query.value,
    matchCase: form.elements.matchCase.checked,
    enabled: form.elements.enabled.checked,
  };
  try {
    const saved = state.editingTerm
      ? await api("PUT", `/api/terms/${encodeURIComponent(state.editingTerm)}`, body)
      : await api("POST", "/api/terms", body);
    notice(`Saved term “${saved.name}” (${saved.id}).`, "info");
    await loadTerms();
    editTerm(null);
  } catch (error) {
    showQueryError(error);
  }
}

async function deleteTerm(term) {
  if (!confirm(`Delete the term “${term.name}”? Subscribers following it stop getting its matches.`)) return;
  try {
    await api("DELETE", `/api/terms/${encodeURIComponent(term.id)}`);
    if (state.editingTerm === term.id) editTerm(null);
    await loadTerms();
  } catch (error) {
    notice(error.message);
  }
}

function clearQueryError() {
  $("#query-error").hidden = true;
  $("#term-form").elements.query.removeAttribute("aria-invalid");
}

/** A query error points at its position: the query, then a caret under the character. */
function showQueryError(error) {
  const box = $("#query-error");
  const query = $("#term-form").elements.query.value;
  box.replaceChildren(document.createTextNode(error.message));
  if (Number.isInteger(error.problem.position)) {
    const line = query.replace(/\s/g, " ");
    box.append(el("span", { class: "caret", text: `${line}\n${" ".repeat(error.problem.position)}^` }));
    $("#term-form").elements.query.setAttribute("aria-invalid", "true");
  }
  box.hidden = false;
}

// ---------- the term tester ----------

function runs(list) {
  return list.map(run => run.hit ? el("mark", { text: run.text }) : document.createTextNode(run.text));
}

function at(span) {
  return `“${span.text}” (${span.field} ${span.start})`;
}

// One node of the query's explanation: true or false, what it found, and its operands beneath.
function explanationNode(node) {
  const details = [];
  if (node.kind === "not" && node.found.length) {
    details.push(`excludes the whole article: ${node.found.map(at).join(", ")}`);
  } else if (node.found.length && node.kind !== "and") {
    details.push(`found: ${node.found.map(at).join(", ")}`);
  }
  for (const excluded of node.excluded) {
    details.push(`${at(excluded.occurrence)} excluded by ${at(excluded.excludedBy)}`);
  }
  if (node.near && node.near.closest !== null && node.near.closest !== undefined) {
    details.push(`closest: ${node.near.closest} words apart (${at(node.near.left)} and ${at(node.near.right)}), at most ${node.near.allowed} allowed`);
  }
  return el("li", { class: node.isTrue ? "true" : "false" },
    el("span", { class: "verdict", text: node.isTrue ? "true" : "false" }), " ",
    el("code", { text: node.text }), " ",
    el("span", { class: "why", text: node.summary }),
    details.map(text => el("div", { class: "detail", text })),
    node.operands.length ? el("ul", {}, node.operands.map(explanationNode)) : null);
}

// The saved term's "not relevant" reports: each with how many flagged it and whether the query typed still matches it.
function showExamplesToExclude(examples) {
  const box = $("#test-excluded");
  box.hidden = !examples || examples.length === 0;
  $(".results", box).replaceChildren(...(examples ?? []).map(example => el("li", {},
    isWebLink(example.url)
      ? el("a", { class: "title", href: example.url, target: "_blank", rel: "noopener noreferrer", text: example.title })
      : el("span", { class: "title", text: example.title }),
    " ",
    el("span", { class: example.stillMatches ? "badge bad" : "badge ok", text: example.stillMatches ? "still matches" : "no longer matches" }),
    el("div", { class: "source", text: [
      `flagged by ${example.flaggedBy} subscriber${example.flaggedBy === 1 ? "" : "s"}`,
      example.articleStored ? null : "article no longer stored: tried on its title"].filter(Boolean).join(" · ") }))));
}

function showExplanation(explanation) {
  const box = $("#test-explanation");
  box.hidden = !explanation;
  $(".explanation", box).replaceChildren(...(explanation ? [explanationNode(explanation.query)] : []));
}

const runTest = debounce(async () => {
  const form = $("#term-form");
  const query = form.elements.query.value;
  const summary = $("#test-summary");
  const results = $("#test-results");
  if (!query.trim()) {
    summary.textContent = "Type a query to see what it matches.";
    results.replaceChildren();
    showExplanation(null);
    showExamplesToExclude(null);
    clearQueryError();
    return;
  }
  const fromText = document.querySelector('input[name="test-source"]:checked').value === "text";
  const request = { query, matchCase: form.elements.matchCase.checked };
  if (state.editingTerm) request.termId = state.editingTerm;
  if (fromText) request.text = $("#test-text").value;
  else request.last = Number($("#test-last").value) || 200;
  try {
    const result = await api("POST", "/api/terms/test", request);
    clearQueryError();
    const count = result.matches.length;
    summary.textContent = fromText
      ? `Read as ${result.explained} · ${count ? "matches" : "no match"}`
      : `Read as ${result.explained} · ${count} of ${result.tested} articles match`;
    results.replaceChildren(...result.matches.map(match => el("li", {},
      isWebLink(match.url)
        ? el("a", { class: "title", href: match.url, target: "_blank", rel: "noopener noreferrer" }, runs(match.title))
        : el("span", { class: "title" }, runs(match.title)),
      match.source || match.published
        ? el("div", { class: "source", text: [match.source, match.published && when(match.published)].filter(Boolean).join(" · ") })
        : null,
      el("div", { class: "excerpt" }, runs(match.excerpt)))));
    showExplanation(fromText ? result.explanation : null);
    showExamplesToExclude(result.examplesToExclude);
  } catch (error) {
    summary.textContent = "";
    results.replaceChildren();
    showExplanation(null);
    showExamplesToExclude(null);
    if (error.status === 400) showQueryError(error);
    else notice(error.message);
  }
}, 250);

// ---------- subscribers ----------

async function loadSubscribers() {
  state.subscribers = await listAll("/api/subscribers");
  renderSubscribers();
}

function termNames(ids) {
  if (ids === null || ids === undefined) return "every term";
  if (ids.length === 0) return "none";
  return ids.map(id => state.terms.find(t => t.id === id)?.name ?? id).join(", ");
}

function schedule(s) {
  if (s.cadence === "daily") return `daily at ${s.at}`;
  if (s.cadence === "weekly") return `${s.day}s at ${s.at}`;
  return s.cadence;
}

function renderSubscribers() {
  const body = $("#subscribers-table tbody");
  body.replaceChildren(...state.subscribers.map(s => el("tr", { class: s.id === state.editingSubscriber ? "selected" : null },
    el("td", {}, el("strong", { text: s.name || s.id }), el("br"), el("small", { text: s.email })),
    el("td", {}, schedule(s), el("br"), el("small", { text: s.timeZone })),
    el("td", { text: termNames(s.terms) }),
    el("td", { text: s.state }),
    el("td", { class: "row-actions" },
      el("button", { type: "button", class: "quiet small", text: "Edit", onclick: () => editSubscriber(s) }), " ",
      el("button", { type: "button", class: "quiet small", text: "Preview", onclick: () => preview(s) }), " ",
      el("button", { type: "button", class: "quiet small", text: "Send now", onclick: () => sendNow(s) }), " ",
      el("button", { type: "button", class: "danger small", text: "Delete", onclick: () => deleteSubscriber(s) })))));
  labelCells($("#subscribers-table"));
  $("#subscribers .empty").hidden = state.subscribers.length > 0;
}

function renderSubscriberTermChoices() {
  const box = $("#subscriber-terms");
  const checked = new Set([...box.querySelectorAll("input:checked")].map(i => i.value));
  box.replaceChildren(...state.terms.map(t => el("label", {},
    el("input", { type: "checkbox", name: "term", value: t.id, checked: checked.has(t.id) }), " ", t.name)));
  toggleTermChoices();
}

function toggleTermChoices() {
  const all = $("#subscriber-form").elements.allTerms.checked;
  for (const input of $("#subscriber-terms").querySelectorAll("input")) input.disabled = all;
}

function editSubscriber(s) {
  const form = $("#subscriber-form");
  state.editingSubscriber = s ? s.id : null;
  form.elements.email.value = s?.email ?? "";
  form.elements.name.value = s?.name ?? "";
  form.elements.id.value = s?.id ?? "";
  form.elements.id.disabled = Boolean(s);
  form.elements.cadence.value = s?.cadence ?? "daily";
  form.elements.at.value = s?.at ?? "08:00";
  form.elements.day.value = s?.day ?? "monday";
  form.elements.timeZone.value = s?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  form.elements.language.value = s?.language ?? "";
  form.elements.state.value = s?.state ?? "active";
  form.elements.allTerms.checked = !s || s.terms === null || s.terms === undefined;
  for (const input of $("#subscriber-terms").querySelectorAll("input")) input.checked = Boolean(s?.terms?.includes(input.value));
  toggleTermChoices();
  $("#subscriber-form-title").textContent = s ? `Edit ${s.name || s.id}` : "New subscriber";
  $("#subscriber-error").hidden = true;
  renderSubscribers();
}

async function saveSubscriber(event) {
  event.preventDefault();
  const form = event.target;
  const body = {
    id: form.elements.id.value.trim() || null,
    email: form.elements.email.value.trim(),
    name: form.elements.name.value.trim() || null,
    cadence: form.elements.cadence.value,
    at: form.elements.at.value,
    day: form.elements.day.value,
    timeZone: form.elements.timeZone.value.trim(),
    language: form.elements.language.value || null,
    state: form.elements.state.value,
    terms: form.elements.allTerms.checked ? null : [...$("#subscriber-terms").querySelectorAll("input:checked")].map(i => i.value),
  };
  try {
    const saved = state.editingSubscriber
      ? await api("PUT", `/api/subscribers/${encodeURIComponent(state.editingSubscriber)}`, body)
      : await api("POST", "/api/subscribers", body);
    notice(`Saved subscriber ${saved.name || saved.id} (${saved.email}).`, "info");
    await loadSubscribers();
    editSubscriber(null);
  } catch (error) {
    showError($("#subscriber-error"), error);
  }
}

async function deleteSubscriber(s) {
  if (!confirm(`Delete ${s.name || s.id} (${s.email})? They get no more digests.`)) return;
  try {
    await api("DELETE", `/api/subscribers/${encodeURIComponent(s.id)}`);
    if (state.editingSubscriber === s.id) editSubscriber(null);
    await loadSubscribers();
  } catch (error) {
    notice(error.message);
  }
}

async function preview(s) {
  try {
    const html = await api("GET", `/api/subscribers/${encodeURIComponent(s.id)}/digest/preview`);
    $("#preview-title").textContent = `Next digest for ${s.name || s.id}`;
    $("#preview-frame").srcdoc = html;
    $("#preview").hidden = false;
    $("#preview").scrollIntoView({ behavior: "smooth" });
  } catch (error) {
    notice(error.message);
  }
}

const outcomeWords = {
  sent: "sent", nothingNew: "nothing new", notDue: "not due yet", alreadySent: "already sent for this period", failed: "failed",
  deferred: "deferred for quiet hours", waitingForRetry: "waiting for retry after a failed send", inProgress: "being sent by another run",
};

function describeOutcome(o) {
  const what = outcomeWords[o.status] ?? o.status;
  if (o.summary) return `${o.subscriberId}: ${o.summary}`;
  return `${o.subscriberId}: ${what}${o.status === "sent" ? ` (${o.articles} articles)` : ""}${o.error ? ` – ${o.error}` : ""}`;
}

async function sendNow(s) {
  try {
    notice(describeOutcome(await api("POST", `/api/subscribers/${encodeURIComponent(s.id)}/digest/send`)), "info");
  } catch (error) {
    notice(error.message);
  }
}

async function sendDue() {
  try {
    const outcomes = await api("POST", "/api/digests/send");
    notice(outcomes.length ? outcomes.map(describeOutcome).join(" · ") : "No active subscribers.", "info");
  } catch (error) {
    notice(error.message);
  }
}

// ---------- feeds ----------

async function loadFeeds() {
  state.feeds = await listAll("/api/feeds");
  renderFeeds();
}

function healthCell(feed) {
  const h = feed.health;
  // A note (the site URL replaced by its feed, a duplicate disabled) stays under the state, whatever it is.
  const note = h.note ? [el("span", { class: "note-text", text: h.note })] : [];
  if (!feed.enabled) return el("td", {}, el("span", { class: "badge", text: "disabled" }), ...note);
  if (h.isHealthy) return el("td", {}, el("span", { class: "badge ok", text: h.lastSuccessAt ? "ok" : "not polled yet" }), ...note);
  return el("td", {},
    el("span", { class: "badge bad", text: `failing ×${h.consecutiveFailures}` }),
    el("span", { class: "error-text", text: h.lastError || "unknown error" }), ...note);
}

/** A folder path's titles: "News/France" is News › France; a "/" inside a title is written "\/". */
function folderTitles(folder) {
  const titles = [];
  let title = "";
  for (let i = 0; i < folder.length; i++) {
    if (folder[i] === "\\" && i + 1 < folder.length) title += folder[++i];
    else if (folder[i] === "/") { titles.push(title); title = ""; }
    else title += folder[i];
  }
  return [...titles, title];
}

function feedRow(feed) {
  const actions = el("td", { class: "row-actions" });
  const showButtons = () => actions.replaceChildren(
    el("button", { type: "button", class: "quiet small", text: "Poll now", onclick: () => pollFeed(feed) }), " ",
    el("button", { type: "button", class: "quiet small", text: "Move", onclick: () => actions.replaceChildren(moveForm(feed, showButtons)) }), " ",
    el("button", { type: "button", class: "quiet small", text: feed.enabled ? "Disable" : "Enable", onclick: () => toggleFeed(feed) }), " ",
    el("button", { type: "button", class: "danger small", text: "Delete", onclick: () => deleteFeed(feed) }));
  showButtons();
  return el("tr", {},
    el("td", {}, el("strong", { text: feed.title || feed.url }), el("div", { class: "url", text: feed.url })),
    healthCell(feed),
    el("td", { text: when(feed.health.lastSuccessAt) }),
    el("td", { text: feed.health.nextCheckAt ? when(feed.health.nextCheckAt) : "due now" }),
    actions);
}

/** Files a feed in another folder, in place of the row's buttons; an empty folder puts it at the top level. */
function moveForm(feed, cancel) {
  const input = el("input", {
    name: "folder", list: "feed-folders", value: feed.folder || "", placeholder: "no folder",
    "aria-label": `Folder of ${feed.title || feed.url}`,
  });
  const form = el("form", { class: "inline", onsubmit: async event => {
    event.preventDefault();
    try {
      await api("PUT", `/api/feeds/${encodeURIComponent(feed.id)}`, { folder: input.value.trim() });
      await loadFeeds();
    } catch (error) {
      notice(error.message);
    }
  } },
    input, " ",
    el("button", { type: "submit", class: "small", text: "Save" }), " ",
    el("button", { type: "button", class: "quiet small", text: "Cancel", onclick: cancel }));
  setTimeout(() => input.focus());
  return form;
}

/** Feeds grouped under a row per folder (in folder order, feeds with none last); no group rows when no feed has a folder. */
function renderFeeds() {
  const folders = [...new Set(state.feeds.map(f => f.folder).filter(Boolean))].sort((a, b) => a.localeCompare(b));
  const rows = [];
  if (folders.length === 0) {
    rows.push(...state.feeds.map(feedRow));
  } else {
    for (const folder of [...folders, null]) {
      const feeds = state.feeds.filter(f => (f.folder || null) === folder);
      if (feeds.length === 0) continue;
      rows.push(el("tr", { class: "folder-row" },
        el("th", { colspan: 5, scope: "colgroup", text: folder ? folderTitles(folder).join(" › ") : "No folder" })));
      rows.push(...feeds.map(feedRow));
    }
  }
  $("#feeds-table tbody").replaceChildren(...rows);
  labelCells($("#feeds-table"));
  $("#feed-folders").replaceChildren(...folders.map(folder => el("option", { value: folder })));
  $("#feeds .empty").hidden = state.feeds.length > 0;
}

async function addFeed(event) {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector("button");
  button.disabled = true;
  button.textContent = "Checking…";
  $("#feed-error").hidden = true;
  $("#feed-alternatives").hidden = true;
  try {
    const feed = await api("POST", "/api/feeds", {
      url: form.elements.url.value.trim(),
      title: form.elements.title.value.trim() || null,
      folder: form.elements.folder.value.trim() || null,
    });
    const how = feed.discovery?.foundVia ? ` Found ${feed.url} (${feed.discovery.foundVia}).` : "";
    notice(`Added “${feed.title || feed.url}”.${how} It is polled on the next schedule, or now with “Poll now”.`, "info");
    showAlternatives(feed, form.elements.folder.value.trim() || null);
    form.reset();
    await loadFeeds();
    refreshHealth();
  } catch (error) {
    showError($("#feed-error"), error);
  } finally {
    button.disabled = false;
    button.textContent = "Add feed";
  }
}

/** When the page announced several feeds, the others are offered, each to add with one click. */
function showAlternatives(feed, folder) {
  const box = $("#feed-alternatives");
  const others = (feed.discovery?.alternatives || []).filter(a => a.url !== feed.url);
  if (others.length === 0) return;
  const items = others.map(other => el("li", {},
    `${other.title || other.url} `,
    el("button", { type: "button", class: "quiet small", text: "Add this one too", onclick: async e => {
      e.target.disabled = true;
      try {
        await api("POST", "/api/feeds", { url: other.url, folder });
        e.target.textContent = "Added";
        await loadFeeds();
      } catch (error) {
        e.target.disabled = false;
        showError($("#feed-error"), error);
      }
    } })));
  box.replaceChildren(el("p", { text: `The site offers ${others.length + 1} feeds; “${feed.title || feed.url}” was added. The others:` }), el("ul", {}, items));
  box.hidden = false;
}

/** Polling happens in the background: look again a little later. */
function refreshFeedsSoon() {
  for (const ms of [3000, 10000]) setTimeout(() => { loadFeeds().catch(() => {}); refreshHealth(); }, ms);
}

async function pollFeed(feed) {
  try {
    await api("POST", `/api/feeds/${encodeURIComponent(feed.id)}/poll`);
    notice(`Polling “${feed.title || feed.url}”…`, "info");
    refreshFeedsSoon();
  } catch (error) {
    notice(error.message);
  }
}

async function pollAll() {
  try {
    const result = await api("POST", "/api/feeds/poll");
    notice(`Polling ${result.queued} feeds…`, "info");
    refreshFeedsSoon();
  } catch (error) {
    notice(error.message);
  }
}

async function toggleFeed(feed) {
  try {
    await api("PUT", `/api/feeds/${encodeURIComponent(feed.id)}`, { enabled: !feed.enabled });
    await loadFeeds();
    refreshHealth();
  } catch (error) {
    notice(error.message);
  }
}

async function deleteFeed(feed) {
  if (!confirm(`Delete the feed “${feed.title || feed.url}”? Articles already stored stay.`)) return;
  try {
    await api("DELETE", `/api/feeds/${encodeURIComponent(feed.id)}`);
    await loadFeeds();
    refreshHealth();
  } catch (error) {
    notice(error.message);
  }
}

// ---------- files ----------

async function importFile(input, path, type, reload) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  try {
    const summary = await api("PUT", path, await file.text(), type);
    notice(`Imported ${file.name}: ${summary.added} added, ${summary.updated} updated.`, "info");
    await reload();
  } catch (error) {
    notice(`${file.name}: ${error.message}`);
  }
}

async function exportFile(path, name, type) {
  try {
    download(name, await api("GET", path), type);
  } catch (error) {
    notice(error.message);
  }
}

// ---------- start ----------

async function loadAll() {
  notice("");
  refreshHealth();
  try {
    await loadTerms();
    await Promise.all([loadSubscribers(), loadFeeds()]);
    runTest();
  } catch (error) {
    if (error.status !== 401) notice(error.message);
  }
}

function start() {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => showTab(tab.getAttribute("aria-controls")));
  }
  showTab(["terms", "subscribers", "feeds"].includes(location.hash.slice(1)) ? location.hash.slice(1) : "terms");

  $("#api-key").value = localStorage.getItem(KEY_STORAGE) || "";
  $("#key-form").addEventListener("submit", event => {
    event.preventDefault();
    const key = $("#api-key").value.trim();
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
    loadAll();
  });

  const termForm = $("#term-form");
  termForm.addEventListener("submit", saveTerm);
  for (const name of ["query", "matchCase"]) termForm.elements[name].addEventListener("input", runTest);
  $("#term-new").addEventListener("click", () => editTerm(null));
  $("#term-cancel").addEventListener("click", () => editTerm(null));
  for (const radio of document.querySelectorAll('input[name="test-source"]')) {
    radio.addEventListener("change", () => {
      $("#test-text").hidden = radio.value !== "text" || !radio.checked;
      runTest();
    });
  }
  $("#test-text").addEventListener("input", runTest);
  $("#test-last").addEventListener("input", runTest);
  $("#watchlist-export").addEventListener("click", () => exportFile("/api/watchlist", "watchlist.json", "application/json"));
  $("#watchlist-import").addEventListener("change", e => importFile(e.target, "/api/watchlist", "application/json", loadTerms));

  const subscriberForm = $("#subscriber-form");
  subscriberForm.addEventListener("submit", saveSubscriber);
  subscriberForm.elements.allTerms.addEventListener("change", toggleTermChoices);
  $("#subscriber-new").addEventListener("click", () => editSubscriber(null));
  $("#subscriber-cancel").addEventListener("click", () => editSubscriber(null));
  $("#digests-send").addEventListener("click", sendDue);
  $("#preview-close").addEventListener("click", () => { $("#preview").hidden = true; });
  if (Intl.supportedValuesOf) {
    $("#time-zones").replaceChildren(...Intl.supportedValuesOf("timeZone").map(zone => el("option", { value: zone })));
  }

  $("#feed-form").addEventListener("submit", addFeed);
  $("#feeds-poll").addEventListener("click", pollAll);
  $("#opml-export").addEventListener("click", () => exportFile("/api/feeds/opml", "feeds.opml", "text/x-opml"));
  $("#opml-import").addEventListener("change", e => importFile(e.target, "/api/feeds/opml", "text/x-opml", loadFeeds));

  editTerm(null);
  editSubscriber(null);
  loadAll();
  setInterval(refreshHealth, 30000);
}

start();
