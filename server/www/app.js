/*
 * app.js — the behaviour of vnplan's page, as an official uses it: search
 * with filters and facets, instrument references, agency × province grid,
 * tasks, documents, a document's own page (metadata, outline, full text with
 * the searched words marked and passage anchors, citations by relation,
 * tasks by agency), an instrument's implementation chain drawn in SVG and its
 * coverage by province; every table downloads as CSV (UTF-8 with BOM) and
 * XLSX (xlsx.js). The view and its query live in the URL hash ("#d/2?q=…&L=28",
 * "#i/69-KL/TW", "#search?q=…&province=…"), so links can be shared and the
 * back button works; /d/NUMBER opens a plan by its number. Builds every
 * element with textContent; the only HTML it inserts is a search snippet,
 * escaped first, where the query layer's <mark> markers become <mark>.
 * Vietnamese throughout: labels, relation names, errors, dd/mm/yyyy dates,
 * Vietnamese alphabetical order (Intl.Collator 'vi'). Not for computing
 * anything the API already answers.
 */
'use strict';

const PAGE_SIZE = 10;
const TASK_PAGE = 50;
const $ = (id) => document.getElementById(id);
const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });
const byVi = (f) => (a, b) => collator.compare(f(a) || '', f(b) || '');

/* ---- words ----------------------------------------------------------------- */

const RELATION_VI = {
  implements: 'Thực hiện', basis: 'Căn cứ', continues: 'Tiếp tục thực hiện',
  mention: 'Nhắc đến', alias: 'Viết tắt',
};
const RELATION_ORDER = ['implements', 'continues', 'basis', 'mention', 'alias'];
const relationVi = (r) => RELATION_VI[r] || r || '';
const roleVi = (r) => (r === 'lead' ? 'Chủ trì' : r === 'support' ? 'Phối hợp' : r || '');
const LEVELS = ['Trung ương Đảng', 'Quốc hội, Chính phủ, Thủ tướng', 'Bộ, ngành trung ương',
  'Tỉnh ủy, Thành ủy', 'UBND, HĐND tỉnh'];

/* "2024-12-18" → "18/12/2024", "2024-12" → "12/2024", "--12-05" → "05/12". */
function fmtDate(s) {
  if (!s) return '';
  let m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d\d)$/.exec(s);
  if (m) return `${m[2]}/${m[1]}`;
  m = /^--(\d\d)-(\d\d)$/.exec(s);
  if (m) return `${m[2]}/${m[1]}`;
  return s;
}

/* The API's messages are English; people read Vietnamese. */
function errorVi(status, msg) {
  const m = msg || '';
  let r;
  if ((r = /^unknown province "(.*)"/.exec(m))) return `Không có tỉnh, thành phố nào tên "${r[1]}".`;
  if ((r = /^unknown kind of document "(.*)"/.exec(m))) return `Không có loại văn bản "${r[1]}".`;
  if ((r = /^unknown issuer "(.*)": it may name several/.exec(m))) return `"${r[1]}" có thể là nhiều cơ quan ban hành; hãy chọn một.`;
  if ((r = /^(unknown|no) issuer "(.*?)"/.exec(m))) return `Không có cơ quan ban hành "${r[2]}" trong chỉ mục.`;
  if ((r = /^(unknown relation|no relation named) "(.*?)"/.exec(m))) return `Không có quan hệ "${r[2]}" (Căn cứ, Thực hiện, Tiếp tục thực hiện, Nhắc đến, Viết tắt).`;
  if ((r = /^(unknown sort|sort is relevance or date, not) "(.*?)"/.exec(m))) return `Không sắp xếp được theo "${r[2]}": chọn "liên quan nhất" hoặc "mới nhất".`;
  if ((r = /^no document "(.*)" in the index/.exec(m))) return `Không có văn bản "${r[1]}" trong chỉ mục.`;
  if ((r = /^no instrument (.*) is cited/.exec(m))) return `Không kế hoạch nào dẫn chiếu văn bản ${r[1]}.`;
  if ((r = /may name several instruments:(.*)/.exec(m))) return `Số hiệu có thể chỉ nhiều văn bản:${r[1]}. Hãy ghi đầy đủ.`;
  if (/is not an instrument number/.test(m)) return 'Đây không phải số hiệu văn bản (ví dụ: 69-KL/TW, 709/QĐ-TTg, NQ 20).';
  if (/did you mean|no agency/i.test(m)) {
    const s = /did you mean:? (.*)$/i.exec(m);
    return 'Không tìm thấy cơ quan này.' + (s ? ' Có phải: ' + s[1] + '?' : '');
  }
  if (/needs a date/.test(m)) return 'Ngày phải ghi dạng năm, năm-tháng hoặc năm-tháng-ngày (2024, 2024-05, 2024-05-31).';
  if (/must be a whole number/.test(m)) return 'Giá trị phải là số nguyên hợp lệ.';
  if (/missing parameter/.test(m)) return 'Thiếu thông tin cần tra cứu.';
  if (/unclosed|quote|nothing after|cannot be read|cannot be understood/i.test(m)) return 'Không đọc được câu tìm kiếm: kiểm tra dấu ngoặc kép, AND, OR, NOT.';
  if (status === 404) return 'Không tìm thấy.';
  if (status === 503) return 'Máy chủ đang bận hoặc chỉ mục đang được cập nhật; thử lại sau giây lát.';
  if (status === 400) return 'Yêu cầu không hợp lệ.';
  return 'Lỗi máy chủ (' + status + ').';
}

/* ---- helpers --------------------------------------------------------------- */

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'href') e.href = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const SVGNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c instanceof Node ? c : String(c));
  return e;
}

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
    .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function snippetHtml(snippet) {
  return escapeHtml(snippet || '')
    .replace(/&lt;mark&gt;/g, '<mark>')
    .replace(/&lt;\/mark&gt;/g, '</mark>');
}

/* "#view?k=v": params with empty values dropped. */
function hashLink(view, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) p.set(k, v);
  const q = p.toString();
  return '#' + view + (q ? '?' + q : '');
}
const docHref = (id, q, line) => hashLink('d/' + id, { q, L: line });
const instHref = (key) => '#i/' + encodeURIComponent(key);

function status(text, isError) {
  return el('p', { class: 'status' + (isError ? ' error' : ''), role: isError ? 'alert' : 'status' }, text || '');
}

/* Each view remembers its latest request: an older answer arriving late is
 * dropped instead of overwriting a newer one. */
let generation = 0;

async function api(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) p.set(k, v);
  const q = p.toString() ? '?' + p.toString() : '';
  let res;
  try {
    res = await fetch('/api/' + path + q, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('Không kết nối được máy chủ.');
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const choices = body && body.error && body.error.choices;
    const err = new Error(errorVi(res.status, body && body.error && body.error.message)
      + (choices && choices.length ? ' Có thể chọn: ' + choices.slice(0, 12).map((c) => (RELATION_VI[c] || c === 'relevance' || c === 'date' ? null : c)).filter(Boolean).join(', ') + (choices.length > 12 ? '…' : '') + '.' : ''));
    err.status = res.status;
    err.choices = body && body.error && body.error.choices;
    throw err;
  }
  return body;
}

function docName(doc) {
  if (!doc || typeof doc !== 'object') return doc === undefined ? '' : String(doc);
  const parts = [];
  parts.push(doc.number ? 'Số ' + doc.number : (doc.kind || 'Kế hoạch') + ' không số');
  if (doc.province) parts.push(doc.province);
  if (doc.date) parts.push(fmtDate(doc.date));
  return parts.join(' · ');
}

function docLink(doc, q, line) {
  if (!doc || doc.id === undefined) return docName(doc);
  return el('a', { href: docHref(doc.id, q, line), class: 'doc-link', title: doc.title || '' }, docName(doc));
}

function where(section, line) {
  const parts = [];
  if (section) parts.push('mục ' + section);
  if (line) parts.push('dòng ' + line);
  return parts.join(' · ');
}

