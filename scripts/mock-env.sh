# Sourced by the demo scripts: builds the provider and the mock API into $work, starts the mock on a
# free loopback port, and points the terraform CLI at the provider just built through a throw-away
# CLI configuration (TF_CLI_CONFIG_FILE), so ~/.terraformrc is never touched. Sets url, and exports
# SYNERISE_API_URL and SYNERISE_API_TOKEN for the provider. The caller sets root and work and calls
# stop_mock when done.

if [[ -t 1 ]]; then
  step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  step() { printf '\n==> %s\n' "$*"; }
fi

# require_terraform VARIABLE MIN "WHAT NEEDS" sets terraform (the CLI the environment variable VARIABLE
# names, terraform by default) and version, or stops with a message ("terraform query needs Terraform
# 1.14.0 or later; ...") when the CLI is older than MIN.
require_terraform() {
  terraform=${!1:-terraform}
  version=$("$terraform" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
  if [[ -z "$version" ]] || ! printf '%s\n%s\n' "$2" "$version" | sort -V -C; then
    echo "$3 Terraform $2 or later; $terraform is ${version:-not found}. Set $1 to a newer CLI." >&2
    exit 1
  fi
}

mock_pid=""
stop_mock() {
  if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
}

start_mock() {
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
    "registry.opentofu.org/synerise-oss/synerise" = "$work/bin"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc"
  export SYNERISE_API_URL="$url" SYNERISE_API_TOKEN="$MOCK_TOKEN"
  export TF_IN_AUTOMATION=1 TF_INPUT=0
  # Colour codes only help a person at a terminal; CI logs get plain text.
  [[ -t 1 ]] || export TF_CLI_ARGS="-no-color"
}
