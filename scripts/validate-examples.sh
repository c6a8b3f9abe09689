#!/usr/bin/env bash
# Runs `terraform validate` on every example folder against the provider built from this checkout, so
# that an example the docs show cannot name an attribute the schema lacks. Each folder is validated on
# its own, in a copy; a folder without a required_providers block gets one, as a reader pasting the
# example into a configuration would have. The CLI configuration is a throw-away file with
# dev_overrides (validate then needs no `terraform init` and no registry), so ~/.terraformrc is never
# touched. The examples that need a newer CLI than the one on PATH, import blocks by identity (1.12),
# list blocks, action blocks, examples/kits/adopt and examples/kits/workspace-actions (1.14), are validated with
# NEW_TERRAFORM, or skipped when it is older.
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
failed=0
validated=0
# validate copies the files to a folder of their own, adds a required_providers block where they have
# none, and runs terraform validate there: $1 is the CLI, $2 a name for the output, the rest the files.
# .tfquery.hcl files are validated too (-query) when there are any.
validate() {
  local terraform=$1 name=$2
  shift 2
  local flags=()
  [[ "$*" == *.tfquery.hcl* ]] && flags=(-query)
  local copy="$work/configs/${name//\//_}"
  mkdir -p "$copy"
  cp "$@" "$copy/"
  if ! grep -qs 'required_providers' "$copy"/*.tf; then
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
  validated=$((validated + 1))
  if output=$(cd "$copy" && "$terraform" validate "${flags[@]}" -no-color 2>&1); then
    echo "valid    $name"
  else
    echo "INVALID  $name"
    sed 's/^/         /' <<<"$output"
    failed=1
  fi
}

for folder in examples/provider examples/resources/*/ examples/data-sources/*/ examples/functions/*/ examples/kits/workspace examples/kits/quickstart; do
  folder=${folder%/}
  files=()
  for f in "$folder"/*.tf; do
    [[ $f == */import-by-identity.tf ]] || files+=("$f")
  done
  validate terraform "$folder" "${files[@]}"
done
# The access-review kit's pull request: examples/kits/review/weakened laid over examples/kits/workspace.
validate terraform examples/kits/review/weakened examples/kits/workspace/*.tf examples/kits/review/weakened/*.tf
# The watch for changes made outside Terraform: examples/kits/review/drift laid over examples/kits/workspace.
validate terraform examples/kits/review/drift examples/kits/workspace/*.tf examples/kits/review/drift/*.tf

terraform=${NEW_TERRAFORM:-terraform}
version=$("$terraform" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
if [[ -n "$version" ]] && printf '1.14.0\n%s\n' "$version" | sort -V -C; then
  for example in examples/resources/*/import-by-identity.tf; do
    validate "$terraform" "$example" "$example" "$(dirname "$example")/resource.tf"
  done
  for folder in examples/list-resources/*/; do
    validate "$terraform" "${folder%/}" "$folder"/*.tfquery.hcl
  done
  validate "$terraform" examples/kits/adopt examples/kits/adopt/*.tf examples/kits/adopt/*.tfquery.hcl
  for folder in examples/actions/*/; do
    validate "$terraform" "${folder%/}" "$folder"/*.tf
  done
  validate "$terraform" examples/kits/workspace-actions examples/kits/workspace-actions/*.tf
else
  echo "skipped: the import-by-identity, list-resource, action, adopt and workspace-actions examples need Terraform 1.14 or later;" \
    "$terraform is ${version:-not found}. Set NEW_TERRAFORM to a newer CLI."
fi

# The several-workspaces example is a module and a root per CLI, each validated by the CLI it is for,
# in a copy of the whole tree (the roots call the module by a relative path); `get` installs the local
# module without a registry. OpenTofu comes from TOFU, ../shared/tools (beside the checkout in CI) or PATH.
# examples/kits/terraform-test is a root that calls its module the same way; validate checks its tests too.
validate_tree() { # CLI ROOT-FOLDER COPY-OF-IT
  local cli=$1 folder=$2 copy=$3 output
  validated=$((validated + 1))
  if output=$(cd "$copy" && "$cli" get -no-color >/dev/null && "$cli" validate -no-color 2>&1); then
    echo "valid    $folder ($(basename "$cli"))"
  else
    echo "INVALID  $folder ($(basename "$cli"))"
    sed 's/^/         /' <<<"$output"
    failed=1
  fi
}
cp -r examples/kits/several-workspaces "$work/several-workspaces"
validate_tree terraform examples/kits/several-workspaces/terraform "$work/several-workspaces/terraform"
cp -r examples/kits/terraform-test "$work/terraform-test"
validate_tree terraform examples/kits/terraform-test "$work/terraform-test"
tofu=${TOFU:-}
if [[ -z $tofu && -x ../shared/tools/tofu-1.12 ]]; then tofu=$(../shared/tools/tofu-1.12 --path); fi
if [[ -z $tofu ]]; then tofu=$(command -v tofu || true); fi
if [[ -n $tofu ]]; then
  validate_tree "$tofu" examples/kits/several-workspaces/opentofu "$work/several-workspaces/opentofu"
else
  echo "skipped: examples/kits/several-workspaces/opentofu needs OpenTofu; set TOFU=/path/to/tofu"
fi

if [[ $failed -ne 0 ]]; then
  echo "some examples do not validate; fix them and run make generate" >&2
  exit 1
fi
echo "all $validated example configurations validate"
