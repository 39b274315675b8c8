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

# Fuzzing: every `func Fuzz...` in a test file is run for FUZZTIME in turn.
# A crasher is written to the package's testdata/fuzz/<target>/; commit it
# with the fix, and `go test` replays it as a regression case from then on.
FUZZTIME ?= 30s

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME each (default 30s)
	@failed=""; \
	for file in $$(git ls-files '*_test.go' | xargs grep -l '^func Fuzz'); do \
		pkg=./$$(dirname $$file); \
		for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
			echo "== $$name in $$pkg for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || failed="$$failed $$name"; \
		done; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz targets that failed:$$failed"; exit 1; fi

.PHONY: bench
bench: build ## measure ldk against a process per invocation; table on stdout, JSON and Markdown in bin/bench.{json,md}
	$(GO) build -o $(BIN)/ldk-bench ./bench/cmd/ldk-bench
	$(BIN)/ldk-bench -ldk $(BIN)/ldk -example examples/cdk -json $(BIN)/bench.json -markdown $(BIN)/bench.md

.PHONY: lint
lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Code generation for the compute protocol. protoc comes from Debian
# (apt-get install -y protobuf-compiler, 3.21.x); the Go generators are
# pinned here and installed into bin/tools.
TOOLS := $(abspath $(BIN)/tools)
PROTOC_GEN_GO_VERSION := v1.36.12
PROTOC_GEN_GO_GRPC_VERSION := v1.6.0
PROTO_DIR := compute/proto

$(TOOLS)/protoc-gen-go:
	GOBIN=$(TOOLS) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VERSION)

$(TOOLS)/protoc-gen-go-grpc:
	GOBIN=$(TOOLS) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC_VERSION)

.PHONY: proto
proto: $(TOOLS)/protoc-gen-go $(TOOLS)/protoc-gen-go-grpc ## regenerate the compute protocol's Go code
	@command -v protoc >/dev/null || { echo "protoc not found: apt-get install -y protobuf-compiler"; exit 1; }
	protoc --plugin=protoc-gen-go=$(TOOLS)/protoc-gen-go \
		--plugin=protoc-gen-go-grpc=$(TOOLS)/protoc-gen-go-grpc \
		-I $(PROTO_DIR) \
		--go_out=$(PROTO_DIR) --go_opt=paths=source_relative \
		--go-grpc_out=$(PROTO_DIR) --go-grpc_opt=paths=source_relative \
		$(PROTO_DIR)/ldk/compute/v1/compute.proto

.PHONY: clean
clean: ## remove build output
	rm -rf $(BIN)