/* ---- tables, exports -------------------------------------------------------
 * A table is columns [{label, num?, get(row) → text, cell?(row) → node}] and
 * rows; the same columns give the CSV and XLSX files, so what is downloaded
 * is what is shown (the cell's text). */

function dataTable(cols, rows, opts) {
  const o = opts || {};
  const thead = el('thead', null, el('tr', null, cols.map((c) => el('th', c.num ? { class: 'num', scope: 'col' } : { scope: 'col' }, c.label))));
  const tbody = el('tbody', null, rows.map((r) => {
    const tr = el('tr', o.rowClass ? { class: o.rowClass(r) } : null, cols.map((c) => {
      const v = c.cell ? c.cell(r) : c.get(r);
      return el('td', { class: c.num ? 'num' : null, 'data-label': c.label }, v === undefined || v === null ? '' : v);
    }));
    return tr;
  }));
  return el('div', { class: 'table-box' }, el('table', { class: 'cards' + (o.cls ? ' ' + o.cls : '') }, thead, tbody));
}

function csvText(cols, rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [cols.map((c) => q(c.label)).join(',')];
  for (const r of rows) lines.push(cols.map((c) => q(c.get(r))).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name, class: 'hidden-link' });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
}

/* Buttons "Tải CSV" and "Tải Excel" for a table; rowsFn may be async (to
 * fetch every page, not only the one shown). */
function exportBar(name, cols, rowsFn) {
  const run = async (kind, btn) => {
    btn.disabled = true;
    try {
      const rows = await rowsFn();
      if (kind === 'csv') {
        download(name + '.csv', new Blob([csvText(cols, rows)], { type: 'text/csv;charset=utf-8' }));
      } else {
        const data = [cols.map((c) => c.label)].concat(rows.map((r) => cols.map((c) => {
          const v = c.get(r);
          return c.num && v !== '' && v !== null && v !== undefined && !isNaN(Number(v)) ? Number(v) : (v ?? '');
        })));
        download(name + '.xlsx', window.vnplanXlsx.workbook(name.slice(0, 31), data));
      }
    } finally { btn.disabled = false; }
  };
  const csv = el('button', { type: 'button', class: 'secondary export-csv', 'data-export': name }, 'Tải CSV');
  const xlsx = el('button', { type: 'button', class: 'secondary export-xlsx', 'data-export': name }, 'Tải Excel');
  csv.addEventListener('click', () => run('csv', csv));
  xlsx.addEventListener('click', () => run('xlsx', xlsx));
  return el('div', { class: 'export' }, csv, xlsx);
}

/* ---- provinces: the 34 units since 2025 and the 63 before ----------------------- */

let provinceList = null; /* {units: [34 names since 2025], old: [the others before]} */
async function provinces() {
  if (provinceList) return provinceList;
  try {
    const r = await api('provinces');
    const units = new Set(r.units || []);
    provinceList = { units: r.units || [], old: (r.provinces || []).map((p) => p.province).filter((n) => !units.has(n)) };
  } catch (e) {
    return { units: [], old: [] };
  }
  return provinceList;
}

function provinceSelect(id, value, units, old) {
  const sel = el('select', { id, 'aria-label': 'Tỉnh, thành phố' },
    el('option', { value: '' }, 'Mọi tỉnh, thành phố'),
    el('optgroup', { label: 'Từ 01/7/2025 (34 đơn vị)' }, units.map((n) => el('option', { value: n }, n))),
    el('optgroup', { label: 'Khác, trước 2025' }, old.map((n) => el('option', { value: n }, n))));
  /* a pre-2025 name that is also a unit's appears once, as the unit (which
   * takes in its predecessors' plans) */
  if (value && ![...sel.options].some((o) => o.value === value)) sel.append(el('option', { value }, value));
  sel.value = value || '';
  return sel;
}

/* ---- the filter bar (search, docs, tasks) -------------------------------------- */

/* The issuers the index holds (/api/issuers, Vietnamese order), for the filter. */
let issuerCache = null;
const issuers = () => (issuerCache = issuerCache || api('issuers').then((r) =>
  (r.issuers || []).map((x) => x.issuer)).catch(() => { issuerCache = null; return []; }));

function choiceSelect(id, label, value, first, options) {
  const sel = el('select', { id, 'aria-label': label }, el('option', { value: '' }, first),
    options.map(([v, t]) => el('option', { value: v }, t)));
  if (value && ![...sel.options].some((o) => o.value === value)) sel.append(el('option', { value }, value));
  sel.value = value || '';
  return sel;
}

async function filterBar(params, onApply, extra, opts) {
  const o = opts || {};
  const [p, iss] = await Promise.all([provinces(), issuers()]);
  const prov = provinceSelect('f-province', params.get('province') || '', p.units, p.old);
  const kind = el('input', { id: 'f-kind', type: 'search', list: 'kinds', placeholder: 'Loại: Kế hoạch, QĐ…', 'aria-label': 'Loại văn bản', value: params.get('kind') || '' });
  const kinds = el('datalist', { id: 'kinds' }, ['Kế hoạch', 'Quyết định', 'Chương trình', 'Nghị quyết', 'Chỉ thị'].map((k) => el('option', { value: k })));
  const year = el('input', { id: 'f-year', type: 'number', min: '1990', max: '2100', placeholder: 'Năm', 'aria-label': 'Năm ban hành', value: params.get('year') || '' });
  const since = el('input', { id: 'f-since', type: 'date', 'aria-label': 'Từ ngày', value: params.get('since') || '' });
  const until = el('input', { id: 'f-until', type: 'date', 'aria-label': 'Đến ngày', value: params.get('until') || '' });
  const issuer = choiceSelect('f-issuer', 'Cơ quan ban hành', params.get('issuer') || '', 'Mọi cơ quan ban hành', iss.map((n) => [n, n]));
  const relation = choiceSelect('f-relation', 'Quan hệ dẫn chiếu', params.get('relation') || '', 'Mọi quan hệ',
    RELATION_ORDER.map((r) => [r, RELATION_VI[r]]));
  const sort = choiceSelect('f-sort', 'Sắp xếp', params.get('sort') || '', o.sortFirst || 'Liên quan nhất', [['date', 'Mới nhất trước']]);
  const apply = () => onApply({
    province: prov.value.trim(), kind: kind.value.trim(), year: year.value.trim(),
    since: since.value, until: until.value, issuer: issuer.value, relation: o.relation ? relation.value : '', sort: sort.value,
  });
  for (const x of [prov, since, until, issuer, relation, sort]) x.addEventListener('change', apply);
  for (const x of [kind, year]) x.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); apply(); } });
  const clear = el('button', { type: 'button', class: 'secondary' }, 'Bỏ lọc');
  clear.addEventListener('click', () => onApply({}));
  return el('div', { class: 'filters', role: 'group', 'aria-label': 'Bộ lọc' },
    el('label', null, 'Tỉnh ', prov), el('label', null, 'Loại ', kind, kinds),
    el('label', null, 'Năm ', year), el('label', null, 'Từ ', since), el('label', null, 'đến ', until),
    el('label', null, 'Cơ quan ban hành ', issuer), o.relation ? el('label', null, 'Quan hệ ', relation) : null,
    el('label', null, 'Sắp xếp ', sort), extra || null, clear);
}

const FILTER_KEYS = ['province', 'kind', 'year', 'since', 'until', 'issuer', 'relation', 'sort'];

/* Facet chips: counts by a dimension, each a link that sets (or, active,
 * clears) its filter. name(k) is what people read. */
function facetChips(box, label, key, counts, f, hrefOf, name) {
  const entries = Object.entries(counts || {}).filter((e) => e[0] !== '').sort(byVi((e) => name(e[0])));
  if (!entries.length) return;
  box.append(el('span', { class: 'facet-label' }, label));
  for (const [k, n] of entries) {
    const active = f[key] && (f[key] === k || (key === 'relation' && RELATION_VI[k] === f[key]));
    box.append(el('a', { class: 'chip' + (active ? ' active' : ''), ['data-' + key]: k,
      href: hrefOf({ ...f, [key]: active ? '' : k, offset: '' }) }, `${name(k)} (${n})`));
  }
}
const filtersOf = (params) => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) || '']));

