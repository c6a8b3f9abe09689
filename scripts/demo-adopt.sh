#!/usr/bin/env bash
# The adoption of a workspace made by hand, end to end with the real terraform CLI against the mock
# API: objects are made through the API (scripts/seed-workspace), `terraform query
# -generate-config-out` on examples/kits/adopt writes import and resource blocks for all of them, the plan
# of that configuration must import every object and change nothing, and after the apply the next
# plan must be empty. NEW_TERRAFORM names the CLI, which must be Terraform 1.14 or later (terraform query).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT
require_terraform NEW_TERRAFORM 1.14.0 "terraform query needs"

start_mock
echo "terraform $version ($terraform)"

step "Making a workspace by hand, through the API"
go run -C "$root" ./scripts/seed-workspace

cp -R "$root/examples/kits/adopt" "$work/config"
cd "$work/config"

step "terraform query -generate-config-out=generated.tf"
"$terraform" init -input=false >/dev/null
"$terraform" query -generate-config-out=generated.tf
imports=$(grep -c '^import {' generated.tf || true)
echo "generated.tf: $imports import blocks"

step "terraform plan (must import every object and change nothing)"
"$terraform" plan -out=adopt.tfplan | tee plan.txt
want="Plan: $imports to import, 0 to add, 0 to change, 0 to destroy."
if ! grep -qF "$want" plan.txt; then
  echo "the plan of the generated configuration is not \"$want\"" >&2
  exit 1
fi

step "terraform apply"
"$terraform" apply adopt.tfplan

step "terraform plan (must show no changes)"
set +e
"$terraform" plan -detailed-exitcode
code=$?
set -e
if [[ $code -ne 0 ]]; then
  echo "the plan after the adoption was not empty (exit code $code)" >&2
  exit 1
fi

step "Adoption finished: $imports objects imported with no edits, and the next plan is empty"
