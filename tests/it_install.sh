#!/bin/sh
# it_install.sh — `make install DESTDIR=… PREFIX=/usr` puts the binary, the
# data tables, the page, the man page and the completions in place; the man
# page reads with `man -l`; the installed binary prints the VERSION file's
# version and answers from an index it builds. Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1
T=tests/tmp/install
rm -rf "$T"; mkdir -p "$T"
pass=0; fail=0
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then echo "ok   $d"; pass=$((pass + 1)); else echo "FAIL $d"; fail=$((fail + 1)); fi; }

make --no-print-directory install DESTDIR="$PWD/$T/root" PREFIX=/usr >"$T/make.log" 2>&1
check "make install DESTDIR PREFIX exits 0" test $? = 0
R=$T/root/usr
check "binary installed" test -x "$R/bin/vnplan"
check "data tables installed" test -f "$R/share/vnplan/data/agencies.tsv"
check "page installed" test -f "$R/share/vnplan/www/index.html"
check "man page installed" test -f "$R/share/man/man1/vnplan.1"
check "bash completion installed" test -f "$R/share/bash-completion/completions/vnplan"
check "zsh completion installed" test -f "$R/share/zsh/site-functions/_vnplan"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$R/share/man/man1/vnplan.1" >"$T/man.txt" 2>"$T/man.err"
  check "man -l reads the installed page" grep -q "EXIT STATUS" "$T/man.txt"
  check "man -l without warnings" test ! -s "$T/man.err"
fi
check "bash completion parses" bash -n "$R/share/bash-completion/completions/vnplan"
check "--version is the VERSION file's" test "$("$R/bin/vnplan" --version)" = "vnplan $(cat VERSION)"
"$R/bin/vnplan" index --db "$T/plans.db" -q corpus/ >/dev/null 2>&1
check "the installed binary indexes corpus/" test $? = 0
check "the installed binary answers refs \"NQ 20\"" "$R/bin/vnplan" refs --db "$T/plans.db" "NQ 20"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