/* ---- view: search ------------------------------------------------------------------ */

async function viewSearch(params, root, gen) {
  const q = params.get('q') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const f = filtersOf(params);
  const input = el('input', { id: 'q', name: 'q', type: 'search', autocomplete: 'off', value: q,
    placeholder: 'Ví dụ: khoa học công nghệ, chuyển đổi số, 222/KH-UBND', 'aria-label': 'Từ khoá tìm kiếm' });
  const form = el('form', { id: 'search-form', role: 'search' }, input, el('button', { type: 'submit' }, 'Tìm'));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(hashLink('search', { q: input.value.trim(), ...f })); });
  const st = status('');
  st.id = 'search-status';
  const bar = await filterBar(params, (nf) => go(hashLink('search', { q, ...nf })), null, { relation: true });
  const facets = el('div', { id: 'search-facets', class: 'facets-box' });
  const offer = el('div', { id: 'doc-offer' });
  const results = el('ol', { id: 'results', class: 'results' });
  const pager = el('nav', { class: 'pager', 'aria-label': 'Trang' });
  const exp = el('div');
  root.replaceChildren(form, bar, st, offer, facets, exp, results, pager);
  input.focus();
  if (!q.trim()) { st.textContent = 'Nhập từ khoá để tìm trong các kế hoạch (có dấu hoặc không dấu), hoặc số hiệu một kế hoạch.'; return; }
  st.textContent = 'Đang tìm…';
  /* a plan's own number typed: offer its page */
  if (/\d+\s*\/\s*[A-Za-zĐđ]/.test(q)) {
    api('docs/' + encodeURIComponent(q.trim())).then((d) => {
      if (gen !== generation || !d.doc) return;
      offer.replaceChildren(el('p', { class: 'offer' }, 'Mở văn bản: ', docLink(d.doc, '')));
    }).catch(() => {});
  }
  let r;
  try {
    r = await api('search', { q, limit: PAGE_SIZE, offset, ...f });
  } catch (e) {
    if (gen === generation) { st.textContent = e.message; st.classList.add('error'); }
    return;
  }
  if (gen !== generation) return;
  const hits = r.hits || [];
  const total = r.total || 0;
  st.textContent = total
    ? `${total}${r.total_estimated ? '+' : ''} đoạn khớp — hiển thị ${offset + 1}–${offset + hits.length} (${r.took_ms} ms)`
    : `Không tìm thấy "${q}".`;
  if (r.province_read) st.append(` Tìm “${r.searched_as}” trong văn bản của ${r.province_read}.`); /* "… tỉnh X" read as a province */
  else if (r.searched_as) st.append(` Câu hỏi: tìm theo “${r.searched_as}”.`); /* a question's words left out */
  if (total && r.words_left_out) st.append(` Ít đoạn có đủ mọi từ: hiển thị các đoạn có phần lớn các từ (không bắt buộc: ${r.words_left_out}).`);
  if (total && r.also_as) st.append(` Tìm cả: “${r.also_as}”.`); /* a short form (an agency, a subject), in full */
  if (total && r.instrument_meant) { /* a number typed loosely: the instrument ranked first */
    st.append(' Số hiệu hiểu là ', el('a', { href: hashLink('refs', { q: r.instrument_meant }) }, r.instrument_meant), '.');
  }
  if (!total && r.suggestion && r.suggestion.query) {
    st.append(' Thử: ', el('a', { href: hashLink('search', { q: r.suggestion.query, ...f }) }, r.suggestion.query),
      ` (${r.suggestion.total} đoạn)`);
  }
  const fac = r.facets || {};
  const here = (nf) => hashLink('search', { q, ...nf });
  for (const [key, label, name] of [['province', 'Theo tỉnh:', (k) => k || 'không rõ tỉnh'],
    ['issuer', 'Cơ quan ban hành:', (k) => k], ['relation', 'Quan hệ dẫn chiếu:', relationVi]]) {
    const box = el('div', { class: 'facets', id: 'facets-' + key });
    facetChips(box, label, key, fac[key], f, here, name);
    if (box.childNodes.length) facets.append(box);
  }
  if (r.sort === 'date') st.append(' — mới nhất trước');
  for (const h of hits) {
    const doc = h.doc || {};
    const snippet = el('p', { class: 'snippet' });
    snippet.innerHTML = snippetHtml(h.snippet);
    results.append(el('li', { 'data-province': doc.province || '', 'data-province-2025': doc.province_2025 || '',
      'data-doc-id': doc.id, 'data-date': doc.date || '' },
      el('a', { class: 'hit-title', href: docHref(doc.id, q, h.line), title: doc.title || '' }, doc.title || docName(doc)),
      el('div', { class: 'hit-meta' }, docName(doc), doc.province_2025 && doc.province_2025 !== doc.province ? ` (nay thuộc ${doc.province_2025})` : '',
        ' — ', el('a', { href: docHref(doc.id, q, h.line), class: 'hit-where' }, where(h.section, h.line))),
      h.context ? el('p', { class: 'hit-context' }, el('span', { class: 'muted' }, h.via_context ? 'Khớp qua đề mục: ' : 'Thuộc mục: '), h.context) : null,
      snippet,
      h.more_in_doc ? el('p', { class: 'more-in-doc' }, el('a', { href: docHref(doc.id, q), class: 'more-link' },
        `… ${h.more_in_doc} kết quả nữa trong văn bản này`)) : null));
  }
  const cols = [
    { label: 'Văn bản', get: (h) => docName(h.doc) }, { label: 'Tỉnh', get: (h) => h.doc.province || '' },
    { label: 'Mục', get: (h) => h.section || '' }, { label: 'Dòng', num: 1, get: (h) => h.line },
    { label: 'Trích đoạn', get: (h) => (h.snippet || '').replace(/<\/?mark>/g, '') }];
  exp.replaceWith(exportBar('ket-qua-tim-kiem', cols, async () =>
    (await api('search', { q, limit: 200, offset: 0, ...f })).hits || []));
  if (total > hits.length) {
    const prev = el('a', { class: 'button' + (offset === 0 ? ' disabled' : ''), href: hashLink('search', { q, ...f, offset: Math.max(0, offset - PAGE_SIZE) }) }, '← Trước');
    const next = el('a', { class: 'button' + (offset + hits.length >= total ? ' disabled' : ''), href: hashLink('search', { q, ...f, offset: offset + PAGE_SIZE }) }, 'Sau →');
    pager.append(prev, el('span', null, `Trang ${Math.floor(offset / PAGE_SIZE) + 1} / ${Math.ceil(total / PAGE_SIZE)}`), next);
  }
}

/* ---- view: references of an instrument ----------------------------------------------- */

function datesText(inst) {
  return (inst.dates || []).map((d) => (typeof d === 'string' ? fmtDate(d) : `${fmtDate(d.date)} (${d.count || (d.docs || []).length} văn bản)`)).join('; ');
}

