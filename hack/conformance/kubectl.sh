#!/usr/bin/env bash
# Conformance of kube-sim against the real kubectl: starts `vmsvc sim` on a free port and
# drives it with kubectl the way a user would. Prints "N passed, M failed"; exits non-zero on
# any failure. Usage: hack/conformance/kubectl.sh   (VMSVC=path/to/vmsvc to skip the build)
set -euo pipefail

source "$(dirname "$0")/lib.sh"

# An empty CRD directory: the CRDs must arrive through the API, as `kubectl apply` sends them.
mkdir -p "$WORK/no-crds"
start_sim --crds "$WORK/no-crds"

K=(kubectl --cache-dir "$WORK/cache" --request-timeout=20s)
PASSED=0
FAILED=0

# check NAME CMD...: runs CMD, counts it, shows its output when it fails.
check() {
  local name="$1"; shift
  if out="$("$@" 2>&1)"; then
    PASSED=$((PASSED + 1)); echo "ok   $name"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $name"; echo "$out" | sed 's/^/     /'
  fi
}

# contains NEEDLE CMD...: CMD succeeds and its output contains NEEDLE (an extended regex).
contains() {
  local needle="$1"; shift
  local out
  out="$("$@" 2>&1)" || { echo "$out"; return 1; }
  grep -Eq -- "$needle" <<<"$out" || { echo "expected /$needle/ in:"; echo "$out"; return 1; }
}

