#!/usr/bin/env bash
# Makes the plans the access-review kit is shown and tested with, as a pull request in a user's
# repository would: with the real CLI (TERRAFORM, terraform by default) against the mock API, the plan
# of examples/workspace on a new workspace (workspace.plan.json), then, once that is applied, the plan
# of examples/review/weakened laid over it (weakened.plan.json: a weaker password policy, MFA off,
# personal data for developers, an administrator invited, a member removed, a role renamed). Both are
# `terraform show -json` of a saved plan, written to the folder given (build/review by default).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/build/review}" && cd "${1:-$root/build/review}" && pwd)
terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || { echo "no CLI $terraform: set TERRAFORM to terraform or tofu" >&2; exit 1; }
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT

start_mock
cp -R "$root/examples/workspace" "$work/config"
cd "$work/config"
# The managed domain's TXT record, as a DNS provider would publish it (see scripts/demo.sh).
curl -fsS -X POST "$url/_mock/domains/example.com/publish?method=TXT_RECORD&after=0s" >/dev/null

step "The plan of examples/workspace on a new workspace"
"$terraform" plan -out=workspace.tfplan >/dev/null
"$terraform" show -json workspace.tfplan >"$out/workspace.plan.json"
"$terraform" apply -auto-approve workspace.tfplan >/dev/null

step "The plan of examples/review/weakened over the applied workspace"
cp "$root"/examples/review/weakened/*.tf .
"$terraform" plan -out=weakened.tfplan >/dev/null
"$terraform" show -json weakened.tfplan >"$out/weakened.plan.json"

step "Plans written to $out: workspace.plan.json, weakened.plan.json"
