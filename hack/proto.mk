# `make proto`: regenerate Sources/ShardProtocol/shard.pb.swift from shard.proto.
# Included by the top-level Makefile. Needs protoc (Debian: protobuf-compiler). The
# protoc-gen-swift plugin is built once from the swift-protobuf release the package
# depends on (about 5-10 minutes on 2 cores) into a git-ignored folder and reused.
SWIFT ?= swift
PROTOC ?= protoc
SWIFT_PROTOBUF_VERSION ?= 1.39.0
SWIFT_PROTOBUF_URL ?= https://github.com/apple/swift-protobuf
PROTOC_GEN_SWIFT_DIR ?= .build-protoc-gen-swift
PROTOC_GEN_SWIFT ?= $(PROTOC_GEN_SWIFT_DIR)/.build/release/protoc-gen-swift
SHARD_PROTO_DIR := Sources/ShardProtocol

.PHONY: proto

$(PROTOC_GEN_SWIFT):
	rm -rf $(PROTOC_GEN_SWIFT_DIR)
	git -c advice.detachedHead=false clone --quiet --branch $(SWIFT_PROTOBUF_VERSION) $(SWIFT_PROTOBUF_URL) $(PROTOC_GEN_SWIFT_DIR)
	$(SWIFT) build --package-path $(PROTOC_GEN_SWIFT_DIR) -c release --product protoc-gen-swift

proto: $(PROTOC_GEN_SWIFT) ## Regenerate the shard wire schema's Swift code (installs protoc as root).
	@command -v $(PROTOC) >/dev/null || { [ "$$(id -u)" -eq 0 ] && apt-get install -y -qq protobuf-compiler >/dev/null; } || { echo "install protoc: sudo apt-get install -y protobuf-compiler" >&2; exit 1; }
	$(PROTOC) --plugin=protoc-gen-swift=$(PROTOC_GEN_SWIFT) \
		--swift_opt=Visibility=Public \
		--swift_out=$(SHARD_PROTO_DIR) \
		--proto_path=$(SHARD_PROTO_DIR) \
		$(SHARD_PROTO_DIR)/shard.proto