# eventually N CMD...: retries CMD up to N times, a tenth of a second apart.
eventually() {
  local tries="$1"; shift
  for _ in $(seq 1 "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  "$@"
}

check "apply CRDs with default validation" "${K[@]}" apply -f deploy/crds/
check "CRDs become established" "${K[@]}" wait --for condition=established --timeout=20s \
  crd/virtualmachines.vmoperator.vmware.com crd/virtualmachineservices.vmoperator.vmware.com
check "apply sample VirtualMachines" "${K[@]}" apply -f hack/conformance/samples/virtualmachines.yaml
check "apply sample VirtualMachineServices" "${K[@]}" apply -f hack/conformance/samples/virtualmachineservices.yaml
check "re-apply is unchanged" contains "virtualmachineservice.vmoperator.vmware.com/web unchanged" \
  "${K[@]}" apply -f hack/conformance/samples/virtualmachineservices.yaml
# The CRD's short name is `vmservice`; the plural resource name is what always works.
check "get virtualmachineservices -A shows printer columns" contains \
  "NAMESPACE +NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORTS +AGE" "${K[@]}" get virtualmachineservices -A
# Empty cells print as nothing, as with kube-apiserver (nil cells in the Table).
check "get virtualmachineservices row carries type and port" contains "default +web +LoadBalancer +80 " \
  "${K[@]}" get virtualmachineservices -A
check "CRD default applied (type ClusterIP)" contains "^ClusterIP$" \
  "${K[@]}" get vmservice internal -o "jsonpath={.spec.type}"
check "schema validation rejects a bad port" contains "Invalid value" \
  bash -c "! ${K[*]} patch vmservice web --type=merge -p '{\"spec\":{\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":70000,\"targetPort\":80}]}}'"
check "apply (fieldValidation=Strict) rejects unknown fields" contains 'strict decoding error: unknown field "spec.bogus"' \
  bash -c "! (sed 's/^spec:/spec:\n  bogus: 1/' hack/conformance/samples/virtualmachineservices.yaml | ${K[*]} apply -f -)"
check "patch (fieldValidation=Warn) warns about unknown fields" contains 'Warning: unknown field "spec.bogus"' \
  "${K[@]}" patch vmservice web --type=merge -p '{"spec":{"bogus":1}}'
check "unknown fields are pruned" contains "^$" "${K[@]}" get vmservice web -o "jsonpath={.spec.bogus}"

check "apply a Service and Endpoints" "${K[@]}" apply -f hack/conformance/samples/service-endpoints.yaml
"${K[@]}" get endpoints web -w --output-watch-events >"$WORK/watch.out" 2>&1 &
WATCH_PID=$!
check "watch is open" eventually 100 grep -q "10.0.0.10" "$WORK/watch.out"
check "patch --type=strategic (Endpoints)" "${K[@]}" patch endpoints web --type=strategic \
  -p '{"subsets":[{"addresses":[{"ip":"10.0.0.11"}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}'
check "get endpoints -w sees the change" eventually 100 grep -q "MODIFIED.*10.0.0.11" "$WORK/watch.out"
kill "$WATCH_PID" 2>/dev/null || true
wait "$WATCH_PID" 2>/dev/null || true
check "endpoints with a loopback IP are rejected" contains "may not be in the loopback range" \
  bash -c "! ${K[*]} patch endpoints web --type=merge -p '{\"subsets\":[{\"addresses\":[{\"ip\":\"127.0.0.1\"}],\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}]}'"
check "patch --type=merge (VirtualMachineService)" "${K[@]}" patch vmservice web --type=merge \
  -p '{"metadata":{"labels":{"tier":"front"}}}'
check "patch --type=json (VirtualMachineService)" "${K[@]}" patch vmservice web --type=json \
  -p '[{"op":"replace","path":"/spec/ports/0/port","value":81}]'
check "json patch took effect" contains "^81$" "${K[@]}" get vmservice web -o "jsonpath={.spec.ports[0].port}"
check "patch --type=strategic (Service ports by merge key)" "${K[@]}" patch service web --type=strategic \
  -p '{"spec":{"ports":[{"name":"admin","port":9000,"targetPort":9000}]}}'
check "strategic patch merged the port list" contains "^(80 9000|9000 80)$" \
  "${K[@]}" get service web -o "jsonpath={.spec.ports[*].port}"
check "strategic patch of a custom resource is 415" contains "UnsupportedMediaType|unknown format|not supported" \
  bash -c "! ${K[*]} patch vmservice web --type=strategic -p '{\"spec\":{}}'"

check "apply --server-side" "${K[@]}" apply --server-side --field-manager=conformance \
  -f hack/conformance/samples/virtualmachines.yaml --force-conflicts
check "server-side apply records the manager" contains "conformance" \
  "${K[@]}" get vm web-1 -o "jsonpath={.metadata.managedFields[*].manager}" --show-managed-fields

"${K[@]}" create configmap held --from-literal=a=b -o yaml --dry-run=client | \
  sed 's/^metadata:/metadata:\n  finalizers: ["example.com\/hold"]/' | "${K[@]}" apply -f - >/dev/null
"${K[@]}" delete configmap held --timeout=30s >"$WORK/delete.out" 2>&1 &
DELETE_PID=$!
check "delete leaves an object with a finalizer terminating" eventually 100 \
  contains "deletionTimestamp" "${K[@]}" get configmap held -o yaml
check "delete is still waiting" kill -0 "$DELETE_PID"
check "another kubectl removes the finalizer" "${K[@]}" patch configmap held --type=merge \
  -p '{"metadata":{"finalizers":null}}'
DELETE_RC=0
wait "$DELETE_PID" || DELETE_RC=$?
check "delete returns once the finalizer is gone" test "$DELETE_RC" -eq 0
check "object is gone" contains "NotFound|not found" bash -c "! ${K[*]} get configmap held"

check "delete --wait=false" "${K[@]}" delete vm web-2 --wait=false
check "wait --for=delete" "${K[@]}" wait --for=delete vm/web-2 --timeout=20s
check "delete namespace content via namespace deletion" bash -c \
  "${K[*]} create namespace team && ${K[*]} -n team create configmap settings --from-literal=a=b && ${K[*]} -n team apply -f hack/conformance/samples/service-endpoints.yaml >/dev/null \
   && ${K[*]} delete namespace team --timeout=30s && ! ${K[*]} get namespace team"

echo "$PASSED passed, $FAILED failed"
[[ "$FAILED" -eq 0 ]]
