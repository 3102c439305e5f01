# bench/bench.mk — builds the benchmark programs into bin/bench/ (run from the
# top of the tree after `make bin/vnplan`, which builds the bin/obj/ library
# objects they link): make -f bench/bench.mk
CC      ?= cc
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings
CFLAGS   = -std=c11 $(WARN) -Iinclude -Ibench $(POPPLER_CFLAGS) -D_DEFAULT_SOURCE -O2 -g
POPPLER_CFLAGS := $(shell pkg-config --cflags-only-I poppler-glib 2>/dev/null | sed 's/-I/-isystem /g')
POPPLER_LIBS   := $(or $(shell pkg-config --libs poppler-glib 2>/dev/null),-lpoppler-glib -lgobject-2.0 -lglib-2.0)
OCR_OK   := $(shell pkg-config --exists tesseract lept 2>/dev/null && echo 1)
OCR_LIBS := $(if $(OCR_OK),$(shell pkg-config --libs tesseract lept))
LDLIBS   = -lsqlite3 -lutf8proc -lmicrohttpd -lcjson -lxml2 -lzip $(POPPLER_LIBS) $(OCR_LIBS) -lpthread -lm
LIB_SRC  = $(sort $(filter-out indexer/cli/main.c,$(wildcard indexer/*/*.c)) \
                 $(wildcard server/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=bin/obj/%.o) bin/obj/gen/data.o
PROGS    = bin/bench/baseline bin/bench/tokbench bin/bench/qbench bin/bench/dbcheck bin/bench/fmtdump

all: $(PROGS)

bin/bench/%.o: bench/%.c bench/bench_util.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

bin/bench/baseline: bin/bench/baseline.o bin/bench/bench_util.o
	$(CC) -o $@ $^ -lsqlite3

bin/bench/%: bin/bench/%.o bin/bench/bench_util.o $(LIB_OBJ)
	$(CC) -o $@ $^ $(LDLIBS)

.SECONDARY:
