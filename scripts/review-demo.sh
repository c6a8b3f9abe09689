#!/usr/bin/env bash
# The access-review kit end to end: makes the plans of scripts/review-plans.sh with the real CLI
# against the mock, reviews each with synerise-access-review, and fails unless each summary is the
# golden one committed in internal/review/testdata, -fail-on-attention stops on the weakened plan and
# -fail-on-drift on the refresh-only plan of a workspace changed outside Terraform; and that the
# unmanaged-access report of that workspace is the golden one and exits 3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/review"
"$root/scripts/review-plans.sh" "$out"

tool="$out/synerise-access-review"
go build -o "$tool" "$root/cmd/synerise-access-review"

for plan in workspace weakened drift drift-refresh-only; do
  "$tool" "$out/$plan.plan.json" >"$out/$plan.md"
  if ! diff -u "$root/internal/review/testdata/$plan.md" "$out/$plan.md"; then
    echo "the review of $plan.plan.json differs from internal/review/testdata/$plan.md (above);" \
      "if the change is right, copy $out/$plan.plan.json to internal/review/testdata and run go test ./internal/review -update" >&2
    exit 1
  fi
  echo "review of $plan.plan.json matches internal/review/testdata/$plan.md"
done

# The unmanaged report of the workspace after the drift, made by scripts/review-plans.sh while the mock ran:
# the person invited through the API is unmanaged, the break-glass account in the exceptions file is not.
for format in md json; do
  if ! diff -u "$root/internal/review/testdata/demo-unmanaged.$format" "$out/unmanaged.$format"; then
    echo "the unmanaged report differs from internal/review/testdata/demo-unmanaged.$format (above);" \
      "if the change is right, copy $out/unmanaged.$format there" >&2
    exit 1
  fi
  echo "unmanaged report matches internal/review/testdata/demo-unmanaged.$format"
done
if [[ $(cat "$out/unmanaged.exit") -ne 3 ]]; then
  echo "synerise-access-review unmanaged exited $(cat "$out/unmanaged.exit"), want 3 (something is unmanaged)" >&2
  exit 1
fi
echo "synerise-access-review unmanaged exits 3: something is unmanaged"

status=0
"$tool" -fail-on-attention "$out/weakened.plan.json" >/dev/null || status=$?
if [[ $status -ne 3 ]]; then
  echo "synerise-access-review -fail-on-attention exited $status on the weakened plan, want 3" >&2
  exit 1
fi
echo "-fail-on-attention exits 3 on the weakened plan"

# A scheduled job fails on drift alone: the refresh-only plan of a workspace changed through the API.
for plan in drift-refresh-only workspace; do
  status=0
  "$tool" -fail-on-drift "$out/$plan.plan.json" >/dev/null 2>&1 || status=$?
  want=0
  [[ $plan == drift-refresh-only ]] && want=4
  if [[ $status -ne $want ]]; then
    echo "synerise-access-review -fail-on-drift exited $status on $plan.plan.json, want $want" >&2
    exit 1
  fi
  echo "-fail-on-drift exits $want on $plan.plan.json"
done
