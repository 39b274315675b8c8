# ldk's build. `make` alone prints the targets.
SHELL := /bin/bash
GO ?= go
BIN := bin
PLUGINS := $(notdir $(wildcard plugins/*-compute))
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z][a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN{FS=":.*## "}{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: build
build: ## build ldk and every compute plugin into bin/
	@mkdir -p $(BIN)
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/ldk ./cmd/ldk
	@for p in $(PLUGINS); do \
		name=$${p%-compute}; \
		echo "$(GO) build -o $(BIN)/ldk-compute-$$name ./plugins/$$p"; \
		$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/ldk-compute-$$name ./plugins/$$p || exit 1; \
	done

.PHONY: test
test: ## run every test (needs node and python3 on PATH)
	$(GO) test -count=1 -timeout 30m ./...

.PHONY: lint
lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

.PHONY: clean
clean: ## remove build output
	rm -rf $(BIN)
