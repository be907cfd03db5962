#!/usr/bin/env bash
# `make image-check`: builds vmsvc as the Dockerfile does (release, --static-swift-stdlib)
# and checks that the binary runs and that every shared library it needs is one the runtime
# image (debian slim + libcurl4 + libzmq5) has. No container engine is needed.
# Slow (a release build): not part of `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUILD_PATH="${BUILD_PATH:-.build-image-check}"

swift build -c release --static-swift-stdlib --product vmsvc --build-path "$BUILD_PATH"
BIN="$(swift build -c release --static-swift-stdlib --build-path "$BUILD_PATH" --show-bin-path)/vmsvc"

# What libc6, libgcc-s1 and libstdc++6 (in every Debian image) and libcurl4 and libzmq5
# provide. Anything else (libswiftCore, libFoundation, libicu…) means the static link failed.
ALLOWED='^(ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1|linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libutil\.so\.1|libgcc_s\.so\.1|libstdc\+\+\.so\.6|libcurl\.so\.4|libzmq\.so\.5)$'

needed="$(readelf -d "$BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort)"
echo "direct dependencies of $BIN:"
sed 's/^/  /' <<<"$needed"
unexpected="$(grep -Ev "$ALLOWED" <<<"$needed" || true)"
if [[ -n "$unexpected" ]]; then
  echo "image-check: not in the runtime image:" >&2
  sed 's/^/  /' <<<"$unexpected" >&2
  exit 1
fi
if ldd "$BIN" | grep -q 'not found'; then
  ldd "$BIN" >&2
  echo "image-check: unresolved libraries" >&2
  exit 1
fi
"$BIN" version
echo "image-check: ok ($(du -h "$BIN" | cut -f1) binary; direct dependencies all in the runtime image)"
