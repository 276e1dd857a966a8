# certwatch — see README.md. Every target works on a fresh Debian machine
# with Go 1.26 (and gcc for the race detector: `.ci/run` installs it).
#
# The build tag "ne" leaves gse's own 36 MB of dictionaries out of the
# binary; certwatch embeds a trimmed dictionary of its own (matcher/dict).

GO      ?= go
TAGS    ?= ne
# Tests, vet and the demo binary also compile the sample web (build tag demo);
# the production binary (make build) leaves it out.
DEMO_TAGS := $(TAGS),demo
DEMO_BIN := bin/certwatch-demo
BIN     := bin/certwatch
PKGS    := ./...
# Per-package limit: the slowest package (review) took 7 min under -race on this 2-core machine
# while three other sessions built and tested beside it; alone it takes less. 20 min is far from it.
TEST_TIMEOUT ?= 20m
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: all build test lint bench fuzz demo clean generate model

all: lint test build

build:
	$(GO) build -tags $(TAGS) -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/certwatch

# Tests that skip under -race (internal/racemode: single-goroutine
# comparisons over large inputs, ten times slower under the detector) and
# run here once more without it.
NORACE_TESTS := TestFastPathSameFindings|TestWordSegSameAsGse|TestListRulesFlagTheSame|TestPageNormalizedSameAsNormalize|TestLexerMatchesTokenizer
NORACE_PKGS  := ./matcher/ ./page/

## test: every test, with the race detector; then the few that skip under it, without.
test:
	$(GO) test -tags $(DEMO_TAGS) -race -count=1 -timeout $(TEST_TIMEOUT) $(PKGS)
	$(GO) test -tags $(DEMO_TAGS) -count=1 -timeout $(TEST_TIMEOUT) -run '^($(NORACE_TESTS))$$' $(NORACE_PKGS)

## lint: go vet and gofmt.
lint:
	$(GO) vet -tags $(TAGS) $(PKGS)
	$(GO) vet -tags $(DEMO_TAGS) ./cmd/...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## bench: benchmarks and cold-start measurements, printed as ratios (tools/benchtable).
bench:
	$(GO) run ./tools/benchtable

## fuzz: a short run of every fuzz target.
fuzz:
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzNormalize -fuzztime 30s ./matcher/
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzParse -fuzztime 30s ./rules/
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzFromHTML -fuzztime 30s ./page/
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzBlocksText -fuzztime 30s ./page/
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzParse -fuzztime 30s ./rank/
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzNeutralize -fuzztime 30s ./internal/bidi/

## generate: rebuild the fold table and the segmentation dictionary.
generate:
	cd matcher && $(GO) run ./internal/gentables -o foldtable.go && $(GO) run ./internal/gendict -o dict/zh.txt

## demo: the README's first command: the sample web, a sweep with the embedded rules, the cases.
demo:
	@tools/demo-setup.sh build "$(GO)" "$(DEMO_TAGS)" "-X main.version=$(VERSION)" $(DEMO_BIN)
	@tools/demo-setup.sh browser
	./$(DEMO_BIN) demo

## model: retrain the embedded default model rank/default.cwm from the labelled data and write its
## training data, settings and held-out figures to rank/default.eval.txt (tools/trainmodel.sh).
model:
	GO="$(GO)" tools/trainmodel.sh

clean:
	rm -rf bin
