#!/usr/bin/env bash
# Two checks that keep the entry points honest (make check-targets):
#
# 1. Every target the GNUmakefile declares .PHONY has its `## target: what it does` line, which make
#    help prints, and every such line names a declared target.
# 2. .ci/run and .github/workflows/test.yml run the same make targets with the same arguments, so a pull
#    request is checked as main is. The only differences allowed are these:
#    - which CLI runs: the assignments of TERRAFORM, NEW_TERRAFORM, TOFU and TF_ACC_TERRAFORM_PATH are
#      left out of the comparison (.ci/run takes the CLIs from ../shared/tools, the workflow installs them);
#    - how often: each distinct make line counts once (the workflow runs a line under a matrix of CLIs
#      where .ci/run writes it once per CLI);
#    - .ci/run's fallbacks, make lines ending in `# fallback`: what it runs in place of a pass it cannot
#      run where ../shared/tools is absent (GitHub's runners install every CLI).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0

phony=$(sed -n 's/^\.PHONY: *//p' GNUmakefile | tr ' ' '\n' | sed '/^$/d' | sort)
helped=$(sed -n 's/^## \([a-z-]*\): .*/\1/p' GNUmakefile | sort)
if ! diff <(echo "$phony") <(echo "$helped") >/dev/null; then
  echo "GNUmakefile: every .PHONY target needs a '## target: what it does' line (make help prints them):" >&2
  comm -23 <(echo "$phony") <(echo "$helped") | sed 's/^/  no help line: /' >&2
  comm -13 <(echo "$phony") <(echo "$helped") | sed 's/^/  help line of no .PHONY target: /' >&2
  failed=1
fi

# The make lines of a file, one a line, with the CLI assignments left out and spaces normalised.
make_lines() {
  grep -E "$2" "$1" | grep -v '# fallback$' | sed -E "s/$2//" |
    sed -E 's/(^| )(TERRAFORM|NEW_TERRAFORM|TOFU|TF_ACC_TERRAFORM_PATH)=("[^"]*"|\$\{\{[^}]*\}\}|[^ ]+)//g; s/  +/ /g; s/ +$//' |
    sort -u
}
ci=$(make_lines .ci/run '^ *make ')
workflow=$(make_lines .github/workflows/test.yml '^ *(- )?run: make ')
if [[ -z "$ci" ]] || ! diff <(echo "$ci") <(echo "$workflow") >/dev/null; then
  echo ".ci/run and .github/workflows/test.yml must run the same make targets (see scripts/check-targets.sh):" >&2
  comm -23 <(echo "$ci") <(echo "$workflow") | sed 's/^/  only in .ci\/run: make /' >&2
  comm -13 <(echo "$ci") <(echo "$workflow") | sed 's/^/  only in test.yml: make /' >&2
  failed=1
fi

if [[ $failed -eq 0 ]]; then
  echo "$(wc -l <<<"$phony") targets with help lines; .ci/run and test.yml run the same $(wc -l <<<"$ci") make lines"
fi
exit $failed
