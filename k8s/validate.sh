#!/usr/bin/env bash
# Renders every overlay with kustomize and validates each document against the Kubernetes schema, offline.
set -euo pipefail
K8S="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v kubectl >/dev/null || { echo "kubectl is required (it renders the kustomizations)" >&2; exit 1; }
if [[ ! -d "$K8S/validate/node_modules/kubernetes-models" ]]; then
  (cd "$K8S/validate" && npm install --no-audit --no-fund --no-package-lock --silent)
fi
status=0
for overlay in "$K8S"/overlays/*/; do
  echo "== $(basename "$overlay")"
  if ! kubectl kustomize "$overlay" | node "$K8S/validate/validate.mjs"; then
    status=1
  fi
done
exit $status
