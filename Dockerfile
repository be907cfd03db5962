# vmsvc container image.
#   docker build -t vmsvc:latest .
# Build stage: the Swift toolchain image, with the Swift runtime linked statically so the
# runtime stage needs no toolchain. Runtime stage: Debian slim plus the two C libraries vmsvc
# calls (libcurl for the API server, libzmq for the shard protocol). `make image-check`
# builds the binary the same way and checks it needs nothing else.

# The toolchain `make image-check` is run with.
ARG SWIFT_VERSION=6.3
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcurl4-openssl-dev libzmq3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first: this layer is reused while only the sources change.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product vmsvc \
 && install -D "$(swift build -c release --static-swift-stdlib --show-bin-path)/vmsvc" /out/vmsvc

FROM debian:${DEBIAN_RELEASE}-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcurl4 libzmq5 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/vmsvc /usr/local/bin/vmsvc
# The same numeric id the manifests' securityContext asks for (runAsNonRoot needs a number).
USER 65532:65532
EXPOSE 7400 8080 8081
ENTRYPOINT ["/usr/local/bin/vmsvc"]
CMD ["--help"]
