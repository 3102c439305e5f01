# vnplan — build, test, serve, bench.  `make help` lists the targets.
# Objects are listed by folder: every indexer/*/*.c (the pipeline's stages:
# base, text, read, extract, index, store, query, cli) and server/*.c is part
# of the library; indexer/cli/main.c is the `vnplan` command; tests/test_*.c
# are unit tests, each its own binary, built with ASan+UBSan.

CC      ?= cc
V       ?= 0
Q        = $(if $(filter 1,$(V)),,@)
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings
# poppler-glib (PDF): its include dirs as -isystem, glib's headers are not ours
POPPLER_CFLAGS := $(shell pkg-config --cflags-only-I poppler-glib 2>/dev/null | sed 's/-I/-isystem /g')
POPPLER_LIBS   := $(or $(shell pkg-config --libs poppler-glib 2>/dev/null),-lpoppler-glib -lgobject-2.0 -lglib-2.0)
# Tesseract (OCR of scanned PDFs) is optional: found by pkg-config, it is
# compiled in (VP_HAVE_TESSERACT); missing, OCR is off and says so
OCR_OK   := $(shell pkg-config --exists tesseract lept 2>/dev/null && echo 1)
OCR_CFLAGS := $(if $(OCR_OK),-DVP_HAVE_TESSERACT $(shell pkg-config --cflags-only-I tesseract lept | sed 's/-I/-isystem /g'))
OCR_LIBS   := $(if $(OCR_OK),$(shell pkg-config --libs tesseract lept))
CPPFLAGS = -Iinclude -I/usr/include/libxml2 $(POPPLER_CFLAGS) $(OCR_CFLAGS) -D_DEFAULT_SOURCE
CFLAGS  ?= -O2 -g
ALLCFLAGS = -std=c11 $(WARN) $(CPPFLAGS) $(CFLAGS) -MMD -MP
LDLIBS   = -lsqlite3 -lutf8proc -lmicrohttpd -lcjson -lxml2 -lzip $(POPPLER_LIBS) $(OCR_LIBS) -lpthread -lm
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASANCFLAGS = -std=c11 $(WARN) $(CPPFLAGS) -O1 -g $(SAN) -MMD -MP

DB      ?= bin/corpus.db
PORT    ?= 8080