async function viewRefs(params, root, gen) {
  const q = params.get('q') || '';
  const input = el('input', { id: 'ref-q', type: 'search', autocomplete: 'off', value: q,
    placeholder: 'Số hiệu văn bản, ví dụ: 69-KL/TW, 20-NQ/TW, 709/QĐ-TTg, NQ 57', 'aria-label': 'Số hiệu văn bản' });
  const f = filtersOf(params);
  const form = el('form', { id: 'refs-form' }, input, el('button', { type: 'submit' }, 'Tra cứu'));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(hashLink('refs', { q: input.value.trim(), ...f })); });
  const st = status('');
  st.id = 'refs-status';
  const out = el('div', { id: 'refs-result' });
  const bar = q.trim() ? await filterBar(params, (nf) => go(hashLink('refs', { q, ...nf })), null, { relation: true, sortFirst: 'Theo thứ tự văn bản' }) : null;
  if (gen !== generation) return;
  root.replaceChildren(form, bar || '', st, out);
  input.focus();
  if (!q.trim()) {
    st.textContent = 'Nhập số hiệu văn bản để xem những kế hoạch nào dẫn chiếu, sơ đồ thực hiện và mức độ bao phủ theo tỉnh.';
    listInstruments(out, gen);
    return;
  }
  st.textContent = 'Đang tra cứu…';
  let r;
  try { r = await api('refs', { q, ...f }); } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  const insts = r.instruments || [];
  const cits = r.citations || [];
  st.textContent = insts.length
    ? `${insts.length} văn bản khớp, ${r.total || cits.length} lần được dẫn chiếu (${r.took_ms} ms)` + (r.interpreted_as ? ` — hiểu là ${r.interpreted_as}` : '')
    : `Không có văn bản nào mang số hiệu "${q}".` + ((r.suggestions || []).length ? ' Gần nhất: ' : '');
  for (const s of r.suggestions || []) st.append(' ', el('a', { href: hashLink('refs', { q: s.key || s }) }, s.key || s));
  for (const c of r.candidates || []) st.append(' ', el('a', { href: hashLink('refs', { q: c.key }) }, c.key));
  if (r.sort === 'date') st.append(' — kế hoạch mới nhất trước');
  const facets = el('div', { id: 'refs-facets', class: 'facets-box' });
  for (const [key, label, name] of [['relation', 'Quan hệ dẫn chiếu:', relationVi], ['issuer', 'Cơ quan ban hành:', (k) => k]]) {
    const box = el('div', { class: 'facets', id: 'refs-facets-' + key });
    facetChips(box, label, key, (r.facets || {})[key], f, (nf) => hashLink('refs', { q, ...nf }), name);
    if (box.childNodes.length) facets.append(box);
  }
  out.append(facets);
  if (insts.length) {
    const cols = [
      { label: 'Số hiệu', get: (i) => i.key, cell: (i) => el('a', { href: instHref(i.key + (i.scope ? '@' + i.scope : '')) }, i.key) },
      { label: 'Loại', get: (i) => i.type || '' }, { label: 'Cơ quan ban hành', get: (i) => i.issuer_body || i.issuer_code || '' },
      { label: 'Ngày (theo các kế hoạch)', get: datesText },
      { label: 'Lần dẫn', num: 1, get: (i) => i.citations ?? '' }];
    out.append(el('h2', null, 'Văn bản'), exportBar('van-ban', cols, () => insts), dataTable(cols, insts));
  }
  if (cits.length) {
    const cols = [
      { label: 'Kế hoạch', get: (c) => docName(c.doc), cell: (c) => docLink(c.doc, '', c.line) },
      { label: 'Số hiệu', get: (c) => c.instrument || '' },
      { label: 'Quan hệ', get: (c) => (c.relations || [c.relation]).map(relationVi).join(', ') },
      { label: 'Ngày ghi', get: (c) => fmtDate(c.date) },
      { label: 'Ngày kế hoạch', get: (c) => fmtDate(c.doc.date) },
      { label: 'Vị trí', get: (c) => where(c.section, c.line), cell: (c) => el('a', { href: docHref(c.doc.id, '', c.line) }, where(c.section, c.line)) },
      { label: 'Trích đoạn', get: (c) => c.text || '' }];
    out.append(el('h2', null, 'Được dẫn chiếu trong'), exportBar('dan-chieu', cols, () => cits), dataTable(cols, cits, { cls: 'citations' }));
  }
}

async function listInstruments(out, gen) {
  let r;
  try { r = await api('instruments'); } catch (e) { return; }
  if (gen !== generation) return;
  const list = (r.instruments || []).slice(0, 60);
  const cols = [
    { label: 'Số hiệu', get: (i) => i.key, cell: (i) => el('a', { href: instHref(i.key + (i.scope ? '@' + i.scope : '')) }, i.key) },
    { label: 'Loại', get: (i) => i.type || '' }, { label: 'Phạm vi', get: (i) => i.scope || 'Trung ương' },
    { label: 'Kế hoạch dẫn', num: 1, get: (i) => i.docs }, { label: 'Lần dẫn', num: 1, get: (i) => i.citations }];
  out.append(el('h2', null, 'Văn bản được dẫn nhiều nhất'), exportBar('van-ban-duoc-dan', cols, () => r.instruments || []), dataTable(cols, list));
}

/* ---- view: agency × province --------------------------------------------------------- */

let agencyCache = null;
const agencies = () => (agencyCache = agencyCache || api('agencies').then((r) => r.agencies || []).catch((e) => { agencyCache = null; throw e; }));

async function viewWho(params, root, gen) {
  const agency = params.get('agency') || '';
  const old = params.get('before') === '1';
  const sel = el('select', { id: 'agency', 'aria-label': 'Cơ quan' }, el('option', { value: '' }, '— chọn cơ quan —'));
  const typed = el('input', { type: 'search', id: 'agency-typed', list: 'agency-suggest', autocomplete: 'off', 'aria-label': 'Gõ tên cơ quan', placeholder: 'hoặc gõ tên: so giao duc…' });
  const dl = el('datalist', { id: 'agency-suggest' });
  const form = el('form', { id: 'who-form' }, sel, typed, dl, el('button', { type: 'submit' }, 'Xem'));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(hashLink('who', { agency: typed.value.trim() || sel.value, before: old ? '1' : '' })); });
  sel.addEventListener('change', () => go(hashLink('who', { agency: sel.value, before: old ? '1' : '' })));
  let timer = null;
  typed.addEventListener('input', () => {
    clearTimeout(timer);
    const t = typed.value.trim();
    if (t.length < 2) return;
    timer = setTimeout(() => api('agencies', { prefix: t, limit: 8 }).then((r) =>
      dl.replaceChildren(...(r.agencies || []).map((a) => el('option', { value: a.name })))).catch(() => {}), 150);
  });
  const st = status('');
  st.id = 'who-status';
  const out = el('div', { id: 'who-result' });
  root.replaceChildren(form, st, out);
  let list = [];
  try { list = await agencies(); } catch (e) { st.textContent = e.message; st.classList.add('error'); return; }
  if (gen !== generation) return;
  for (const a of list.slice().sort(byVi((a) => a.name))) {
    sel.append(el('option', { value: a.name }, `${a.name} (${(a.lead || 0) + (a.support || 0)})`));
  }
  if (agency && ![...sel.options].some((o) => o.value === agency)) sel.append(el('option', { value: agency }, agency));
  sel.value = agency;
  sel.dataset.loaded = '1';
  if (!agency) { st.textContent = 'Chọn một cơ quan để xem các tỉnh giao nhiệm vụ cho cơ quan đó (chủ trì, phối hợp).'; return; }
  st.textContent = 'Đang tải…';
  let r;
  try { r = await api('who/grid', { agency }); } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  const a = r.agency || {};
  const name = a.name || agency;
  const cells = old ? (r.provinces || []) : (r.units || []);
  const withTasks = (r.provinces || []).filter((x) => x.lead + x.support > 0);
  st.textContent = `${name}: ${r.total || 0} nhiệm vụ (chủ trì ${r.lead || 0}, phối hợp ${r.support || 0}) ở ${withTasks.length} tỉnh (${r.took_ms} ms)`
    + (a.successor ? ` — nay là ${a.successor}` : '') + (r.interpreted_as ? ` — hiểu là ${r.interpreted_as}` : '')
    + (r.province_read ? ` — chỉ văn bản của ${r.province_read}` : '')
    + (r.without_province ? ` — ngoài ra ${r.without_province.lead + r.without_province.support} nhiệm vụ trong văn bản trung ương` : '');
  /* the grid: 34 units (or the 63 before), one answer; a cell's colour
   * mixes the lead colour and the support colour by their shares, darker
   * with more tasks */
  const max = Math.max(1, old ? r.max || 0 : r.max_2025 || 0);
  const toggle = el('a', { href: hashLink('who', { agency: name, before: old ? '' : '1' }), class: 'toggle' },
    old ? 'Xem theo 34 đơn vị từ 2025' : 'Xem theo 63 tỉnh trước 2025');
  const grid = el('div', { class: 'grid', id: 'who-grid', role: 'list' }, cells.map((c) => {
    const total = c.lead + c.support;
    const cell = el(total ? 'a' : 'span', {
      role: 'listitem', class: 'cell' + (total ? ' has' : ' none') + (total && c.lead >= c.support ? ' lead-more' : total ? ' support-more' : ''),
      'data-province': c.province, 'data-lead': c.lead, 'data-support': c.support,
      href: total ? hashLink('tasks', { agency: name, province: c.province }) : null,
      title: `${c.province}${c.members && c.members.length > 1 ? ' (' + c.members.join(', ') + ')' : ''}: chủ trì ${c.lead}, phối hợp ${c.support}`,
    }, el('span', { class: 'cell-name' }, c.province), el('span', { class: 'cell-count' }, total ? `${c.lead} · ${c.support}` : '—'));
    if (total) {
      const heat = 0.2 + 0.6 * total / max, share = c.lead / total;
      const mix = (x, y) => Math.round(255 + (x * share + y * (1 - share) - 255) * heat);
      cell.style.backgroundColor = `rgb(${mix(31, 214)}, ${mix(138, 134)}, ${mix(76, 20)})`;
      if (heat > 0.55) cell.classList.add('dark');
    }
    return cell;
  }));
  const legend = el('p', { class: 'muted legend' }, 'Mỗi ô: số nhiệm vụ ', el('span', { class: 'role-lead' }, 'chủ trì'), ' · ',
    el('span', { class: 'role-support' }, 'phối hợp'), '; màu xanh lá: chủ trì nhiều hơn, màu cam: phối hợp nhiều hơn; màu đậm hơn là nhiều nhiệm vụ hơn. Bấm một ô để xem mọi nhiệm vụ của tỉnh đó.');
  const cols = [
    { label: 'Tỉnh', get: (x) => x.province, cell: (x) => el('a', { href: hashLink('tasks', { agency: name, province: x.province }) }, x.province) },
    { label: 'Từ 2025', get: (x) => x.province_2025 || '' },
    { label: 'Chủ trì', num: 1, get: (x) => x.lead || 0 }, { label: 'Phối hợp', num: 1, get: (x) => x.support || 0 },
    { label: 'Kế hoạch', num: 1, get: (x) => x.docs || 0 }];
  out.append(toggle, legend, grid, el('h2', null, 'Theo tỉnh'), exportBar('co-quan-theo-tinh', cols, () => withTasks), dataTable(cols, withTasks));
}

