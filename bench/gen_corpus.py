#!/usr/bin/env python3
"""gen_corpus.py — a deterministic synthetic corpus of plans for the benchmark
and the crash tests, recombined from the seed plans.

Each generated document takes one seed as its template (keeping its format:
plain text, Markdown, one-cell-per-line tables), swaps some of its paragraphs
and table cells for ones of the same shape from the other seeds, and then
varies what makes plans differ from one another:
  - the province (any name from data/provinces.tsv, title and upper case),
  - the agencies (a per-document permutation of the department names found in
    data/agencies.tsv when present, else data/agency-successors.tsv, limited
    to names that occur in the seeds as the places to substitute),
  - the instrument numbers (Party form 69-KL/TW and State form 709/QĐ-TTg,
    35/2021/NĐ-CP; central ones mostly kept so that they are cited across many
    plans, local ones renumbered; spacing noise "472- KH/TU", "3229 /KH-UBND"),
  - the spelling (some documents NFD, some with the old tone placement "hoà",
    "uỷ", some hard-wrapped mid-sentence), and a few invented proper names and
    rare sentences so that the vocabulary grows with the corpus.
Document i depends only on (--seed, i), so a 10 MB corpus is a prefix of the
100 MB one. Not for judging extraction quality: nothing here is gold data.

Usage: gen_corpus.py --size 100M --out DIR [--seed N] SEED_DIR_OR_FILES...
"""
import argparse
import os
import random
import re
import sys
import unicodedata

VERSION = 1
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Sentences injected at a controlled rate: the benchmark's "rare word" query
# (sương) finds about RARE_RATE of the documents.
RARE_RATE = 0.004
RARE_SENTENCES = [
    "Chủ động phòng, chống sương muối, rét đậm, rét hại cho cây trồng và vật nuôi ở vùng cao.",
    "Ứng dụng công nghệ dự báo sương mù phục vụ an toàn giao thông đường thủy nội địa.",
]
OLD_TONE = [("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
            ("òe", "oè"), ("óe", "oé"), ("ủy", "uỷ"), ("úy", "uý"), ("ùy", "uỳ"),
            ("ụy", "uỵ"), ("ũy", "uỹ")]

PARTY_RE = re.compile(r"(?<![\w/])(\d{1,4})( ?- ?)(KL|NQ|KH|CTr|CT|QĐ|TB|QC|HD|ĐA)/(TW|TU|HU|ĐU|BCSĐ|BCĐ)(?![\w])")
STATE_RE = re.compile(r"(?<![\w/-])(\d{1,5})( ?/ ?)(?:(\d{4})/)?(QĐ|NQ|KH|NĐ|TTr|CT|TT|CV|BC|TB|HD|ĐA|QH\d*)( ?- ?)([A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐ]*)?)(?![\w])")
CENTRAL = {"TW", "TTg", "CP", "QH", "BCT", "BBT", "BCH", "BKHCN", "BTC", "BNV"}
DATE_RE = re.compile(r"(?<=ngày )(\d{1,2})([/-])(\d{1,2})\2(20\d\d)")


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KkMmGg]?)[Bb]?", s.strip())
    if not m:
        sys.exit("gen_corpus: bad --size %r (e.g. 10M, 100M, 1G)" % s)
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def read_tsv_column(path, cols):
    """Values of the given columns of a data/*.tsv table (comments and the
    header line skipped); [] when the file is absent."""
    out = []
    if not os.path.exists(path):
        return out
    header_seen = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            cells = [c.strip() for c in line.split("\t")]
            for c in cols:
                if c < len(cells) and cells[c]:
                    out.extend(x.strip() for x in cells[c].split("|") if x.strip())
    return out


def load_provinces():
    names = read_tsv_column(os.path.join(ROOT, "data", "provinces.tsv"), [0, 2])
    names = sorted(set(names), key=lambda s: (-len(s), s))
    if not names:
        sys.exit("gen_corpus: data/provinces.tsv has no provinces")
    return names


def load_agencies(seed_text):
    """(names to replace in the seeds, pool to draw from): department names."""
    table = os.path.join(ROOT, "data", "agencies.tsv")
    names = read_tsv_column(table, [0])
    if names:
        aliases = read_tsv_column(table, [1, 2])
        names = names + aliases
    names += read_tsv_column(os.path.join(ROOT, "data", "agency-successors.tsv"), [0, 1])
    depts = sorted({n for n in names if n.startswith("Sở ") and len(n) > 5},
                   key=lambda s: (-len(s), s))
    found = [n for n in depts if n in seed_text]
    if not found:
        print("gen_corpus: no department name of the tables occurs in the seeds; "
              "agencies are not varied", file=sys.stderr)
    return found, depts


