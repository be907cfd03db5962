#!/usr/bin/env bash
# Installs the Debian packages vmsvc builds against, when they are missing.
# As root it installs them; otherwise it prints the exact command to run.
# `--test` adds what only the tests use: openssl (a TLS server for the client's tests) and
# nghttpd (an HTTP/2 server; the HTTP/2 multiplexing test is skipped without it).
set -euo pipefail

packages=(libcurl4-openssl-dev libzmq3-dev pkg-config)
[ "${1:-}" = "--test" ] && packages+=(openssl nghttp2-server python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "vmsvc needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