/* ---- view: tasks (an agency, a province, a document), paged ------------------------------ */

function taskNames(x) { return (x || []).map((a) => (typeof a === 'string' ? a : a.name)).join('; '); }

function taskCols(q) {
  return [
    { label: 'Kế hoạch', get: (t) => docName(t.doc), cell: (t) => docLink(t.doc, q || '', t.line) },
    { label: 'Chủ trì', get: (t) => taskNames(t.lead) }, { label: 'Phối hợp', get: (t) => taskNames(t.support) },
    { label: 'Nhiệm vụ', get: (t) => t.text || '' },
    { label: 'Thời hạn', get: (t) => t.deadline || '' },
    { label: 'Vị trí', get: (t) => where(t.section, t.line), cell: (t) => el('a', { href: docHref(t.doc.id, '', t.line) }, where(t.section, t.line)) }];
}

async function viewTasks(params, root, gen) {
  const agency = params.get('agency') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const per = Math.min(200, Math.max(1, parseInt(params.get('per') || String(TASK_PAGE), 10) || TASK_PAGE));
  const perArg = per === TASK_PAGE ? '' : per;
  const f = filtersOf(params);
  const ag = el('input', { id: 't-agency', type: 'search', value: agency, placeholder: 'Cơ quan (gõ một phần tên)', 'aria-label': 'Cơ quan' });
  ag.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); go(hashLink('tasks', { ...f, agency: ag.value.trim() })); } });
  const bar = await filterBar(params, (nf) => go(hashLink('tasks', { ...nf, agency: ag.value.trim() })), el('label', null, 'Cơ quan ', ag));
  const st = status('Đang tải…');
  st.id = 'tasks-status';
  const out = el('div', { id: 'tasks-result' });
  root.replaceChildren(bar, st, out);
  let r;
  const req = { agency, limit: per, offset, ...f };
  try { r = await api('tasks', req); } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  const tasks = r.tasks || [];
  const total = r.total || 0;
  st.textContent = total ? `${total} nhiệm vụ — hiển thị ${offset + 1}–${offset + tasks.length}` + (r.sort === 'date' ? ', mới nhất trước' : '') : 'Không có nhiệm vụ nào.';
  const facets = el('div', { class: 'facets-box', id: 'tasks-facets' });
  for (const [key, label, name] of [['province', 'Theo tỉnh:', (k) => k || 'không rõ tỉnh'], ['issuer', 'Cơ quan ban hành:', (k) => k]]) {
    const box = el('div', { class: 'facets', id: 'tasks-facets-' + key });
    facetChips(box, label, key, (r.facets || {})[key], f, (nf) => hashLink('tasks', { ...nf, agency, per: perArg }), name);
    if (box.childNodes.length) facets.append(box);
  }
  const cols = taskCols();
  out.append(facets, exportBar('nhiem-vu', cols, () => allPages('tasks', { ...req, offset: 0 }, 'tasks', total)), dataTable(cols, tasks, { cls: 'tasks' }));
  if (total > tasks.length) {
    out.append(el('nav', { class: 'pager' },
      el('a', { class: 'button prev' + (offset === 0 ? ' disabled' : ''), href: hashLink('tasks', { ...f, agency, per: perArg, offset: Math.max(0, offset - per) }) }, '← Trước'),
      el('span', { class: 'page-of' }, `Trang ${Math.floor(offset / per) + 1} / ${Math.ceil(total / per)}`),
      el('a', { class: 'button next' + (offset + tasks.length >= total ? ' disabled' : ''), href: hashLink('tasks', { ...f, agency, per: perArg, offset: offset + per }) }, 'Sau →')));
  }
}

async function allPages(path, req, key, total) {
  const out = [];
  for (let off = 0; off < Math.min(total, 10000); off += 200) {
    const r = await api(path, { ...req, limit: 200, offset: off });
    out.push(...(r[key] || []));
    if (!(r[key] || []).length) break;
  }
  return out;
}

/* ---- view: documents ------------------------------------------------------------------ */

async function viewDocs(params, root, gen) {
  const f = filtersOf(params);
  const bar = await filterBar(params, (nf) => go(hashLink('docs', nf)));
  const st = status('Đang tải…');
  st.id = 'docs-status';
  const out = el('div', { id: 'docs-result' });
  root.replaceChildren(bar, st, out);
  let r;
  try { r = await api('docs', f); } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  /* in the server's order: province in Vietnamese order, newest first (or newest first over all) */
  const docs = r.docs || [];
  st.textContent = `${r.total || docs.length} văn bản` + (r.sort === 'date' ? ', mới nhất trước' : '');
  const byIssuer = {};
  for (const d of docs) if (d.issuer) byIssuer[d.issuer] = (byIssuer[d.issuer] || 0) + 1;
  const facets = el('div', { class: 'facets', id: 'docs-facets-issuer' });
  facetChips(facets, 'Cơ quan ban hành:', 'issuer', byIssuer, f, (nf) => hashLink('docs', nf), (k) => k);
  out.append(facets);
  const cols = [
    { label: 'Tỉnh', get: (d) => d.province || '' }, { label: 'Từ 2025', get: (d) => d.province_2025 || '' },
    { label: 'Số', get: (d) => d.number || '', cell: (d) => el('a', { href: docHref(d.id), class: 'doc-link' }, d.number || 'không số') },
    { label: 'Ngày', get: (d) => fmtDate(d.date) }, { label: 'Loại', get: (d) => d.kind || '' },
    { label: 'Cơ quan ban hành', get: (d) => d.issuer || '' },
    { label: 'Trích yếu', get: (d) => d.title || '', cell: (d) => el('a', { href: docHref(d.id) }, d.title || d.file || '') },
    { label: 'Dẫn chiếu', num: 1, get: (d) => d.citations ?? '' }, { label: 'Nhiệm vụ', num: 1, get: (d) => d.tasks ?? '' }];
  out.append(exportBar('van-ban', cols, () => docs), dataTable(cols, docs));
}

