#!/usr/bin/env bash
# Builds the provider, starts the mock API on a free loopback port, and drives the real terraform CLI
# through apply, a second plan that must be empty, and destroy of a configuration folder: the first
# argument, examples/kits/workspace by default. TERRAFORM names the CLI: terraform on PATH by default, or
# OpenTofu (TERRAFORM=tofu). The CLI configuration is a throw-away file (TF_CLI_CONFIG_FILE), so
# ~/.terraformrc is never touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
config="$root/${1:-examples/kits/workspace}"
[[ -d "$config" ]] || { echo "no configuration folder $config" >&2; exit 1; }
terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || { echo "no CLI $terraform: set TERRAFORM to terraform or tofu" >&2; exit 1; }
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT

start_mock
"$terraform" version | sed -n 1p
cp -R "$config" "$work/config"
cd "$work/config"

# Stands in for a DNS provider: the TXT record becomes visible two seconds into the apply, so the
# managed domain's verification retries as it would while DNS propagates.
curl -fsS -X POST "$url/_mock/domains/example.com/publish?method=TXT_RECORD&after=2s" >/dev/null

step "$(basename "$terraform") apply"
"$terraform" apply -auto-approve

step "$(basename "$terraform") plan (must show no changes)"
set +e
"$terraform" plan -detailed-exitcode
code=$?
set -e
if [[ $code -ne 0 ]]; then
  echo "the second plan was not empty (exit code $code)" >&2
  exit 1
fi

step "$(basename "$terraform") destroy"
"$terraform" destroy -auto-approve

step "Demo finished: applied, planned clean, destroyed"
