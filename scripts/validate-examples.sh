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
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

cd "$root"
shopt -s nullglob
folders=(examples/provider examples/resources/*/ examples/data-sources/*/ examples/workspace examples/quickstart)
failed=0
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
  if output=$(cd "$copy" && terraform validate -no-color 2>&1); then
    echo "valid    $folder"
  else
    echo "INVALID  $folder"
    sed 's/^/         /' <<<"$output"
    failed=1
  fi
done

if [[ $failed -ne 0 ]]; then
  echo "some examples do not validate; fix them and run make generate" >&2
  exit 1
fi
echo "all ${#folders[@]} example folders validate"
