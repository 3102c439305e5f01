#!/usr/bin/env python3
"""portal_tables.py — a legal portal's Markdown plan with its tables made
real, for bench/formats.sh: the portal writes a table one cell per run of
lines with bare "|" lines between ("|" opens a row, closes a cell, and "||"
ends a row and starts the next). Published DOCX and PDF plans, and scans of
printed ones, have ruled Word tables instead, so each such run becomes a
table: written as HTML (with column widths, and a row's trailing empty cells
merged into its last filled one, as group rows are), read by pandoc, and
put in place of the run in pandoc's reading of the rest of the Markdown
(hard line breaks kept, as the pipe-literal fixture had them).

usage: portal_tables.py IN.md OUT.json  (pandoc's JSON: pandoc -f json -t docx)
       portal_tables.py --reference OUT.docx   (pandoc's reference.docx with
                                                 ruled table borders)

The row grammar follows the reader's (indexer/read/pipecells.c): k pipes
before a cell's lines open a new row (k-1 empty cells first) unless the row
is known to be short by k cells and the row already has two cells or more;
a blank line after a pipe ends the table, as does text after a full row
that is not one line closed by a pipe."""
import html
import json
import os
import re
import subprocess
import sys
import zipfile

PIPE = re.compile(r"^\s*\|\s*$")
ROWNUM = re.compile(r"^\s*(\*\*)?\s*([0-9]+(\.[0-9]+)*|[IVXL]+|[a-zđ])[.)]?\s*(\*\*)?\s*$")