def seed_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                fp = os.path.join(p, name)
                if os.path.isfile(fp) and name.endswith((".txt", ".md")):
                    files.append(fp)
        elif os.path.isfile(p):
            files.append(p)
    if not files:
        sys.exit("gen_corpus: no seed .txt/.md files in %s" % " ".join(paths))
    return files


def line_kind(line):
    s = line.strip()
    if not s:
        return "blank"
    if "<" in s and ">" in s:
        return "html"
    if s.startswith("#") or re.match(r"^(\*\*)?([IVX]+|\d+(\.\d+)*)[.)]\s", s) or (s.isupper() and len(s) < 200):
        return "heading"
    if len(s) < 60 and s[-1] not in ".;:":
        return "cell"
    return "para"


class Template:
    """A seed line cut once into literal text and variable slots, so that
    rendering a document is only joins."""

    def __init__(self, prov_re, agency_re):
        self.prov_re = prov_re
        self.agency_re = agency_re

    def compile(self, line):
        parts = []  # str | ("prov", upper) | ("agency", i) | ("party", m) | ("state", m)
        pos = 0
        spans = []
        for rx, tag in ((self.prov_re, "prov"), (self.agency_re, "agency"),
                        (PARTY_RE, "party"), (STATE_RE, "state")):
            if rx is None:
                continue
            for m in rx.finditer(line):
                spans.append((m.start(), m.end(), tag, m))
        spans.sort(key=lambda t: (t[0], -t[1]))
        for start, end, tag, m in spans:
            if start < pos:
                continue
            parts.append(line[pos:start])
            parts.append((tag, m))
            pos = end
        parts.append(line[pos:])
        return [p for p in parts if p != ""]