/* ---- view: a document ------------------------------------------------------------------ */

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/* The query's words, folded; "khoa*" → prefix. Operators and numbers' parts kept simple. */
function queryTerms(q) {
  const terms = [];
  for (const m of (q || '').matchAll(/[\p{L}\p{N}]+\*?/gu)) {
    const w = m[0];
    if (/^(AND|OR|NOT)$/.test(w)) continue;
    terms.push({ w: fold(w.replace(/\*$/, '')), prefix: w.endsWith('*') });
  }
  return terms;
}

/* A passage's text as nodes with the query's words in <mark>. */
function markedText(text, terms) {
  if (!terms.length) return [text];
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = fold(m[0]);
    if (terms.some((t) => (t.prefix ? w.startsWith(t.w) : w === t.w))) {
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(el('mark', null, m[0]));
      last = m.index + m[0].length;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

async function viewDoc(id, params, root, gen) {
  const q = params.get('q') || '';
  const line = parseInt(params.get('L') || '0', 10) || 0;
  const st = status('Đang tải văn bản…');
  root.replaceChildren(st);
  let d, text;
  try {
    [d, text] = await Promise.all([api('docs/' + encodeURIComponent(id)), api('text', { doc: id })]);
  } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  const doc = d.doc || {};
  document.title = (doc.number || doc.title || 'Văn bản') + ' — vnplan';
  const meta = el('dl', { class: 'meta', id: 'doc-meta' },
    ...[['Loại văn bản', doc.kind], ['Số, ký hiệu', doc.number || 'không ghi số'], ['Ngày ban hành', fmtDate(doc.date) || 'không rõ'],
      ['Cơ quan ban hành', doc.issuer], ['Tỉnh, thành phố', doc.province],
      ['Đơn vị từ 01/7/2025', doc.province_2025], ['Người ký', doc.signer], ['Tệp', (doc.file || '').split('/').pop()]]
      .filter((x) => x[1]).map(([k, v]) => [el('dt', null, k), el('dd', null, v)]).flat());
  const head = el('div', { class: 'doc-head' },
    el('p', { class: 'crumbs' }, el('a', { href: hashLink('docs', {}) }, 'Danh sách kế hoạch'), ' › ', docName(doc)),
    el('h2', { class: 'doc-title', id: 'doc-title' }, doc.title || docName(doc)), meta,
    el('p', { class: 'doc-actions' },
      el('a', { class: 'button secondary', href: '#doc-chain' }, 'Sơ đồ thực hiện'), ' ',
      el('a', { class: 'button secondary', href: '#doc-cites' }, 'Văn bản dẫn chiếu'), ' ',
      el('a', { class: 'button secondary', href: '#doc-tasks' }, `Nhiệm vụ (${d.tasks_total || 0})`),
      doc.number ? [' ', el('a', { class: 'button secondary', href: '/d/' + doc.number }, 'Liên kết theo số')] : null));
  /* outline */
  const outline = el('nav', { class: 'outline', id: 'doc-outline', 'aria-label': 'Mục lục' }, el('h3', null, 'Mục lục'),
    el('ol', null, (d.sections || []).filter((s) => s.section.split('.').length <= 2).map((s) => {
      const p = (text.passages || []).find((x) => x.line === s.line);
      const label = s.section + (p && p.text ? ' ' + p.text.slice(0, 70) + (p.text.length > 70 ? '…' : '') : '');
      return el('li', { class: 'depth' + s.section.split('.').length }, el('a', { href: docHref(doc.id, q, s.line), 'data-line': s.line }, label));
    })));
  /* full text */
  const terms = queryTerms(q);
  const body = el('div', { class: 'fulltext', id: 'doc-text', lang: 'vi' }, (text.passages || []).map((p) =>
    el(p.kind === 1 ? 'h4' : 'p', { id: 'L' + p.line, class: 'psg' + (p.line === line ? ' target' : ''), 'data-line': p.line },
      el('a', { class: 'anchor', href: docHref(doc.id, q, p.line), 'aria-label': 'Liên kết đến dòng ' + p.line, title: 'dòng ' + p.line }, '¶'),
      ' ', ...markedText(p.text || '', terms))));
  if (text.truncated) body.append(status('Văn bản quá dài: chỉ hiển thị 20.000 đoạn đầu.'));
  const textCol = el('section', { class: 'doc-body' }, el('h3', null, 'Toàn văn'), q ? el('p', { class: 'muted' }, `Các từ "${q}" được tô màu.`) : null, body);
  /* citations by relation */
  const cites = el('section', { id: 'doc-cites' }, el('h3', null, 'Văn bản dẫn chiếu'));
  const groups = {};
  for (const c of d.instruments || []) for (const r of c.relations || [c.relation]) (groups[r] = groups[r] || []).push(c);
  for (const r of RELATION_ORDER.filter((x) => groups[x]).concat(Object.keys(groups).filter((x) => !RELATION_ORDER.includes(x)))) {
    const seen = new Map();
    for (const c of groups[r]) {
      const k = c.key + (c.scope ? '@' + c.scope : '');
      if (!seen.has(k)) seen.set(k, { ...c, lines: [] });
      seen.get(k).lines.push(c.line);
    }
    cites.append(el('h4', { class: 'relation', 'data-relation': r }, `${relationVi(r)} (${seen.size})`),
      el('ul', { class: 'cite-list' }, [...seen.values()].map((c) => el('li', null,
        el('a', { href: instHref(c.key + (c.scope ? '@' + c.scope : '')) }, c.key), c.type ? ` — ${c.type}` : '',
        c.scope ? ` (${c.scope})` : '', c.date ? `, ngày ${fmtDate(c.date)}` : '', ' · ',
        c.lines.slice(0, 6).map((l, i) => [i ? ', ' : 'dòng ', el('a', { href: docHref(doc.id, q, l) }, String(l))])))));
  }
  const citeCols = [{ label: 'Quan hệ', get: (c) => (c.relations || [c.relation]).map(relationVi).join(', ') },
    { label: 'Số hiệu', get: (c) => c.key }, { label: 'Loại', get: (c) => c.type || '' }, { label: 'Phạm vi', get: (c) => c.scope || '' },
    { label: 'Ngày', get: (c) => fmtDate(c.date) }, { label: 'Dòng', num: 1, get: (c) => c.line }];
  cites.append(exportBar('dan-chieu-' + doc.id, citeCols, () => d.instruments || []));
  /* tasks, filterable by agency */
  const tasksSec = el('section', { id: 'doc-tasks' }, el('h3', null, `Nhiệm vụ (${d.tasks_total || 0})`));
  let tasks = d.tasks || [];
  if ((d.tasks_total || 0) > tasks.length) {
    try { tasks = await allPages('tasks', { doc: String(doc.id) }, 'tasks', d.tasks_total); } catch (e) { /* the first page */ }
  }
  const agNames = [...new Set(tasks.flatMap((t) => (t.lead || []).concat(t.support || []).map((a) => (typeof a === 'string' ? a : a.name))))].sort(collator.compare);
  const agSel = el('select', { id: 'doc-task-agency', 'aria-label': 'Lọc nhiệm vụ theo cơ quan' }, el('option', { value: '' }, 'Mọi cơ quan'),
    agNames.map((n) => el('option', { value: n }, n)));
  const tcols = [
    { label: 'Cơ quan chủ trì', get: (t) => taskNames(t.lead) }, { label: 'Phối hợp', get: (t) => taskNames(t.support) },
    { label: 'Nhiệm vụ', get: (t) => t.text || '' }, { label: 'Thời hạn', get: (t) => t.deadline || '' },
    { label: 'Vị trí', get: (t) => where(t.section, t.line), cell: (t) => el('a', { href: docHref(doc.id, q, t.line) }, where(t.section, t.line)) }];
  const tbox = el('div');
  const shown = () => tasks.filter((t) => !agSel.value || (t.lead || []).concat(t.support || []).some((a) => (typeof a === 'string' ? a : a.name) === agSel.value));
  const draw = () => tbox.replaceChildren(dataTable(tcols, shown(), { cls: 'tasks' }));
  agSel.addEventListener('change', draw);
  draw();
  tasksSec.append(el('div', { class: 'filters' }, el('label', null, 'Cơ quan ', agSel), exportBar('nhiem-vu-' + doc.id, tcols, () => shown())), tbox);
  /* chain centred on the document */
  const chainSec = el('section', { id: 'doc-chain' }, el('h3', null, 'Sơ đồ thực hiện'), el('p', { class: 'muted' }, 'Văn bản này thực hiện (phía trên) và văn bản thực hiện nó (phía dưới).'));
  root.replaceChildren(head, el('div', { class: 'doc-layout' }, outline, textCol), cites, tasksSec, chainSec);
  docChain(doc, d, chainSec, gen);
  if (line) {
    const t = document.getElementById('L' + line);
    if (t) { t.scrollIntoView({ block: 'center' }); t.focus && t.setAttribute('tabindex', '-1'); }
  }
}

/* ---- the implementation chain in SVG -----------------------------------------------------
 * Levels: Party → Government / PM (and National Assembly) → ministries →
 * provincial Party committees → provincial People's Committees. Nodes are
 * laid out row by row per level, wrapping to more rows when a level has
 * more than fit the width; edges go from what implements to what is
 * implemented. Every node is a link (document page or instrument). */


/* nodes: [{id, label, sub, level, href, kind, center}], edges: [{from, to, relation}] */
function drawChain(box, nodes, edges) {
  const W = Math.max(320, Math.min(1100, box.clientWidth || 1000));
  const narrow = W < 600;
  const nodeW = narrow ? 132 : 168, nodeH = 44, gapX = 10, gapY = 22, left = narrow ? 8 : 150;
  const perRow = Math.max(1, Math.floor((W - left - 8 + gapX) / (nodeW + gapX)));
  const pos = new Map();
  let y = 10;
  const bands = [];
  for (let lv = 0; lv < LEVELS.length; lv++) {
    /* under the levels placed, a node stands near what it is joined to
     * (the mean x of its placed neighbours), so lines cross less */
    const near = (n) => {
      const xs = edges.map((e) => (e.from === n.id ? e.to : e.to === n.id ? e.from : null))
        .map((id) => pos.get(id)).filter(Boolean).map((p) => p.x + p.y / 1e4);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Infinity;
    };
    const here = nodes.filter((n) => n.level === lv).map((n) => ({ n, x: near(n) }))
      .sort((a, b) => (b.n.center ? 1 : 0) - (a.n.center ? 1 : 0) || (a.x - b.x) || collator.compare(a.n.label, b.n.label))
      .map((e) => e.n);
    if (!here.length) continue;
    const rows = Math.ceil(here.length / perRow);
    const top = y;
    if (narrow) y += 18;
    here.forEach((n, i) => {
      const r = Math.floor(i / perRow), c = i % perRow;
      const inRow = Math.min(perRow, here.length - r * perRow);
      const rowW = inRow * nodeW + (inRow - 1) * gapX;
      const x0 = left + Math.max(0, (W - left - 8 - rowW) / 2);
      pos.set(n.id, { x: x0 + c * (nodeW + gapX), y: y + r * (nodeH + gapY / 2) });
    });
    y += rows * (nodeH + gapY / 2) - gapY / 2;
    bands.push({ lv, top, bottom: y });
    y += gapY + 8;
  }
  const H = y;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chain' + (edges.length > 24 ? ' dense' : ''),
    role: 'group', 'aria-label': `Sơ đồ thực hiện: ${nodes.length} văn bản` });
  bands.forEach((b, i) => {
    root.append(svg('rect', { x: 0, y: b.top - 6, width: W, height: b.bottom - b.top + 12, class: 'band' + (i % 2 ? ' odd' : '') }));
    root.append(svg('text', { x: 6, y: narrow ? b.top + 8 : (b.top + b.bottom) / 2 + 4, class: 'band-label' }, LEVELS[b.lv]));
  });
  const gEdges = svg('g', { class: 'edges' });
  for (const e of edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + nodeW / 2, y1 = a.y, x2 = b.x + nodeW / 2, y2 = b.y + nodeH;
    const my = (y1 + y2) / 2;
    gEdges.append(svg('path', { d: `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`, class: 'edge rel-' + e.relation },
      svg('title', null, relationVi(e.relation))));
  }
  root.append(gEdges);
  for (const n of nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const clip = (s, m) => (s.length > m ? s.slice(0, m - 1) + '…' : s);
    const a = svg('a', { href: n.href, class: 'node node-' + n.kind + (n.center ? ' center' : ''), 'data-kind': n.kind, 'data-id': n.id },
      svg('title', null, n.title || n.label),
      svg('rect', { x: p.x, y: p.y, width: nodeW, height: nodeH, rx: 6 }),
      svg('text', { x: p.x + 8, y: p.y + 18, class: 'node-label' }, clip(n.label, narrow ? 17 : 22)),
      svg('text', { x: p.x + 8, y: p.y + 34, class: 'node-sub' }, clip(n.sub || '', narrow ? 20 : 26)));
    root.append(a);
  }
  box.replaceChildren(root);
  return root;
}

