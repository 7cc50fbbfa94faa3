# vitrine — make targets. Only Go is needed for site, serve and test.
GO      ?= go
BIN     := bin/vitrine
DEST    ?= public

.PHONY: all build site serve test check vet fuzz bench e2e clean

all: test

build:
	$(GO) build -o $(BIN) ./cmd/vitrine

# Build the sample archive into $(DEST)/.
site: build
	./$(BIN) build -source . -dest $(DEST)

# The main job: build and serve the sample archive with live reload.
serve: build
	./$(BIN) serve -source .

# The race detector needs cgo, so a C compiler: where there is none (a
# machine with only Go), the tests run without it and say so. CI sets
# RACE=-race, so there it is never skipped.
RACE ?= $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && echo -race)
test: vet
	@[ -n "$(RACE)" ] || echo "make test: cgo is off (no C compiler?), so running without -race; apt-get install gcc to enable it"
	$(GO) test $(RACE) ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# Check the sample archive without writing anything.
check: build
	./$(BIN) check -source .

# Run each fuzz target for a budget of executions (about 10–30 s each here);
# FUZZTIME=30s (or 1000000x) overrides every budget. Counts rather than
# durations: with a duration, Go 1.26's fuzz coordinator can report a spurious
# "context deadline exceeded" on a loaded machine (golang/go#75804, fixed in
# Go 1.27). Crashers land in testdata/fuzz/ and then run with every "make
# test" as regression cases.
FUZZTIME ?=
FUZZ_TARGETS := internal/content:FuzzParseDate:300000x internal/content:FuzzSlugify:80000x \
	internal/content:FuzzLoadEvent:100000x internal/render:FuzzRenderEvent:3000x
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; rest=$${t#*:}; fn=$${rest%%:*}; budget=$${rest#*:}; \
		budget=$${FUZZTIME:-$$budget}; \
		echo "fuzz $$fn ($$pkg, $$budget)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $$budget -timeout 10m ./$$pkg; \
	done

clean:
	rm -rf bin $(DEST)

# Time vitrine, beside Hugo when it is installed, on generated archives;
# see internal/bench/bench.sh for the settings.
BENCH_SIZES ?= 1000 10000 100000
bench:
	GO=$(GO) ./internal/bench/bench.sh $(BENCH_SIZES)

# Test the built sample archive as readers see it: Chromium (driven with
# chromedp), the Nu Html Checker and axe-core; see e2e/main_test.go.
# Needs chromium, java, and node with npm: .ci/run installs them on Debian.
# The npm tools are pinned in e2e/package-lock.json and installed here when
# the lock file is newer than the install. Screenshots land in e2e/screenshots/.
e2e:
	@cd e2e && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund; \
		else echo "e2e: npm not found, so the validator and axe-core tests will skip: apt-get install nodejs npm"; fi; \
	fi
	$(GO) test -tags e2e -count=1 -timeout 15m -v ./e2e/