class DocMaker:
    def __init__(self, seeds, provinces, agencies_found, agency_pool, base_seed):
        self.base_seed = base_seed
        self.provinces = provinces
        self.agency_found = agencies_found
        self.agency_pool = agency_pool
        upper = [p.upper() for p in provinces]
        self.prov_index = {p: i for i, p in enumerate(provinces)}
        self.prov_index.update({u: i for i, u in enumerate(upper)})
        alts = sorted(set(provinces + upper), key=lambda s: (-len(s), s))
        prov_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alts)) + r")(?!\w)")
        agency_re = None
        if agencies_found:
            agency_re = re.compile("(" + "|".join(map(re.escape, agencies_found)) + r")(?!\w)")
        tpl = Template(prov_re, agency_re)
        self.templates = []  # per seed: (ext, [(kind, parts)])
        self.pool = {}       # kind -> [parts]
        words = set()
        for path, text in seeds:
            ext = os.path.splitext(path)[1]
            lines = []
            for line in text.split("\n"):
                kind = line_kind(line)
                parts = tpl.compile(line)
                lines.append((kind, parts))
                if kind in ("para", "cell"):
                    self.pool.setdefault(kind, []).append(parts)
                words.update(w for w in re.findall(r"[^\W\d_]+", line) if w.islower() and len(w) > 1)
            self.templates.append((ext, lines))
        self.syllables = sorted(words)

    # -- slot renderers ---------------------------------------------------
    def _party(self, m, st):
        num, dash, typ, iss = m.group(1), m.group(2), m.group(3), m.group(4)
        key = m.group(0)
        if key not in st["nums"]:
            r = st["rng"]
            if iss in CENTRAL and r.random() < 0.85:
                new = num
            elif iss in CENTRAL:
                new = str(int(r.paretovariate(1.2) * 10) % 150 + 1)
            else:
                new = str(r.randint(1, 999))
            st["nums"][key] = new
        new = st["nums"][key]
        if st["rng"].random() < 0.08:
            dash = st["rng"].choice(["- ", " -", " - "])
        return new + dash + typ + "/" + iss

    def _state(self, m, st):
        num, sl, year, typ, dash, iss = m.groups()
        key = m.group(0)
        r = st["rng"]
        if key not in st["nums"]:
            central = iss in CENTRAL or iss.startswith("B")
            if central and r.random() < 0.8:
                st["nums"][key] = (num, year)
            else:
                st["nums"][key] = (str(r.randint(1, 4999)),
                                   str(r.randint(2012, 2025)) if year else None)
        num, year = st["nums"][key]
        if r.random() < 0.06:
            sl = r.choice([" /", "/ "])
        if r.random() < 0.06:
            dash = r.choice(["- ", " -"])
        return num + sl + (year + "/" if year else "") + typ + dash + iss

    def _render(self, parts, st):
        out = []
        for p in parts:
            if type(p) is str:
                out.append(p)
                continue
            tag, m = p
            if tag == "prov":
                name = st["province"]
                out.append(name.upper() if m.group(0).isupper() else name)
            elif tag == "agency":
                out.append(st["agency_map"].get(m.group(0), m.group(0)))
            elif tag == "party":
                out.append(self._party(m, st))
            else:
                out.append(self._state(m, st))
        return "".join(out)

    def _proper_name(self, r):
        return " ".join(r.choice(self.syllables).capitalize() for _ in range(r.randint(2, 3)))

    def _invented_sentence(self, r, st):
        name = self._proper_name(r)
        frame = r.choice([
            "Xây dựng mô hình {n} tại tỉnh {p} giai đoạn {y}-{y2}.",
            "Hỗ trợ doanh nghiệp {n} đổi mới công nghệ, nâng cao năng suất và chất lượng sản phẩm.",
            "Triển khai nhiệm vụ khoa học và công nghệ “{n}” cấp tỉnh, hoàn thành trong năm {y2}.",
            "Thành lập Trung tâm {n} trực thuộc {a}.",
        ])
        y = r.randint(2020, 2026)
        return frame.format(n=name, p=st["province"], y=y, y2=y + r.randint(1, 5),
                             a=r.choice(self.agency_pool) if self.agency_pool else "Ủy ban nhân dân tỉnh")

    # -- document ---------------------------------------------------------
    def make(self, i):
        r = random.Random(self.base_seed * 1000003 + i)
        ext, lines = self.templates[i % len(self.templates)]
        st = {"rng": r, "nums": {}, "province": r.choice(self.provinces)}
        perm = self.agency_pool[:]
        r.shuffle(perm)
        st["agency_map"] = {a: (perm[k] if r.random() < 0.6 else a)
                            for k, a in enumerate(self.agency_found)}
        out = []
        for kind, parts in lines:
            x = r.random()
            if kind in self.pool and x < 0.25:
                parts = r.choice(self.pool[kind])
            elif kind in self.pool and x < 0.30:
                continue
            out.append(self._render(parts, st))
            if kind == "para" and x > 0.92:
                out.append("")
                out.append(self._render(r.choice(self.pool["para"]), st) if r.random() < 0.7
                           else self._invented_sentence(r, st))
                if ext == ".md":
                    out.append("")
        if r.random() < RARE_RATE * len(RARE_SENTENCES):
            at = r.randint(len(out) // 3, max(len(out) // 3, len(out) - 1))
            out.insert(at, r.choice(RARE_SENTENCES))
        text = "\n".join(out)
        text = self._spelling_noise(r, text, ext)
        slug = re.sub(r"[^a-z0-9]+", "-", strip_marks(st["province"]).lower()).strip("-")
        return "%06d_%s%s" % (i, slug, ext), text

    def _spelling_noise(self, r, text, ext):
        x = r.random()
        if x < 0.3:
            for new, old in OLD_TONE:
                text = text.replace(new, old)
        elif x < 0.4:
            for new, old in OLD_TONE:
                text = text.replace(old, new)
        if ext == ".txt" and r.random() < 0.2:
            text = hard_wrap(text, r.randint(70, 110))
        if r.random() < 0.1:
            text = unicodedata.normalize("NFD", text)
        return text


def strip_marks(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def hard_wrap(text, width):
    """Break lines longer than width at a space, as PDF conversion does."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="100M")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("seeds", nargs="+")
    a = ap.parse_args()
    target = parse_size(a.size)
    files = seed_files(a.seeds)
    seeds = []
    for fp in files:
        with open(fp, encoding="utf-8") as f:
            seeds.append((fp, f.read()))
    stamp = "gen_corpus v%d seed=%d size=%d seeds=%s\n" % (
        VERSION, a.seed, target, ",".join("%s:%d" % (os.path.basename(p), len(t)) for p, t in seeds))
    stamp_path = os.path.join(a.out, ".gen-stamp")
    if os.path.exists(stamp_path) and open(stamp_path, encoding="utf-8").read() == stamp:
        if not a.quiet:
            print("gen_corpus: %s is up to date" % a.out)
        return
    os.makedirs(a.out, exist_ok=True)
    for name in os.listdir(a.out):
        if re.fullmatch(r"\d{6}_.*\.(txt|md)", name) or name == ".gen-stamp":
            os.unlink(os.path.join(a.out, name))
    provinces = load_provinces()
    found, pool = load_agencies("\n".join(t for _, t in seeds))
    maker = DocMaker(seeds, provinces, found, pool, a.seed)
    total = 0
    i = 0
    while total < target:
        name, text = maker.make(i)
        data = text.encode("utf-8")
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)
        total += len(data)
        i += 1
    with open(stamp_path, "w", encoding="utf-8") as f:
        f.write(stamp)
    if not a.quiet:
        print("gen_corpus: %d documents, %.1f MB in %s" % (i, total / 1048576, a.out))


if __name__ == "__main__":
    main()
