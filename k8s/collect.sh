#!/usr/bin/env bash
# Copies the manifests quarkus-kubernetes generated at package time into k8s/base/generated/.
#   k8s/collect.sh          copy them (after mvn package)
#   k8s/collect.sh --check  fail if the committed copies differ from freshly generated ones (needs
#                           k8s/validate's npm packages: k8s/validate.sh installs them)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0
for s in telemetry-service detector-service healer-service docs-service; do
  generated="$ROOT/$s/target/kubernetes/kubernetes.yml"
  collected="$ROOT/k8s/base/generated/$s.yml"
  [[ -f "$generated" ]] || { echo "missing $generated: run mvn package first" >&2; exit 1; }
  if [[ "${1:-}" == "--check" ]]; then
    # Compared as YAML: quarkus-kubernetes does not keep label order stable between builds.
    if ! node "$ROOT/k8s/validate/same.mjs" "$generated" "$collected"; then
      echo "k8s/base/generated/$s.yml differs from $s/target/kubernetes/kubernetes.yml: run k8s/collect.sh" >&2
      status=1
    fi
  else
    cp "$generated" "$collected"
  fi
done
exit $status
