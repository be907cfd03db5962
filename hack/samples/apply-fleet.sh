# Sourced by hack/run/run.sh and benchmarks/reference-e2e.sh: defines apply_sample_fleet,
# which applies the sample fleet of this folder through the caller's `k` (kubectl with its
# kubeconfig): namespaces, VMs with their status, then the VirtualMachineServices.
apply_sample_fleet() {
  local samples="$1" namespace name ip4 ip6 ready network conditions now
  k apply -f "$samples/namespaces.yaml" >/dev/null
  k apply -f "$samples/virtualmachines.yaml" >/dev/null
  # A create never carries status into a CRD object: set IPs and Ready through /status.
  while IFS=$'\t' read -r namespace name ip4 ip6 ready; do
    [[ -z "$namespace" || "$namespace" == \#* ]] && continue
    network="{}"
    if [[ "$ip4" != "-" && "$ip6" != "-" ]]; then network="{\"primaryIP4\":\"$ip4\",\"primaryIP6\":\"$ip6\"}"
    elif [[ "$ip4" != "-" ]]; then network="{\"primaryIP4\":\"$ip4\"}"
    elif [[ "$ip6" != "-" ]]; then network="{\"primaryIP6\":\"$ip6\"}"; fi
    conditions="[]"
    if [[ "$ready" != "-" ]]; then
      now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
      conditions="[{\"type\":\"Ready\",\"status\":\"$ready\",\"reason\":\"$ready\",\"message\":\"\",\"lastTransitionTime\":\"$now\"}]"
    fi
    k patch virtualmachine "$name" -n "$namespace" --subresource=status --type=merge \
      -p "{\"status\":{\"network\":$network,\"conditions\":$conditions}}" >/dev/null
  done <"$samples/vm-status.tsv"
  k apply -f "$samples/virtualmachineservices.yaml" >/dev/null
}
