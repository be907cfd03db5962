# vmsvc — kubebuilder-style entry points. `make help` lists them.
SWIFT ?= swift
CONFIG ?= debug
BIN := .build/$(CONFIG)/vmsvc

.PHONY: help deps build test run bench bench-micro clean manifests deploy image-check

include hack/proto.mk

help: ## List the targets.
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

deps: ## Install missing system packages (as root), or say which to install.
	@hack/install-deps.sh

build: deps ## Build the vmsvc binary.
	$(SWIFT) build -c $(CONFIG)

test: ## Build and run every test, then kube-sim's conformance with kubectl and the Python client.
	@hack/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/conformance/kubectl.sh
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/conformance/python.sh
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/manifests.sh

manifests: ## Render deploy/ and its overlays; validate every object against kube-sim (server dry run).
	$(SWIFT) build --product vmsvc
	VMSVC=$(CURDIR)/.build/debug/vmsvc hack/manifests.sh

deploy: ## Install or upgrade vmsvc (deploy/, or OVERLAY=deploy/overlays/NAME) in the current kubeconfig context.
	kubectl apply --server-side --force-conflicts -k $(or $(OVERLAY),deploy)

image-check: ## Release build with a static Swift runtime; check its libraries are all in the runtime image (slow).
	hack/image-check.sh

run: build ## Run the operator against an embedded kube-sim with sample VMs (Ctrl-C stops all).
	VMSVC=$(CURDIR)/$(BIN) hack/run/run.sh

bench: ## Run the default benchmark scenario.
	@echo "make bench will run the small preset of the benchmark harness (benchmarks/README.md)."

bench-micro: deps ## Run the micro-benchmarks (ordo-one/benchmark).
	cd benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean: ## Remove build products.
	rm -rf .build benchmarks/.build
