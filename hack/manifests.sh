#!/usr/bin/env bash
# `make manifests`: renders deploy/ and every overlay with kubectl's built-in kustomize and
# validates every object with `kubectl apply --dry-run=server` against a kube-sim it starts
# (and stops). Then checks that a dry run stored nothing, applies the default install for
# real, and dry-runs the production overlay over it (the patch path).
# Usage: hack/manifests.sh   (VMSVC=path/to/vmsvc to skip the build)
set -euo pipefail

source "$(dirname "$0")/conformance/lib.sh"
mkdir -p "$WORK/no-crds"
start_sim --crds "$WORK/no-crds"

KUBECTL="${KUBECTL:-$("$ROOT/hack/ensure-kubectl.sh")}"
K=("$KUBECTL" --cache-dir "$WORK/cache" --request-timeout=20s)

# name → kustomization root. hack/manifests/monitoring is production plus the optional
# ServiceMonitor component.
TARGETS=(default=deploy dev=deploy/overlays/dev production=deploy/overlays/production
  monitoring=hack/manifests/monitoring)

fail() { echo "manifests: $*" >&2; exit 1; }

# The namespace must exist before a server-side dry run of what goes in it (as on a real
# cluster), and the ServiceMonitor kind needs its CRD: both are set up for real first.
"${K[@]}" create namespace vmsvc-system --save-config >/dev/null
"${K[@]}" apply -f hack/manifests/servicemonitor-crd.yaml >/dev/null
"${K[@]}" wait --for condition=established --timeout=20s crd/servicemonitors.monitoring.coreos.com >/dev/null

for target in "${TARGETS[@]}"; do
  name="${target%%=*}"
  "${K[@]}" kustomize "${target#*=}" >"$WORK/$name.yaml" || fail "$name: kustomize failed"
  objects=$(grep -c '^kind: ' "$WORK/$name.yaml")
  out="$("${K[@]}" apply --dry-run=server -f "$WORK/$name.yaml" 2>&1)" || { echo "$out"; fail "$name: rejected"; }
  accepted=$(grep -c '(server dry run)$' <<<"$out" || true)
  [[ "$accepted" == "$objects" ]] || { echo "$out"; fail "$name: $accepted of $objects objects accepted"; }
  echo "ok   $name: $objects objects valid (server dry run)"
done

# A dry run must have stored nothing.
kinds=deployments,serviceaccounts,roles,rolebindings,clusterroles,poddisruptionbudgets,networkpolicies,servicemonitors
left="$("${K[@]}" get "$kinds" -A -o name 2>"$WORK/get.err")" || { cat "$WORK/get.err"; fail "cannot list"; }
[[ -z "$left" ]] || { echo "$left"; fail "a dry run stored objects"; }
echo "ok   dry runs stored nothing"

# The default install for real, then the production overlay as a dry-run patch over it.
"${K[@]}" apply -f "$WORK/default.yaml" >/dev/null || fail "default: apply failed"
out="$("${K[@]}" apply --dry-run=server -f "$WORK/production.yaml" 2>&1)" || { echo "$out"; fail "production over default"; }
grep -q 'deployment.apps/vmsvc-worker configured (server dry run)' <<<"$out" || { echo "$out"; fail "production: no patch"; }
replicas="$("${K[@]}" get deployment -n vmsvc-system vmsvc-worker -o 'jsonpath={.spec.replicas}')"
[[ "$replicas" == 3 ]] || fail "a dry-run patch was stored (worker replicas $replicas)"
echo "ok   production overlay patches the default install (server dry run)"
