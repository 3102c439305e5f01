/*
 * app.js — the behaviour of vnplan's page: four tabs (search, instrument
 * references, agency by province, documents) over the JSON API. The state
 * lives in the URL hash ("#search?q=…&offset=…") so a view can be linked and
 * the back button works. Builds every element with textContent; the only
 * HTML it inserts is a search snippet, escaped first, where the query
 * layer's <mark>…</mark> markers become <mark> elements. Not for computing
 * anything the API already answers.
 */
'use strict';

const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);

/* ---- helpers --------------------------------------------------------- */

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'href') e.href = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
    .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/* The snippet marks matches with "<mark>" and "</mark>" and is otherwise
 * plain text: escape all of it, then bring back only those two markers. */
function snippetHtml(snippet) {
  return escapeHtml(snippet || '')
    .replace(/&lt;mark&gt;/g, '<mark>')
    .replace(/&lt;\/mark&gt;/g, '</mark>');
}

function hashLink(tab, params) {
  const q = new URLSearchParams(params).toString();
  return '#' + tab + (q ? '?' + q : '');
}

function setStatus(id, text, isError) {
  const p = $(id);
  p.textContent = text || '';
  p.classList.toggle('error', !!isError);
}

/* Each tab remembers its latest request: an older answer arriving late is
 * dropped instead of overwriting a newer one. */
const latest = {};
function ticket(tab) { latest[tab] = (latest[tab] || 0) + 1; return latest[tab]; }
const stale = (tab, t) => latest[tab] !== t;

/* GET /api/…: the parsed JSON, or throws an Error carrying the API's
 * {"error": {"message"}} text. */
