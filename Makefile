# The two commands a fresh Debian/Ubuntu machine needs:
#   make run    install what is missing, build and open the app
#   make test   install what is missing, then fmt check, clippy and every test
# And to put the app in the applications menu:
#   make install, make uninstall, make deb (a Debian package in target/debian)

CARGO ?= cargo

# `make install` / `make uninstall`: PREFIX defaults to ~/.local, or
# /usr/local as root; DESTDIR stages the files elsewhere (packaging).
# BIN=path installs a binary built already instead of building the release.
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
BIN ?=
export PREFIX DESTDIR
# Where cargo builds, and so where the release binary is: CARGO_TARGET_DIR
# when it is set, as cargo reads it (the scripts do the same).
TARGET_DIR = $(or $(CARGO_TARGET_DIR),target)

.PHONY: run test deps test-deps fmt schema bench icons install uninstall deb deb-deps release-bin

run: deps
	$(CARGO) run --release

test: test-deps
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	# Unit tests, then the one integration-test binary (it needs an X display
	# for the real-window tests). Examples and benches are built by clippy.
	# -noreset: Xvfb must not reset when the last window closes, or the next
	# test's window cannot connect while it does.
	xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" $(CARGO) test --lib --bins --tests

deps:
	scripts/install-deps.sh run

test-deps:
	scripts/install-deps.sh test

# Rewrites the committed JSON Schemas from the Rust types.
schema:
	$(CARGO) run --quiet -- schema routine > exercises/schema/routine.schema.json
	$(CARGO) run --quiet -- schema exercise > exercises/schema/exercise.schema.json
	$(CARGO) run --quiet -- schema record > exercises/schema/record.schema.json

bench:
	$(CARGO) bench --bench history

# Rewrites the committed PNG sizes of the app icon from assets/app-icon.svg.
icons:
	$(CARGO) run --quiet --example render_icons -- assets/icons

# The release binary, unless BIN names one.
release-bin:
ifeq ($(BIN),)
	$(CARGO) build --release
endif

install: deps release-bin
	BIN=$(or $(BIN),$(TARGET_DIR)/release/neckguide) scripts/install.sh install

uninstall:
	scripts/install.sh uninstall

deb-deps:
	scripts/install-deps.sh deb

deb: deb-deps release-bin
	BIN=$(or $(BIN),$(TARGET_DIR)/release/neckguide) scripts/make-deb.sh
