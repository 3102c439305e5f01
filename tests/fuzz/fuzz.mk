# tests/fuzz/fuzz.mk — builds the fuzz targets; used by tests/fuzz/run.sh
# (run from the top of the tree: make -f tests/fuzz/fuzz.mk fuzzers|replayers).
#  fuzzers:   bin/fuzz/fuzz_<t>   clang -fsanitize=fuzzer,address,undefined,
#             the library rebuilt with coverage into bin/fuzz/obj/;
#  replayers: bin/fuzz/replay_<t> $(CC) + ASan/UBSan, no libFuzzer: the target
#             with tests/fuzz/replay_main.c over the bin/asan/ objects that
#             `make bin/asan/vnplan` builds.
# The qparse target is built once include/vp_qparse.h exists.
FUZZ_CC ?= clang
CC      ?= cc
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BASE     = -std=c11 -g -O1 -Iinclude -I/usr/include/libxml2 $(POPPLER_CFLAGS) -Itests/fuzz -D_DEFAULT_SOURCE $(SAN)
POPPLER_CFLAGS := $(shell pkg-config --cflags-only-I poppler-glib 2>/dev/null | sed 's/-I/-isystem /g')
POPPLER_LIBS   := $(or $(shell pkg-config --libs poppler-glib 2>/dev/null),-lpoppler-glib -lgobject-2.0 -lglib-2.0)
OCR_OK   := $(shell pkg-config --exists tesseract lept 2>/dev/null && echo 1)
OCR_LIBS := $(if $(OCR_OK),$(shell pkg-config --libs tesseract lept))
LDLIBS   = -lsqlite3 -lutf8proc -lmicrohttpd -lcjson -lxml2 -lzip $(POPPLER_LIBS) $(OCR_LIBS) -lpthread -lm
LIB_SRC  = $(sort $(filter-out indexer/cli/main.c,$(wildcard indexer/*/*.c)) \
                 $(wildcard server/*.c))
FUZZ_LIB = $(LIB_SRC:%.c=bin/fuzz/obj/%.o) bin/fuzz/obj/gen/data.o
ASAN_LIB = $(LIB_SRC:%.c=bin/asan/%.o) bin/asan/gen/data.o
TARGETS  = tok docnum reader odt $(if $(wildcard include/vp_qparse.h),qparse)

.PHONY: fuzzers replayers
fuzzers: $(TARGETS:%=bin/fuzz/fuzz_%)
replayers: $(TARGETS:%=bin/fuzz/replay_%)

bin/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE) $(WARN) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

bin/fuzz/obj/gen/data.o: bin/gen/data.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -Iinclude -I/usr/include/libxml2 $(POPPLER_CFLAGS) -O1 -c -o $@ $<

bin/fuzz/target/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE) $(WARN) -Werror -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

bin/fuzz/fuzz_%: bin/fuzz/target/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(SAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# -MMD: a target rebuilt when a header it includes changes (a struct that
# grows must not be read with the old layout)
bin/fuzz/replay/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(BASE) $(WARN) -Werror -MMD -MP -c -o $@ $<

bin/fuzz/replay_%: bin/fuzz/replay/fuzz_%.o bin/fuzz/replay/replay_main.o $(ASAN_LIB)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

.SECONDARY:
-include $(shell find bin/fuzz -name '*.d' 2>/dev/null)