def inline(s):
    """A cell line's Markdown emphasis as HTML, the rest escaped."""
    s = html.escape(s.strip(), quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(?<![\w*])\*(\S.*?)\*(?![\w*])", r"<em>\1</em>", s)
    return s.replace("*", "")


def cell_html(lines):
    """A cell's lines as paragraphs: the portal wraps a cell's text where
    its page did, so lines join, except after a sentence end, an emphasis
    end or a rule line, and before a dash or a rule."""
    paras = []
    for x in lines:
        x = x.strip()
        prev = paras[-1] if paras else None
        rule = re.fullmatch(r"-{3,}", x)
        if prev is None or rule or x.startswith("-") or re.search(r"([.;:]|\*|-{3,})$", prev):
            paras.append(x)
        else:
            paras[-1] = prev + " " + x
    return "".join("<p>%s</p>" % inline(x) for x in paras)


def read_table(lines, i):
    """Rows of the table whose first pipe line is i, and the line after it."""
    rows = [[]]
    ncol = 0
    j = i + 1
    n = len(lines)
    while j < n:
        k = 0
        while j < n and PIPE.match(lines[j]):
            k += 1
            j += 1
        if j >= n or not lines[j].strip():
            break
        r = rows[-1]
        if k == 0:
            if ncol and len(r) >= ncol:
                # the row is full: one line closed by a pipe is a row whose
                # opening pipe is missing; anything else follows the table
                if j + 1 < n and PIPE.match(lines[j + 1]):
                    rows.append([])
                else:
                    break
        else:
            same = ncol and len(r) + k < ncol and len(r) > 1 and not ROWNUM.match(lines[j])
            if same:
                r.extend([""] * k)
            else:
                if not ncol and len(r) >= 2:
                    ncol = len(r)
                r.extend([""] * (k - 1))
                if r:
                    rows.append([])
        cell = []
        while j < n and lines[j].strip() and not PIPE.match(lines[j]):
            cell.append(lines[j])
            j += 1
        rows[-1].append(cell_html(cell))
        if j >= n or not PIPE.match(lines[j]):
            break
        j += 1  # the pipe closing the cell
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows, j


def drop_empty_columns(rows):
    """Columns the printed table does not have: the portal pads a table's
    rows with empty cells, and where it runs a page's rows into one row
    ("…......" | "2" | "Thành lập …") the cells spill past the last column.
    A column filled in fewer than a fifth of the rows (after the table's
    own columns) is dropped, its cells' text put at the end of the row's
    last kept cell."""
    width = max(len(r) for r in rows)
    def filled(c):
        return sum(1 for r in rows if c < len(r) and re.sub(r"<[^>]+>", "", r[c]).strip())
    keep = list(range(width))
    while len(keep) > 2 and filled(keep[-1]) * 5 < len(rows):
        keep.pop()
    if len(keep) == width:
        return rows
    out = []
    for r in rows:
        cells = [r[c] if c < len(r) else "" for c in keep]
        spill = " ".join(x for x in r[len(keep):] if re.sub(r"<[^>]+>", "", x).strip())
        if spill:
            cells[-1] = (cells[-1] + " " + spill).strip()
        out.append(cells)
    return out


def to_html(rows):
    rows = drop_empty_columns(rows)
    width = max(len(r) for r in rows)
    # column widths as a typesetter gives them: by the cells' median length
    # (sqrt, so a long task column does not squeeze the others; the median,
    # so one run-on cell of the portal's does not widen its column), each
    # wide enough for its longest word
    lens = [[] for _ in range(width)]
    word = [4] * width
    for r in rows:
        for c, t in enumerate(r):
            t = re.sub(r"<[^>]+>", " ", t).split()
            if t:
                lens[c].append(len(" ".join(t)))
                word[c] = max(word[c], min(max(len(x) for x in t), 20))
    def median(v):
        v = sorted(v)
        return v[len(v) // 2] if v else 0
    w = [max(median(lens[c]) ** 0.5, word[c] ** 0.5 * 1.6) for c in range(width)]
    if width == 2:
        # a layout table (header block, signature) as clerks set it: the
        # issuer's side narrower, the motto on one line on the other
        w = [38, 62]
    out = ["<table>", "<colgroup>"]
    out += ['<col width="%d%%" />' % max(6, round(100 * x / sum(w))) for x in w]
    out.append("</colgroup>")
    for r in rows:
        cells = r + [""] * (width - len(r))
        # a row whose last cells are empty: its last filled cell spans them
        # (a group row "II. …" across the table, as a merged cell)
        n = len(cells)
        while n > 1 and not cells[n - 1].strip():
            n -= 1
        tds = ["<td>%s</td>" % c for c in cells[:n - 1]]
        span = width - n + 1
        tds.append(("<td colspan=\"%d\">%s</td>" % (span, cells[n - 1])) if span > 1 else "<td>%s</td>" % cells[n - 1])
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


HEADNUM = re.compile(r"^(S[ốô]? ?TT|TT)$", re.I)


def split_head(rows):
    """The portal may run a signature block and an appendix's heading into
    the appendix table's head row ("Nơi nhận …" | "TM. ỦY BAN NHÂN DÂN …" |
    "PHỤ LỤC …" | "TT" | "Nội dung" …), as the reader finds (a head row's
    column names start a table); a printed plan has the signature as a
    layout table, the heading as paragraphs, then the task table. Returns
    (layout cells before the head, the table's rows)."""
    if not rows:
        return [], rows
    r = rows[0]
    for k, c in enumerate(r):
        t = re.sub(r"<[^>]+>", " ", c).split()
        if k >= 1 and t and HEADNUM.match(" ".join(t)) and len(r) - k >= 3:
            return r[:k], [r[k:]] + rows[1:]
    return [], rows


def layout_blocks(cells):
    """Cells run into a head row as a printed plan sets them: the cell that
    opens an appendix ("PHỤ LỤC") and the rest as paragraphs, the others
    (recipients, signature) as a layout table of one row."""
    out = []
    side, rest = [], []
    for c in cells:
        text = re.sub(r"<[^>]+>", " ", c)
        (rest if rest or re.search(r"PH[ỤU] L[ỤU]C", text) else side).append(c)
    if len(side) >= 2:
        out.append(("table", to_html([side])))
    elif side:
        out.append(("html", side[0]))
    for c in rest:
        out.append(("html", c))
    return out


def convert(text):
    """The Markdown with each table as a placeholder paragraph, and the
    tables' HTML in order."""
    lines = text.split("\n")
    out, tables = [], []
    i = 0
    while i < len(lines):
        if PIPE.match(lines[i]):
            rows, j = read_table(lines, i)
            if rows and any(len(r) >= 2 for r in rows):
                before, rows = split_head(rows)
                for kind, h in layout_blocks(before):
                    out += ["", "VPTABLE%d" % len(tables), ""]
                    tables.append(h if kind == "table" else "<div>%s</div>" % h)
                out += ["", "VPTABLE%d" % len(tables), ""]
                tables.append(to_html(rows))
            else:  # not a table: its pipes kept as text
                out += [re.sub(r"^\s*\|\s*$", r"\\|", x) for x in lines[i:j]]
            i = max(j, i + 1)
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), tables


def pandoc_json(text, fmt):
    r = subprocess.run(["pandoc", "-f", fmt, "-t", "json"], input=text.encode("utf-8"),
                       check=True, capture_output=True)
    return json.loads(r.stdout)


def to_pandoc(text):
    """The document as pandoc's JSON: the text read as the old fixture read
    it (Markdown, hard line breaks), each placeholder replaced by its table
    read from HTML (pandoc's own table model: spans, column widths)."""
    md, tables = convert(text)
    doc = pandoc_json(md, "markdown+hard_line_breaks")
    if not tables:
        return doc
    # each table (or run-in block) read alone: its pandoc blocks
    blocks = [pandoc_json(t, "html")["blocks"] for t in tables]
    def placeholder(b):
        if b.get("t") != "Para" or len(b["c"]) != 1 or b["c"][0].get("t") != "Str":
            return -1
        m = re.fullmatch(r"VPTABLE(\d+)", b["c"][0]["c"])
        return int(m.group(1)) if m else -1
    out = []
    for b in doc["blocks"]:
        k = placeholder(b)
        out += blocks[k] if 0 <= k < len(blocks) else [b]
    doc["blocks"] = out
    return doc


def reference(path):
    """pandoc's reference.docx, its "Table" style given single rules on every
    border (Word's "Table Grid"), as printed plans rule their tables."""
    data = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                          check=True, capture_output=True).stdout
    tmp = path + ".tmp"
    open(tmp, "wb").write(data)
    rule = "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
                   for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            buf = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                s = buf.decode("utf-8")
                m = re.search(r'<w:style [^>]*w:styleId="Table"[^>]*>.*?</w:style>', s, re.S)
                if m:
                    st = m.group(0)
                    if "<w:tblPr>" in st:
                        st2 = st.replace("<w:tblPr>", "<w:tblPr><w:tblBorders>%s</w:tblBorders>" % rule, 1)
                    else:
                        st2 = st.replace("</w:style>", "<w:tblPr><w:tblBorders>%s</w:tblBorders></w:tblPr></w:style>" % rule)
                    s = s.replace(st, st2)
                buf = s.encode("utf-8")
            zout.writestr(item, buf)
    os.remove(tmp)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--reference":
        reference(sys.argv[2])
    elif len(sys.argv) == 3:
        text = open(sys.argv[1], encoding="utf-8").read()
        json.dump(to_pandoc(text), open(sys.argv[2], "w", encoding="utf-8"))
    else:
        sys.exit(__doc__)