function chainLegend() {
  return el('p', { class: 'legend muted' }, 'Đường nối: ',
    ...['implements', 'continues', 'basis'].map((r) => [el('span', { class: 'swatch rel-' + r }), relationVi(r), ' ']).flat(),
    ' — bấm vào một ô để mở văn bản.');
}

/* The chain from one server answer (/api/instruments/KEY/chain): nodes
 * placed on their level by the server (from the issuer as stored), edges
 * with their relation. */
async function instrumentChain(key, r, box, gen) {
  let c;
  try { c = await api('instruments/' + encodeURIComponent(key) + '/chain'); } catch (e) { box.replaceChildren(status(e.message, true)); return null; }
  if (gen !== generation) return null;
  const nodes = (c.nodes || []).map((n) => ({
    id: n.id, label: n.label || n.number || '', level: n.level, href: n.link, kind: n.kind, center: !!n.center,
    sub: n.kind === 'doc' ? [n.province, fmtDate(n.date)].filter(Boolean).join(' · ') : (n.center ? (((r.instruments || [])[0] || {}).type || '') : (n.province || '')),
    title: [n.title, n.issuer].filter(Boolean).join(' — ') || n.label,
  }));
  const draw = () => drawChain(box, nodes, c.edges || []);
  draw();
  if (c.truncated) box.append(status(`Chỉ vẽ ${nodes.filter((n) => n.kind === 'doc').length} trong ${c.docs_total} kế hoạch.`));
  return draw;
}

/* The chain centred on a document, from one answer (/api/docs/ID/chain):
 * what it rests on above, what carries it out below, each on the level the
 * server gives (from the issuer as stored). */
async function docChain(doc, d, sec, gen) {
  const box = el('div', { class: 'chain-box', id: 'doc-chain-svg' });
  sec.append(chainLegend(), box);
  let c;
  try { c = await api('docs/' + encodeURIComponent(String(doc.id)) + '/chain'); } catch (e) { box.replaceChildren(status(e.message, true)); return; }
  if (gen !== generation) return;
  const nodes = (c.nodes || []).map((n) => ({
    id: n.id, label: n.label || n.number || '', level: n.level, href: n.link, kind: n.kind, center: !!n.center,
    sub: n.kind === 'doc' ? [n.province, fmtDate(n.date)].filter(Boolean).join(' · ') : (n.province || ''),
    title: [n.title, n.issuer].filter(Boolean).join(' — ') || n.label,
  }));
  drawChain(box, nodes, c.edges || []);
}

