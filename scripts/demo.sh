#!/usr/bin/env bash
# Builds the provider, starts the mock API on a free loopback port, and drives the real terraform CLI
# through apply, a second plan that must be empty, and destroy of a configuration folder: the first
# argument, examples/workspace by default. The CLI configuration is a throw-away file
# (TF_CLI_CONFIG_FILE), so ~/.terraformrc is never touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
config="$root/${1:-examples/workspace}"
[[ -d "$config" ]] || { echo "no configuration folder $config" >&2; exit 1; }
work=$(mktemp -d)
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -t 1 ]]; then
  step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  step() { printf '\n==> %s\n' "$*"; }
fi

step "Building the provider and the mock API"
go build -C "$root" -o "$work/bin/terraform-provider-synerise" .
go build -C "$root" -o "$work/synerise-mock" ./cmd/synerise-mock

step "Starting the mock API"
export MOCK_TOKEN="${MOCK_TOKEN:-mock-token}"
MOCK_ADDR=127.0.0.1:0 "$work/synerise-mock" >"$work/mock.log" 2>&1 &
mock_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.:]*' "$work/mock.log" | head -n1 || true)
  [[ -n "$url" ]] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then cat "$work/mock.log"; echo "the mock API exited" >&2; exit 1; fi
  sleep 0.1
done
[[ -n "$url" ]] || { echo "the mock API did not start" >&2; exit 1; }
echo "mock API at $url"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/synerise-oss/synerise" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export SYNERISE_API_URL="$url" SYNERISE_API_TOKEN="$MOCK_TOKEN"
export TF_IN_AUTOMATION=1 TF_INPUT=0
# Colour codes only help a person at a terminal; CI logs get plain text.
[[ -t 1 ]] || export TF_CLI_ARGS="-no-color"
cp -R "$config" "$work/config"
cd "$work/config"

# Stands in for a DNS provider: the TXT record becomes visible two seconds into the apply, so the
# managed domain's verification retries as it would while DNS propagates.
curl -fsS -X POST "$url/_mock/domains/example.com/publish?method=TXT_RECORD&after=2s" >/dev/null

step "terraform apply"
terraform apply -auto-approve

step "terraform plan (must show no changes)"
set +e
terraform plan -detailed-exitcode
code=$?
set -e
if [[ $code -ne 0 ]]; then
  echo "the second plan was not empty (exit code $code)" >&2
  exit 1
fi

step "terraform destroy"
terraform destroy -auto-approve

step "Demo finished: applied, planned clean, destroyed"
