#!/usr/bin/env python3
"""Write data/word-pairs.tsv: pairs of syllables that stand together far
more than apart in a corpus of Vietnamese text ("công trình", "số lượng",
"công ty"): two-syllable words. Search reads them (indexer/query/occur.c)
to tell a query's words standing as its term from the same words running
into another word ("đầu tư công" in "tổng mức đầu tư công trình").

usage: word_pairs.py INDEX.db > data/word-pairs.tsv
  INDEX.db: a vnplan index of the corpus (the pairs below were counted on
  real-vi, 13,967 files: `vnplan index --db rv.db /tmp/real-vi`).

A pair (x, y) is kept when, over the passages' text, lowercased NFC, with
punctuation breaking pairs: it occurs at least 20 times; its Dice
coefficient 2·n(x y) / (n(x) + n(y)) is at least 0.05; y is lowercase in
most of its occurrences (not a name after a common noun: "tỉnh Quảng");
both are letters only, without f, j, w, z (not an English pair); neither
is a grammatical word (FUNCTION_WORDS: "và các", "trong đó", "định tại"
stand together often, but across two words). Pairs that fold alike (no
diacritics) keep the commonest. Standard library only.
"""
import collections
import re
import sqlite3
import sys
import unicodedata

MIN_COUNT = 20
MIN_DICE = 0.05
# grammatical words: conjunctions, prepositions, articles, aspect and
# quantity words, demonstratives
FUNCTION_WORDS = set("""và của các là có được với trong cho theo tại về từ đã sẽ đang
sau trước đó này kia ấy một những mọi thì mà ở như không đến trên dưới khi nếu để
bằng hoặc hay nhưng do bởi vì nên rằng cũng đều rất""".split())


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def main():
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    tok = re.compile(r"[^\W_]+|[^\w\s]", re.U)
    uni, pair, cap = collections.Counter(), collections.Counter(), collections.Counter()
    for (text,) in db.execute("SELECT text FROM passage"):
        words = tok.findall(unicodedata.normalize("NFC", text))
        low = [w.lower() for w in words]
        uni.update(w for w in low if w[0].isalnum())
        for i in range(len(words) - 1):
            if low[i][0].isalnum() and low[i + 1][0].isalnum():
                pair[(low[i], low[i + 1])] += 1
                if words[i + 1][0].isupper():
                    cap[(low[i], low[i + 1])] += 1
    best = {}
    for (x, y), n in pair.items():
        if n < MIN_COUNT or not x.isalpha() or not y.isalpha() or re.search("[fjwz]", x + y):
            continue
        if x in FUNCTION_WORDS or y in FUNCTION_WORDS:
            continue
        if 2 * n / (uni[x] + uni[y]) < MIN_DICE or 2 * cap[(x, y)] >= n:
            continue
        key = fold(x) + " " + fold(y)
        if key not in best or best[key][1] < n:
            best[key] = (x + " " + y, n)
    print("# Two-syllable words: pairs that stand together far more than apart (bench/word_pairs.py")
    print("# over real-vi: at least 20 times, Dice >= 0.05, the second lowercase, no grammatical word).")
    print("# A query's words")
    print("# whose last one runs into one of these (\"đầu tư công\" + \"trình\") stand as another term.")
    print("# Written lowercase NFC; compared with the text's words as written.")
    print("pair")
    for key in sorted(best):
        print(best[key][0])


if __name__ == "__main__":
    main()
