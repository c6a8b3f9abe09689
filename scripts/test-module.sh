#!/usr/bin/env bash
# Runs examples/kits/terraform-test as a user's CI would: builds the provider and the mock API, starts the
# mock from the example's seed.json, and runs `terraform test` in a copy of the example folder, against
# the provider just built (dev_overrides in a throw-away CLI configuration; ~/.terraformrc is never
# touched). Fails when any test fails. TERRAFORM names the CLI: terraform on PATH by default, or
# OpenTofu (TERRAFORM=tofu runs `tofu test`).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/examples/kits/terraform-test"
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT

require_terraform TERRAFORM 1.11.0 "The terraform test example needs"
# start_mock runs the mock with this environment, so it starts from the example's workspace.
export MOCK_SEED="$example/seed.json"
start_mock
grep -q "workspace seeded from $MOCK_SEED" "$work/mock.log" || { cat "$work/mock.log"; echo "the mock did not start from $MOCK_SEED" >&2; exit 1; }
echo "$(basename "$terraform") $version"
# Only the files the repository has: no .terraform folder or state of an earlier local run.
mkdir -p "$work/example"
git -C "$example" ls-files -z --cached --others --exclude-standard . | (cd "$example" && xargs -0 cp --parents -t "$work/example")
cd "$work/example"

# terraform test runs the modules its run blocks name; get installs them (local ones need no
# registry), and the provider comes from dev_overrides, so no init is needed.
step "$(basename "$terraform") get"
"$terraform" get

step "$(basename "$terraform") test"
SECONDS=0
"$terraform" test
echo "$(basename "$terraform") test passed in ${SECONDS}s"

# terraform test destroys what each test file created: the workspace must be as seeded again.
step "The tests left the workspace as seed.json describes it"
want='{"roleGroups":{"Company":1},"roles":{"Administrator":1,"Employee":1},"users":{"admin@example.com":1},"managedDomains":[],"mfaRequired":true}'
got=$(curl -fsS "$url/_mock/snapshot")
if [[ $got != "$want" ]]; then
  echo "the workspace after the tests: $got" >&2
  echo "want, as seeded:                $want" >&2
  exit 1
fi
echo "$got"