async function api(path, params) {
  const q = params ? '?' + new URLSearchParams(params).toString() : '';
  let res;
  try {
    res = await fetch('/api/' + path + q, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('Không kết nối được máy chủ.');
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body && body.error && body.error.message;
    throw new Error(msg ? msg + ' (' + res.status + ')' : 'Lỗi ' + res.status);
  }
  return body;
}

function docLabel(doc) {
  if (!doc || typeof doc !== 'object') return doc === undefined ? '' : String(doc);
  const parts = [];
  if (doc.number) parts.push('Số ' + doc.number);
  if (doc.province) parts.push(doc.province);
  if (doc.date) parts.push(doc.date);
  return parts.join(' · ') || doc.file || ('#' + doc.id);
}

function where(section, line) {
  const parts = [];
  if (section) parts.push(section);
  if (line) parts.push('dòng ' + line);
  return parts.join(' · ');
}

function table(headers, rows) {
  const thead = el('thead', null, el('tr', null, ...headers.map((h) =>
    el('th', h.num ? { class: 'num' } : null, h.label || h))));
  const tbody = el('tbody', null, ...rows);
  return el('table', null, thead, tbody);
}

/* ---- tab: search ------------------------------------------------------- */

async function showSearch(params) {
  const q = params.get('q') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  $('q').value = q;
  $('results').replaceChildren();
  $('search-facets').replaceChildren();
  $('pager').hidden = true;
  if (!q.trim()) { setStatus('search-status', 'Nhập từ khoá để tìm trong các kế hoạch (có dấu hoặc không dấu).'); return; }
  setStatus('search-status', 'Đang tìm…');
  const t = ticket('search');
  let r;
  try {
    r = await api('search', { q, limit: PAGE_SIZE, offset });
  } catch (e) { if (!stale('search', t)) setStatus('search-status', e.message, true); return; }
  if (stale('search', t)) return;
  const hits = r.hits || [];
  const total = r.total || 0;
  setStatus('search-status', total
    ? `${total} đoạn khớp — hiển thị ${offset + 1}–${offset + hits.length} (${r.took_ms} ms)`
    : `Không tìm thấy "${q}".`);
  const prov = (r.facets && r.facets.province) || {};
  for (const [name, n] of Object.entries(prov)) {
    $('search-facets').append(el('span', { class: 'chip' }, `${name || 'không rõ tỉnh'}: ${n}`));
  }
  for (const h of hits) {
    const doc = h.doc || {};
    const snippet = el('p', { class: 'snippet' });
    snippet.innerHTML = snippetHtml(h.snippet);
    $('results').append(el('li', null,
      el('div', { class: 'hit-title', title: doc.title || '' }, doc.title || doc.file || ''),
      el('div', { class: 'hit-meta' }, [docLabel(doc), where(h.section, h.line)].filter(Boolean).join(' — ')),
      snippet));
  }
  if (total > hits.length) {
    $('pager').hidden = false;
    $('prev').disabled = offset === 0;
    $('next').disabled = offset + hits.length >= total;
    $('page-info').textContent = `Trang ${Math.floor(offset / PAGE_SIZE) + 1} / ${Math.ceil(total / PAGE_SIZE)}`;
    $('prev').onclick = () => { location.hash = hashLink('search', { q, offset: Math.max(0, offset - PAGE_SIZE) }); };
    $('next').onclick = () => { location.hash = hashLink('search', { q, offset: offset + PAGE_SIZE }); };
  }
}

/* ---- tab: instrument references ---------------------------------------- */

function datesCell(inst) {
  const td = el('td');
  for (const d of inst.dates || []) {
    const text = typeof d === 'string' ? d : `${d.date} (${(d.docs || []).length} văn bản)`;
    td.append(el('div', null, text));
  }
  if (inst.conflict) td.append(el('div', { class: 'conflict' }, 'Ngày ban hành không thống nhất'));
  return td;
}

async function showRefs(params) {
  const q = params.get('q') || '';
  $('ref-q').value = q;
  $('refs-instruments').replaceChildren();
  $('refs-citations').replaceChildren();
  if (!q.trim()) { setStatus('refs-status', 'Nhập số hiệu văn bản để xem những kế hoạch nào dẫn chiếu.'); return; }
  setStatus('refs-status', 'Đang tra cứu…');
  const t = ticket('refs');
  let r;
  try { r = await api('refs', { q }); } catch (e) { if (!stale('refs', t)) setStatus('refs-status', e.message, true); return; }
  if (stale('refs', t)) return;
  const insts = r.instruments || [];
  const cits = r.citations || [];
  setStatus('refs-status', insts.length
    ? `${insts.length} văn bản khớp, ${cits.length} lần được dẫn chiếu (${r.took_ms} ms)`
    : `Không có văn bản nào mang số hiệu "${q}".`);
  if (insts.length) {
    $('refs-instruments').append(el('h2', null, 'Văn bản'), table(
      ['Số hiệu', 'Loại', 'Cơ quan ban hành', 'Trích yếu', 'Ngày (theo từng kế hoạch)', { label: 'Lần dẫn', num: 1 }],
      insts.map((i) => el('tr', null,
        el('td', null, i.key || ''), el('td', null, i.type || ''),
        el('td', null, i.issuer_body || i.issuer_code || ''), el('td', null, i.title || ''),
        datesCell(i), el('td', { class: 'num' }, i.citations ?? '')))));
  }
  if (cits.length) {
    $('refs-citations').append(el('h2', null, 'Được dẫn chiếu trong'), table(
      ['Kế hoạch', 'Số hiệu', 'Quan hệ', 'Ngày ghi', 'Vị trí', 'Trích đoạn'],
      cits.map((c) => el('tr', null,
        el('td', null, docLabel(c.doc)), el('td', null, c.instrument || ''),
        el('td', null, c.relation || ''), el('td', null, c.date || ''),
        el('td', null, where(c.section, c.line)), el('td', null, c.text || '')))));
  }
}

/* ---- tab: agency × province ------------------------------------------- */

let agenciesLoaded = null;

function loadAgencies() {
  if (!agenciesLoaded) {
    agenciesLoaded = api('agencies').then((r) => {
      const sel = $('agency');
      for (const a of r.agencies || []) {
        const n = (a.lead || 0) + (a.support || 0);
        sel.append(el('option', { value: a.name }, `${a.name} (${n})`));
      }
      if (!(r.agencies || []).length) setStatus('who-status', 'Chỉ mục chưa có nhiệm vụ nào giao cho cơ quan.');
      sel.dataset.loaded = '1';
    }).catch((e) => { agenciesLoaded = null; setStatus('who-status', e.message, true); });
  }
  return agenciesLoaded;
}

/* Typeahead: the names that fit what is typed so far, from
** /api/agencies?prefix= (prefixes of words, no diacritics needed, a typo). */
let suggestTimer = null;
function suggestAgencies() {
  clearTimeout(suggestTimer);
  const typed = $('agency-typed').value.trim();
  if (typed.length < 2) return;
  suggestTimer = setTimeout(() => {
    api('agencies', { prefix: typed, limit: 8 }).then((r) => {
      $('agency-suggest').replaceChildren(...(r.agencies || []).map((a) => el('option', { value: a.name })));
    }).catch(() => {});
  }, 150);
}

function roleLabel(role) {
  return role === 'lead' ? 'Chủ trì' : role === 'support' ? 'Phối hợp' : (role || '');
}

async function showWho(params) {
  const agency = params.get('agency') || '';
  await loadAgencies();
  const sel = $('agency');
  if (agency && ![...sel.options].some((o) => o.value === agency)) {
    sel.append(el('option', { value: agency }, agency));
  }
  sel.value = agency;
  $('who-result').replaceChildren();
  if (!agency) { setStatus('who-status', 'Chọn một cơ quan để xem các tỉnh giao nhiệm vụ cho cơ quan đó.'); return; }
  setStatus('who-status', 'Đang tải…');
  const t = ticket('who');
  let r;
  try { r = await api('who', { agency }); } catch (e) { if (!stale('who', t)) setStatus('who-status', e.message, true); return; }
  if (stale('who', t)) return;
  const provs = r.provinces || [];
  const a = r.agency || {};
  setStatus('who-status', `${a.name || agency}: ${r.total || 0} nhiệm vụ ở ${provs.length} tỉnh (${r.took_ms} ms)`
    + (a.successor ? ` — nay là ${a.successor}` : ''));
  const rows = provs.map((p) => el('tr', null,
    el('td', null, p.province || 'không rõ tỉnh',
      p.province_2025 && p.province_2025 !== p.province ? el('div', { class: 'muted' }, 'từ 2025: ' + p.province_2025) : null),
    el('td', { class: 'num role-lead' }, p.lead || 0),
    el('td', { class: 'num role-support' }, p.support || 0),
    el('td', null, taskDetails(p.tasks || []))));
  $('who-result').append(table(
    ['Tỉnh', { label: 'Chủ trì', num: 1 }, { label: 'Phối hợp', num: 1 }, 'Nhiệm vụ'], rows));
}

function taskDetails(tasks) {
  if (!tasks.length) return '';
  const list = el('ul');
  for (const t of tasks) {
    list.append(el('li', null,
      el('span', { class: t.role === 'lead' ? 'role-lead' : 'role-support' }, roleLabel(t.role) + ': '),
      t.text || '',
      t.deadline ? el('span', { class: 'muted' }, ` (thời hạn: ${t.deadline})`) : null,
      el('div', { class: 'muted' }, [docLabel(t.doc), where(t.section, t.line)].filter(Boolean).join(' — '))));
  }
  return el('details', null, el('summary', null, `${tasks.length} nhiệm vụ`), list);
}

/* ---- tab: documents ----------------------------------------------------- */

async function showDocs() {
  $('docs-result').replaceChildren();
  setStatus('docs-status', 'Đang tải…');
  let r;
  try { r = await api('docs'); } catch (e) { setStatus('docs-status', e.message, true); return; }
  setStatus('docs-status', `${r.total || 0} kế hoạch trong chỉ mục`);
  $('docs-result').append(table(
    ['Tỉnh', 'Số', 'Ngày', 'Trích yếu', { label: 'Dẫn chiếu', num: 1 }, { label: 'Nhiệm vụ', num: 1 }],
    (r.docs || []).map((d) => el('tr', null,
      el('td', null, d.province || ''), el('td', null, d.number || ''), el('td', null, d.date || ''),
      el('td', null, d.title || d.file || ''),
      el('td', { class: 'num' }, d.citations ?? ''), el('td', { class: 'num' }, d.tasks ?? '')))));
}

/* ---- routing ------------------------------------------------------------------ */

const TABS = { search: showSearch, refs: showRefs, who: showWho, docs: showDocs };

function route() {
  const h = location.hash.replace(/^#/, '');
  const [name, query] = [h.split('?')[0], h.split('?').slice(1).join('?')];
  const tab = TABS[name] ? name : 'search';
  for (const t of Object.keys(TABS)) {
    $('tab-' + t).hidden = t !== tab;
    document.querySelector(`nav#tabs a[data-tab="${t}"]`).classList.toggle('active', t === tab);
  }
  TABS[tab](new URLSearchParams(query || ''));
}

function go(tab, params) {
  const target = hashLink(tab, params);
  if (location.hash === target) route(); else location.hash = target;
}

async function showHealth() {
  try {
    const r = await api('health');
    $('health').textContent = `${r.documents} kế hoạch, ${r.passages} đoạn văn trong chỉ mục`;
  } catch (e) {
    $('health').textContent = e.message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); go('search', { q: $('q').value.trim() }); });
  $('refs-form').addEventListener('submit', (e) => { e.preventDefault(); go('refs', { q: $('ref-q').value.trim() }); });
  $('who-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go('who', { agency: $('agency-typed').value.trim() || $('agency').value });
  });
  $('agency-typed').addEventListener('input', suggestAgencies);
  $('agency').addEventListener('change', () => go('who', { agency: $('agency').value }));
  window.addEventListener('hashchange', route);
  showHealth();
  route();
});
