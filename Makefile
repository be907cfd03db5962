# vmsvc — kubebuilder-style entry points. `make help` lists them.
SWIFT ?= swift
CONFIG ?= debug
BIN := .build/$(CONFIG)/vmsvc

.PHONY: help deps build test run bench bench-medium bench-scaleout bench-tools bench-micro soak fuzz clean manifests deploy image-check

include hack/proto.mk

help: ## List the targets.
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

deps: ## Install missing system packages (as root), or say which to install.
	@hack/install-deps.sh

build: deps ## Build the vmsvc binary.
	$(SWIFT) build -c $(CONFIG)

test: ## Build and run every test, kube-sim's conformance with kubectl and the Python client, and the benchmarks package's tests.
	@hack/install-deps.sh --test
	$(SWIFT) build --build-tests
	@# The suite runs its tests in parallel and holds about 1,600 descriptors at its peak:
	@# more than the usual soft limit of 1,024, so take what the hard limit allows.
	ulimit -n "$$(ulimit -Hn)" 2>/dev/null || true; $(SWIFT) test --skip-build
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/conformance/kubectl.sh
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/conformance/python.sh
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/manifests.sh
	@# The benchmarks package (harness, reference controller, load generators) and its tests:
	@# built here so that a change to the main package cannot leave it broken unnoticed.
	$(SWIFT) build --package-path benchmarks --build-tests
	$(SWIFT) test --package-path benchmarks --skip-build

manifests: ## Render deploy/ and its overlays; validate every object against kube-sim (server dry run).
	$(SWIFT) build --product vmsvc
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/manifests.sh

deploy: ## Install or upgrade vmsvc (deploy/, or OVERLAY=deploy/overlays/NAME) in the current kubeconfig context.
	kubectl apply --server-side --force-conflicts -k $(or $(OVERLAY),deploy)

image-check: ## Release build with a static Swift runtime; check its libraries are all in the runtime image (slow).
	hack/image-check.sh

run: build ## Run the operator against an embedded kube-sim with sample VMs (Ctrl-C stops all).
	VMSVC=$(CURDIR)/$(BIN) hack/run/run.sh

# The end-to-end harness (benchmarks/README.md, "Harness"): release builds, a plotting venv.
BENCH_BIN := benchmarks/.build/release/vmsvc-bench
BENCH_PYTHON := benchmarks/.venv/bin/python
# Both controllers when the reference re-implementation is part of the benchmarks package.
BENCH_HAS_REFERENCE := $(shell grep -q '"vmsvc-reference"' benchmarks/Package.swift && echo yes)
comma := ,
BENCH_MODES := $(if $(BENCH_HAS_REFERENCE),vmsvc$(comma)reference,vmsvc)
BENCH_ARGS ?=

bench: bench-tools ## Run the default benchmark scenario (small preset, < 3 minutes): JSON, table, plots.
	$(BENCH_BIN) --preset small --mode $(BENCH_MODES) --find-max --plot $(BENCH_PYTHON) $(BENCH_ARGS)

bench-medium: bench-tools ## The medium preset (20k VMs / 2k services / 200 namespaces).
	$(BENCH_BIN) --preset medium --mode $(BENCH_MODES) --find-max --plot $(BENCH_PYTHON) $(BENCH_ARGS)

bench-scaleout: bench-tools ## Scale-out: 1, 2 and 4 workers with 10 ms per API write.
	$(BENCH_BIN) --preset small --workers 1,2,4 --plot $(BENCH_PYTHON) $(BENCH_ARGS)

bench-tools: deps $(BENCH_PYTHON) ## Build vmsvc and the harness in release, and the plotting venv.
	$(SWIFT) build -c release --product vmsvc
	cd benchmarks && $(SWIFT) build -c release --product vmsvc-bench
	$(if $(BENCH_HAS_REFERENCE),cd benchmarks && $(SWIFT) build -c release --product vmsvc-reference)

$(BENCH_PYTHON): benchmarks/plot/requirements.txt
	python3 -m venv benchmarks/.venv
	$(BENCH_PYTHON) -m pip install --quiet -r benchmarks/plot/requirements.txt
	touch $(BENCH_PYTHON)

bench-micro: deps ## Run the micro-benchmarks (ordo-one/benchmark).
	cd benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

soak: build ## The long fault suite (kill -9 x100, failovers, stale workers, 10-minute RSS soak); report in .build/soak/.
	hack/soak/soak.py --vmsvc $(CURDIR)/$(BIN) --out $(CURDIR)/.build/soak $(SOAK_ARGS)

fuzz: deps ## Run each libFuzzer harness (fuzz/) for FUZZ_SECONDS (default 60); fails on a crash.
	hack/fuzz.sh

clean: ## Remove build products.
	rm -rf .build benchmarks/.build