/* ---- view: an instrument (chain, coverage, citations) -------------------------------------- */

async function viewInstrument(key, params, root, gen) {
  const tab = params.get('tab') || 'chain';
  const old = params.get('before') === '1';
  const st = status('Đang tải…');
  root.replaceChildren(st);
  let r;
  try { r = await api('instruments/' + encodeURIComponent(key)); } catch (e) { if (gen === generation) { st.textContent = e.message; st.classList.add('error'); } return; }
  if (gen !== generation) return;
  const inst = (r.instruments || [])[0] || { key };
  document.title = inst.key + ' — vnplan';
  const tabs = el('nav', { class: 'subtabs', 'aria-label': 'Nội dung' }, [['chain', 'Sơ đồ thực hiện'], ['coverage', 'Bao phủ theo tỉnh'], ['cites', 'Nơi dẫn chiếu']]
    .map(([t, label]) => el('a', { href: hashLink('i/' + encodeURIComponent(key), { tab: t }), class: t === tab ? 'active' : null, id: 'tab-' + t }, label)));
  const head = el('div', { class: 'doc-head' },
    el('h2', { id: 'inst-title' }, `${inst.type || 'Văn bản'} ${inst.key}`, inst.scope ? ` (${inst.scope})` : ''),
    el('dl', { class: 'meta' }, ...[['Cơ quan ban hành', inst.issuer_body], ['Ngày (theo các kế hoạch)', datesText(inst)],
      ['Số kế hoạch dẫn chiếu', String(r.docs_total ?? inst.docs ?? '')], ['Số lần dẫn', String(inst.citations ?? r.total ?? '')],
      ['Được thực hiện bởi', String((r.implemented_by || []).length) + ' văn bản']]
      .filter((x) => x[1]).map(([k, v]) => [el('dt', null, k), el('dd', null, v)]).flat()),
    inst.conflict ? el('p', { class: 'conflict' }, 'Các kế hoạch ghi ngày ban hành khác nhau.') : null, tabs);
  const body = el('div', { id: 'inst-body' });
  root.replaceChildren(head, body);
  if (tab === 'chain') {
    const box = el('div', { class: 'chain-box', id: 'chain' });
    body.append(chainLegend(), box);
    await instrumentChain(key, r, box, gen);
  } else if (tab === 'coverage') {
    await coverageView(key, old, body, gen);
  } else {
    const cits = r.citations || [];
    const cols = [
      { label: 'Kế hoạch', get: (c) => docName(c.doc), cell: (c) => docLink(c.doc, '', c.line) },
      { label: 'Quan hệ', get: (c) => (c.relations || [c.relation]).map(relationVi).join(', ') },
      { label: 'Ngày ghi', get: (c) => fmtDate(c.date) },
      { label: 'Vị trí', get: (c) => where(c.section, c.line) }, { label: 'Trích đoạn', get: (c) => c.text || '' }];
    body.append(exportBar('dan-chieu-' + inst.key.replace(/\W+/g, '-'), cols, () => cits), dataTable(cols, cits, { cls: 'citations' }));
  }
}

async function coverageView(key, old, body, gen) {
  let r;
  try { r = await api('instruments/' + encodeURIComponent(key) + '/coverage'); } catch (e) { body.append(status(e.message, true)); return; }
  if (gen !== generation) return;
  const list = old ? r.provinces : r.provinces_2025;
  const n = old ? r.covered : r.covered_2025, total = old ? r.total : r.total_2025;
  const toggle = el('a', { href: hashLink('i/' + encodeURIComponent(key), { tab: 'coverage', before: old ? '' : '1' }), class: 'toggle' },
    old ? 'Xem theo 34 đơn vị từ 2025' : 'Xem theo 63 tỉnh trước 2025');
  const rows = [];
  for (const p of list) {
    if (!p.plans.length) rows.push({ p, plan: null });
    for (const pl of p.plans) rows.push({ p, plan: pl });
  }
  const cols = [
    { label: 'Tỉnh, thành phố', get: (x) => x.p.province },
    { label: old ? 'Từ 2025' : 'Gồm', get: (x) => (old ? x.p.province_2025 : (x.p.members || []).join(', ')) },
    { label: 'Có kế hoạch', get: (x) => (x.plan ? 'Có' : 'Chưa') },
    { label: 'Kế hoạch', get: (x) => (x.plan ? docName(x.plan) : ''), cell: (x) => (x.plan ? docLink(x.plan) : el('span', { class: 'missing' }, 'Chưa có')) },
    { label: 'Quan hệ', get: (x) => (x.plan ? relationVi(x.plan.relation) : '') },
    { label: 'Ngày', get: (x) => (x.plan ? fmtDate(x.plan.date) : '') },
    { label: 'Chậm (ngày)', num: 1, get: (x) => (x.plan && x.plan.lag_days !== null ? x.plan.lag_days : '') },
    { label: 'Nhiệm vụ', num: 1, get: (x) => (x.plan ? x.plan.tasks : '') }];
  body.append(el('p', { id: 'coverage-summary', class: 'summary' },
    `${n}/${total} ${old ? 'tỉnh (trước 2025)' : 'đơn vị (từ 2025)'} có kế hoạch thực hiện ${r.key}`,
    r.instrument && r.instrument.date ? ` (ban hành ${fmtDate(r.instrument.date)}; độ chậm tính từ ngày này)` : ''), toggle,
  exportBar('bao-phu-' + r.key.replace(/\W+/g, '-'), cols, () => rows),
  dataTable(cols, rows, { cls: 'coverage', rowClass: (x) => (x.plan ? 'covered' : 'uncovered') }));
}

/* ---- routing ---------------------------------------------------------------------------- */

const VIEWS = { search: viewSearch, refs: viewRefs, who: viewWho, tasks: viewTasks, docs: viewDocs };

function route() {
  const h = decodeURI(location.hash.replace(/^#/, ''));
  const qi = h.indexOf('?');
  const path = qi < 0 ? h : h.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : location.hash.slice(location.hash.indexOf('?') + 1));
  const root = $('view');
  const gen = ++generation;
  document.title = 'vnplan — tra cứu kế hoạch';
  let tab = path;
  if (path.startsWith('d/')) {
    tab = 'docs';
    let id = path.slice(2);
    try { id = decodeURIComponent(id); } catch (e) { /* as typed */ }
    viewDoc(id, params, root, gen);
  } else if (path.startsWith('i/')) {
    tab = 'refs';
    viewInstrument(decodeURIComponent(path.slice(2)), params, root, gen);
  } else {
    if (!VIEWS[path]) tab = 'search';
    VIEWS[tab](params, root, gen);
  }
  for (const a of document.querySelectorAll('nav#tabs a')) {
    a.classList.toggle('active', a.dataset.tab === tab);
    if (a.dataset.tab === tab) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!params.get('L')) window.scrollTo(0, 0);
}

function go(target) {
  if (location.hash === target) route(); else location.hash = target;
}

async function showHealth() {
  try {
    const r = await api('health');
    $('health').textContent = `${r.documents} văn bản, ${r.passages} đoạn văn trong chỉ mục`;
  } catch (e) {
    $('health').textContent = e.message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  /* /d/222/KH-UBND: a plan by its number, opened as its page */
  if (location.pathname.startsWith('/d/')) {
    const num = decodeURIComponent(location.pathname.slice(3));
    const line = /^#L(\d+)$/.exec(location.hash);
    history.replaceState(null, '', '/' + docHref(num, '', line ? line[1] : ''));
  }
  window.addEventListener('hashchange', route);
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (document.querySelector('svg.chain')) route(); }, 300);
  });
  showHealth();
  route();
});
