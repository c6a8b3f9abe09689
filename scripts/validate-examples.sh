#!/usr/bin/env bash
# Runs `terraform validate` on every example folder against the provider built from this checkout, so
# that an example the docs show cannot name an attribute the schema lacks. Each folder is validated on
# its own, in a copy; a folder without a required_providers block gets one, as a reader pasting the
# example into a configuration would have. The CLI configuration is a throw-away file with
# dev_overrides (validate then needs no `terraform init` and no registry), so ~/.terraformrc is never
# touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -C "$root" -o "$work/bin/terraform-provider-synerise" .
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/synerise-oss/synerise" = "$work/bin"
    "registry.opentofu.org/synerise-oss/synerise" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

cd "$root"
shopt -s nullglob
folders=(examples/provider examples/resources/*/ examples/data-sources/*/ examples/workspace examples/quickstart)
failed=0
validate() { # CLI FOLDER COPY: installs the copy's local modules (no registry needed), then validates it
  local cli=$1 folder=$2 copy=$3 output
  if output=$(cd "$copy" && "$cli" get -no-color >/dev/null && "$cli" validate -no-color 2>&1); then
    echo "valid    $folder ($(basename "$cli"))"
  else
    echo "INVALID  $folder ($(basename "$cli"))"
    sed 's/^/         /' <<<"$output"
    failed=1
  fi
}
for folder in "${folders[@]}"; do
  folder=${folder%/}
  copy="$work/configs/${folder//\//_}"
  mkdir -p "$copy"
  cp "$folder"/*.tf "$copy/"
  if ! grep -q 'required_providers' "$copy"/*.tf; then
    cat >"$copy/required_providers.tf" <<'TF'
terraform {
  required_providers {
    synerise = {
      source = "synerise-oss/synerise"
    }
  }
}
TF
  fi
  validate terraform "$folder" "$copy"
done

# The several-workspaces example is a module and a root per CLI, each validated by the CLI it is for;
# OpenTofu comes from TOFU, ../shared/tools (beside the checkout in CI) or PATH.
cp -r examples/several-workspaces "$work/several-workspaces"
validate terraform examples/several-workspaces/terraform "$work/several-workspaces/terraform"
tofu=${TOFU:-}
if [[ -z $tofu && -x ../shared/tools/tofu-1.12 ]]; then tofu=$(../shared/tools/tofu-1.12 --path); fi
if [[ -z $tofu ]]; then tofu=$(command -v tofu || true); fi
if [[ -n $tofu ]]; then
  validate "$tofu" examples/several-workspaces/opentofu "$work/several-workspaces/opentofu"
else
  echo "skipped  examples/several-workspaces/opentofu: no OpenTofu here (set TOFU=/path/to/tofu)"
fi

if [[ $failed -ne 0 ]]; then
  echo "some examples do not validate; fix them and run make generate" >&2
  exit 1
fi
echo "all example folders validate"
