# annalist build. `make` builds build/annalist; `make check` runs every test (also under
# ASan+UBSan); `make demo` installs what is missing, builds and codes the seed article.
# Sources are found by wildcard: a new file in src/<stage>/ needs no edit here.

CC       ?= cc
PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/annalist
SHARED   ?= $(abspath ../shared)
PKGS      = jansson libutf8proc sqlite3 libpq libmicrohttpd libzstd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
BASEFLAGS = -std=c11 -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) $(WARN) -MMD -MP \
           -DANN_DATADIR='"$(DATADIR)"'
OPT      ?= -O2 -g
LDLIBS   = $(PKG_LIBS) -lpthread -lm

# Two build flavours share the rules: build/ (optimised) and build-asan/ (sanitizers).
B        ?= build
ifeq ($(B),build-asan)
OPT      = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
CFLAGS  += $(BASEFLAGS) $(OPT)

LIB_SRC  = $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC  = $(wildcard src/cli/*.c)
TOOL_SRC = $(wildcard tools/*.c)
TEST_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(B)/obj/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all lib tests check check-unit check-asan check-e2e demo model bench install uninstall \
        clean deps fuzz format
all: $(B)/annalist

lib: $(B)/libannalist.a

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/libannalist.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/annalist: $(CLI_OBJ) $(B)/libannalist.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libannalist.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libannalist.a
	@mkdir -p $(dir $@)
	@echo "  CCLD $@"
	@$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(B)/libannalist.a $(LDLIBS) -lcmocka $(LDFLAGS)

tests: $(TESTS)

deps:
	scripts/install-deps --test

# The whole suite: unit tests and end-to-end tests against the optimised build, then the
# unit and end-to-end tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
check: deps
	$(MAKE) all tests
	$(MAKE) B=build-asan all tests
	SHARED=$(SHARED) tests/run $(B) build-asan

check-unit: all tests
	SHARED=$(SHARED) tests/run --unit-only $(B)

demo:
	scripts/install-deps --build
	$(MAKE) all
	@scripts/demo

model: all
	tools/train-model

bench:
	scripts/install-deps --all
	$(MAKE) all
	bench/run

fuzz:
	fuzz/run $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)
	install -m 755 $(B)/annalist $(DESTDIR)$(PREFIX)/bin/annalist
	cp -r data/dict data/models data/web $(DESTDIR)$(DATADIR)/
	@echo "installed $(DESTDIR)$(PREFIX)/bin/annalist and $(DESTDIR)$(DATADIR)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/annalist
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-bench build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
