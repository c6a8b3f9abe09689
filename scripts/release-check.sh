#!/usr/bin/env bash
# Checks the release configuration the way the Terraform Registry will read its output: goreleaser
# check on .goreleaser.yml, then a snapshot release (nothing is published) whose dist/ must hold one
# zip per platform named terraform-provider-synerise_<version>_<os>_<arch>.zip with the binary
# terraform-provider-synerise_v<version> at its root, and a <name>_<version>_SHA256SUMS that covers every
# zip and the manifest. The before-hook (go mod tidy) must leave go.mod and go.sum as they were.
# Beside the zips, the commands for users' pipelines (synerise-mock, synerise-access-review) must be
# archived as <command>_<version>_<os>_<arch>.tar.gz (.zip on Windows) with the command at the root,
# stay out of the SHA256SUMS, and answer -version with the release's version on this platform.
#
# All 13 platforms take about seven minutes on two cores, too long for every CI run, so by default the
# snapshot builds RELEASE_TARGETS (two platforms) from a copy of the configuration that differs only in
# its build targets; RELEASE_TARGETS=all builds the configuration as it is and expects the registry's
# platform set. The GPG signature of the sums is made only when GPG_FINGERPRINT names a key.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
goreleaser() { go tool -modfile=tools/go.mod goreleaser "$@"; }
project=terraform-provider-synerise
targets=${RELEASE_TARGETS:-linux_amd64 darwin_arm64}
# The registry's usual set: four systems on four architectures, without darwin/386 (and windows/arm,
# which Go no longer supports).
registry_platforms="darwin_amd64 darwin_arm64 freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64
linux_386 linux_amd64 linux_arm linux_arm64 windows_386 windows_amd64 windows_arm64"
# The commands are built for the runners users' pipelines have.
commands="synerise-mock synerise-access-review"
command_platforms="darwin_amd64 darwin_arm64 linux_amd64 linux_arm64 windows_amd64 windows_arm64"

echo "goreleaser check"
goreleaser check

config=.goreleaser.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ "$targets" == all ]]; then
  expected=$registry_platforms
  expected_commands=$command_platforms
else
  expected=$targets
  expected_commands=$targets
  config="$work/goreleaser.yml"
  # goreleaser warns that targets overrides goos, goarch and ignore: that is the point of the copy.
  list=$(printf '"%s", ' $targets)
  sed "s/^\(    binary: .*\)$/\1\n    targets: [${list%, }]/" .goreleaser.yml >"$config"
  grep -q '^    targets: ' "$config" || { echo "could not restrict the build targets of $config" >&2; exit 1; }
fi

skip=publish
if [[ -z "${GPG_FINGERPRINT:-}" ]]; then
  skip=publish,sign
  echo "GPG_FINGERPRINT is not set: the sums are not signed"
fi

before=$(sha256sum go.mod go.sum)
echo "goreleaser release --snapshot for: $expected"
SECONDS=0
goreleaser release --config "$config" --snapshot --clean --skip="$skip"
echo "snapshot built in ${SECONDS}s"
if [[ "$(sha256sum go.mod go.sum)" != "$before" ]]; then
  echo "the before-hook go mod tidy changed go.mod or go.sum; run go mod tidy and commit the result" >&2
  git diff -- go.mod go.sum >&2
  exit 1
fi

version=$(grep -o '"version":"[^"]*"' dist/metadata.json | cut -d'"' -f4)
[[ -n "$version" ]] || { echo "dist/metadata.json names no version" >&2; exit 1; }
sums="dist/${project}_${version}_SHA256SUMS"
[[ -f "$sums" ]] || { echo "missing $sums" >&2; exit 1; }

failed=0
fail() { echo "$*" >&2; failed=1; }
zips=0
for platform in $expected; do
  zip="${project}_${version}_${platform}.zip"
  binary="${project}_v${version}"
  [[ $platform == windows_* ]] && binary+=".exe"
  if [[ ! -f "dist/$zip" ]]; then fail "missing dist/$zip"; continue; fi
  zips=$((zips + 1))
  # Terraform runs the binary from the zip's root; goreleaser adds the README and CHANGELOG beside it.
  contents=$(zipinfo -1 "dist/$zip")
  grep -qx "$binary" <<<"$contents" || fail "$zip lacks $binary at its root"
  others=$(grep -vx -e "$binary" -e 'README.md' -e 'CHANGELOG.md' -e 'LICENSE' <<<"$contents" || true)
  [[ -z "$others" ]] || fail "$zip holds unexpected files: $others"
  grep -q "  $zip\$" "$sums" || fail "$sums does not list $zip"
done
found=$(find dist -maxdepth 1 -name "${project}_*.zip" | wc -l)
[[ $found -eq $zips ]] || fail "dist/ holds $found zips, want $zips"

manifest="${project}_${version}_manifest.json"
want_manifest="$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)  $manifest"
grep -qx "$want_manifest" "$sums" || fail "$sums does not list terraform-registry-manifest.json as $manifest"
(cd dist && sha256sum --quiet --check --ignore-missing "$(basename "$sums")") || fail "a checksum in $sums is wrong"
[[ $(wc -l <"$sums") -eq $((zips + 1)) ]] || fail "$sums lists $(wc -l <"$sums") files, want $((zips + 1))"
if [[ $skip != *sign* && ! -f "$sums.sig" ]]; then fail "missing the signature $sums.sig"; fi

host=$(go env GOOS)_$(go env GOARCH)
archives=0
ran=0
for command in $commands; do
  for platform in $expected_commands; do
    binary=$command
    archive="dist/${command}_${version}_${platform}.tar.gz"
    if [[ $platform == windows_* ]]; then
      binary+=".exe"
      archive="dist/${command}_${version}_${platform}.zip"
    fi
    if [[ ! -f "$archive" ]]; then fail "missing $archive"; continue; fi
    archives=$((archives + 1))
    if [[ $archive == *.zip ]]; then contents=$(zipinfo -1 "$archive"); else contents=$(tar -tzf "$archive"); fi
    grep -qx "$binary" <<<"$contents" || fail "$archive lacks $binary at its root"
    if grep -q "  $(basename "$archive")\$" "$sums"; then
      fail "$sums lists $(basename "$archive"); the registry reads that file as the provider's platforms"
    fi
    if [[ $platform == "$host" ]]; then
      mkdir -p "$work/$command"
      tar -xzf "$archive" -C "$work/$command" "$binary"
      if ! output=$("$work/$command/$binary" -version 2>&1); then
        fail "$binary -version failed: $output"
      elif [[ $output != *"$version"* ]]; then
        fail "$binary -version printed \"$output\", not the version $version"
      else
        echo "$command -version: $output"
        ran=$((ran + 1))
      fi
    fi
  done
done
if [[ $ran -eq 0 ]]; then echo "no archive is for this platform ($host): the commands were not run"; fi

if [[ $failed -ne 0 ]]; then exit 1; fi
echo "release layout as the registry expects: $zips zips, $(basename "$sums") with the manifest"
echo "commands for users' pipelines: $archives archives, none in the sums; $ran ran on $host"
