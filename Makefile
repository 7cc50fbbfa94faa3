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

test: vet
	$(GO) test -race ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# Check the sample archive without writing anything.
check: build
	./$(BIN) check -source .

# Run each fuzz target for FUZZTIME; crashers land in testdata/fuzz/ and
# then run with every "make test" as regression cases.
FUZZTIME ?= 20s
FUZZ_TARGETS := internal/content:FuzzParseDate internal/content:FuzzSlugify \
	internal/content:FuzzLoadEvent internal/render:FuzzRenderEvent
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "fuzz $$fn ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$pkg; \
	done

clean:
	rm -rf bin $(DEST)