LIB_SRC  = $(sort $(filter-out indexer/cli/main.c,$(wildcard indexer/*/*.c)) \
                 $(wildcard server/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=bin/obj/%.o) bin/obj/gen/data.o
ASAN_OBJ = $(LIB_SRC:%.c=bin/asan/%.o) bin/asan/gen/data.o
TEST_SRC = $(sort $(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=bin/asan/%)
DATA     = $(sort $(wildcard data/*.tsv data/*.json server/www/*))

.PHONY: all help deps deps-test test unit serve demo index bench bench-hostile realvi-precision heldout \
        fuzz corpus-large clean install screenshots
all: bin/vnplan

help:
	@echo "make            build bin/vnplan"
	@echo "make serve      install build deps, build, index corpus/, serve on 127.0.0.1:$(PORT)"
	@echo "make demo       build, index corpus/ and run sample searches"
	@echo "make test       unit tests, integration tests and the scorer under ASan+UBSan"
	@echo "make bench      benchmarks against FTS5 unicode61 (see bench/), then bench-hostile"
	@echo "make bench-hostile  the attacks of issue 11 on a running server: status, latency, RSS"
	@echo "make realvi-precision  index ../shared's real-vi corpus, sample tasks and agencies to judge"
	@echo "make heldout    the scorer on 198 real-vi documents judged by separate readers (bench/heldout)"
	@echo "make fuzz       libFuzzer targets for a bounded time"
	@echo "make screenshots  PNGs of each view of the page at 1280 and 390 px under bin/screenshots/"
	@echo "make install    PREFIX=/usr/local DESTDIR=: binary, data, page, man page, completions"
	@echo "make clean      remove bin/"

deps:
	$(Q)sh tools/deps.sh build

deps-test:
	$(Q)sh tools/deps.sh test

bin/embed: tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O1 -o $@ $<

bin/gen/data.c: bin/embed $(DATA)
	@mkdir -p $(@D)
	$(Q)bin/embed $@ $(DATA)

bin/obj/gen/data.o: bin/gen/data.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 $(CPPFLAGS) -O1 -c -o $@ $<

bin/asan/gen/data.o: bin/gen/data.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 $(CPPFLAGS) -O1 -c -o $@ $<

bin/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(filter 1,$(V)),,echo "  CC      $<")
	$(Q)$(CC) $(ALLCFLAGS) -c -o $@ $<

bin/asan/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(filter 1,$(V)),,echo "  CC/SAN  $<")
	$(Q)$(CC) $(ASANCFLAGS) -c -o $@ $<

# the extraction code's checksum, mixed into each document's stored rules
# version (store.c): a change of the reader or the extractors re-reads an
# old index's documents on the next `vnplan index`, as a change of data/ does
RULES_SRC := $(sort $(wildcard indexer/extract/*.[ch] indexer/read/*.[ch] indexer/text/*.[ch]))
bin/gen/rules_hash.h: $(RULES_SRC)
	@mkdir -p $(@D)
	$(Q)printf '#define VP_RULES_CODE_HASH %su\n' "$$(cat $(RULES_SRC) | cksum | cut -d' ' -f1)" >$@
bin/obj/indexer/store/store.o bin/asan/indexer/store/store.o: bin/gen/rules_hash.h
bin/obj/indexer/store/store.o bin/asan/indexer/store/store.o: CPPFLAGS += -Ibin/gen

# the version --version prints: the VERSION file, compiled into cli.c only
VERSION := $(shell cat VERSION 2>/dev/null || echo unknown)
bin/obj/indexer/cli/cli.o bin/asan/indexer/cli/cli.o: VERSION
bin/obj/indexer/cli/cli.o bin/asan/indexer/cli/cli.o: CPPFLAGS += -DVP_VERSION='"$(VERSION)"'

bin/vnplan: bin/obj/indexer/cli/main.o $(LIB_OBJ)
	@$(if $(filter 1,$(V)),,echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

bin/asan/vnplan: bin/asan/indexer/cli/main.o $(ASAN_OBJ)
	@$(if $(filter 1,$(V)),,echo "  LD/SAN  $@")
	$(Q)$(CC) $(SAN) -o $@ $^ $(LDLIBS)

bin/asan/test_%: bin/asan/tests/test_%.o $(ASAN_OBJ)
	$(Q)$(CC) $(SAN) -o $@ $^ $(LDLIBS)

# make test: installs what is missing, builds everything under ASan+UBSan,
# runs unit tests, integration scripts and (when ../shared exists) the scorer.
test: deps-test
	$(Q)$(MAKE) --no-print-directory bin/vnplan bin/asan/vnplan $(TEST_BIN)
	$(Q)sh tests/run.sh

unit: bin/asan/vnplan $(TEST_BIN)
	$(Q)sh tests/run.sh --unit-only

index: bin/vnplan
	$(Q)bin/vnplan index --db $(DB) corpus/ || test $$? -eq 1

demo: deps
	$(Q)$(MAKE) --no-print-directory index
	bin/vnplan docs --db $(DB)
	bin/vnplan search --db $(DB) --limit 3 "khoa hoc cong nghe"
	bin/vnplan refs --db $(DB) "Nghị quyết số 20-NQ/TW"
	bin/vnplan who --db $(DB) "Sở Tài chính"

serve: deps
	$(Q)$(MAKE) --no-print-directory index
	bin/vnplan serve --db $(DB) --port $(PORT)

bench: deps-test
	$(Q)sh tools/deps.sh bench
	$(Q)$(MAKE) --no-print-directory bin/vnplan
	$(Q)BENCH_REALVI_TAR=$(REALVI_TAR) sh bench/run.sh; rc=$$?; python3 bench/hostile.py || rc=1; exit $$rc

# make bench-hostile: slow clients, floods, expensive queries, hostile
# requests, distinct URLs and an index swap against a running server
# (bench/hostile.py); prints attack → status, normal latency, RSS.
bench-hostile: bin/vnplan
	$(Q)python3 bench/hostile.py

# make realvi-precision: the real-vi corpus (unpacked once into $(REALVI)),
# indexed afresh with this tree's bin/vnplan into bench/out/, then
# bench/realvi_precision.py: tasks by document kind, alias-table and
# open-class agencies, and fixed samples of agencies and tasks to judge by
# hand (also in bench/out/realvi_precision.txt). Skipped without ../shared.
# REALVI_ARGS passes options: REALVI_ARGS="--seed 2 --json".
REALVI      ?= /tmp/real-vi
REALVI_TAR  ?= ../shared/corpus/real-vi.tar.xz
REALVI_DB   ?= bench/out/realvi.db
REALVI_ARGS ?=

realvi-precision: bin/vnplan
	$(Q)if [ ! -f $(REALVI_TAR) ]; then \
	  echo "realvi-precision: $(REALVI_TAR) not found, skipped"; exit 0; fi; \
	if ! ls $(REALVI) 2>/dev/null | grep -q '\.md$$'; then \
	  echo "== unpacking $(REALVI_TAR) into $(REALVI)"; \
	  mkdir -p $(REALVI) && tar -xJf $(REALVI_TAR) -C $(REALVI) || exit 1; fi; \
	echo "== indexing $(REALVI) into $(REALVI_DB)"; \
	mkdir -p $(dir $(REALVI_DB)) && rm -f $(REALVI_DB) $(REALVI_DB)-wal $(REALVI_DB)-shm; \
	bin/vnplan index --db $(REALVI_DB) $(REALVI); rc=$$?; [ $$rc -le 1 ] || exit $$rc; \
	python3 bench/realvi_precision.py --db $(REALVI_DB) \
	  --out bench/out/realvi_precision.txt $(REALVI_ARGS)

# make heldout: the held-out golds of bench/heldout (198 documents: gold.json
# and gold-2a … gold-18d.json, each set's documents listed in it) taken from
# the real-vi archive into bench/out/heldout/, scored set by set with ../shared/eval/score.py.
HELDOUT_DIR ?= bench/out/heldout
heldout: bin/vnplan
	$(Q)sh bench/heldout/run.sh bin/vnplan $(REALVI_TAR) $(HELDOUT_DIR)

# make screenshots: indexes corpus/ into bin/corpus.db, serves it on a free
# port and has headless Chromium (tests/it_server_browser.py --screenshots)
# write bin/screenshots/<view>-1280.png and <view>-390.png for every view.
screenshots: deps-test
	$(Q)$(MAKE) --no-print-directory index
	$(Q)port=$$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	bin/vnplan serve --db $(DB) --port $$port >bin/screenshots.log 2>&1 & pid=$$!; \
	for i in 1 2 3 4 5 6 7 8 9 10; do curl -sf http://127.0.0.1:$$port/api/health >/dev/null && break; sleep 0.3; done; \
	/usr/bin/python3 tests/it_server_browser.py http://127.0.0.1:$$port/ --screenshots bin/screenshots; rc=$$?; \
	kill $$pid; wait $$pid; exit $$rc

corpus-large: bin/vnplan
	$(Q)python3 bench/gen_corpus.py --size $(or $(SIZE),100M) --out bench/corpus-large corpus/

fuzz: deps-test
	$(Q)sh tests/fuzz/run.sh

# make install: the binary (its data compiled in), the data tables and the
# page for reference, the man page, bash and zsh completions.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share
install: bin/vnplan
	install -d $(BINDIR) $(SHAREDIR)/vnplan/data $(SHAREDIR)/vnplan/www $(SHAREDIR)/man/man1 \
	  $(SHAREDIR)/bash-completion/completions $(SHAREDIR)/zsh/site-functions
	install -m 755 bin/vnplan $(BINDIR)/vnplan
	install -m 644 data/*.tsv data/*.json $(SHAREDIR)/vnplan/data/
	install -m 644 server/www/* $(SHAREDIR)/vnplan/www/
	install -m 644 doc/vnplan.1 $(SHAREDIR)/man/man1/vnplan.1
	install -m 644 tools/completion/vnplan.bash $(SHAREDIR)/bash-completion/completions/vnplan
	install -m 644 tools/completion/_vnplan $(SHAREDIR)/zsh/site-functions/_vnplan

clean:
	rm -rf bin

-include $(shell find bin -name '*.d' 2>/dev/null)
