#!/usr/bin/env bash
# Tests the Rego policies of examples/kits/policies with OPA (OPA, build/opa by default; make test-policies
# builds it): formatted as opa fmt writes them, free of what opa check --strict rejects, their unit tests
# passing, and then on the two real plans scripts/review-plans.sh makes with the CLI against the mock:
# each must deny exactly the rules listed here and leave nothing undecided; and an exceptions file as
# examples/kits/policies/README.md shows must turn what it accepts into warnings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
opa=${OPA:-$root/build/opa}
[[ $opa == /* ]] || opa=$root/$opa
policies=$root/examples/kits/policies
plans=$root/build/review
step() { printf '\n==> %s\n' "$*"; }

step "opa fmt: the policies as opa fmt writes them"
unformatted=$("$opa" fmt --list "$policies")
if [[ -n "$unformatted" ]]; then
  "$opa" fmt --diff "$policies" >&2 || true
  echo "opa fmt would change these files; run $opa fmt --write examples/kits/policies:" >&2
  echo "$unformatted" >&2
  exit 1
fi

step "opa check --strict"
"$opa" check --strict "$policies"

step "opa test"
"$opa" test "$policies" -v

step "The plans the policies are tested on"
"$root/scripts/review-plans.sh" "$plans"

# rule_ids PLAN DOCUMENT [DATA...] prints the sorted, distinct rule ids of deny or warn for the plan.
rule_ids() {
  local plan=$1 document=$2
  shift 2
  "$opa" eval --format raw --data "$policies/synerise" "${@/#/--data=}" --input "$plan" \
    "concat(\" \", sort({substring(m, 1, indexof(m, \"]\") - 1) | some m in data.synerise.access.$document}))"
}

failed=0
# expect PLAN DOCUMENT "IDS" [DATA...] compares the rule ids with those expected and prints the messages.
expect() {
  local plan=$1 document=$2 expected=$3
  shift 3
  local got
  got=$(rule_ids "$plan" "$document" "$@")
  "$opa" eval --format raw --data "$policies/synerise" "${@/#/--data=}" --input "$plan" \
    "concat(\"\n\", sort(data.synerise.access.$document))" | sed '/^$/d; s/^/    /'
  if [[ "$got" == "$expected" ]]; then
    echo "ok      $(basename "$plan") $document: ${got:-nothing}"
  else
    echo "FAILED  $(basename "$plan") $document: got '${got}', want '${expected}'"
    failed=1
  fi
}

step "What the policies say of the plans"
# examples/kits/workspace on a new workspace: the role_pii of the auditors (its role id known only after
# apply, named from the configuration), and Sign in with Google, Apple and OAuth created enabled. The
# settings being created are not compared: the plan does not show what the workspace had.
expect "$plans/workspace.plan.json" deny "pii-granted sign-in-enabled"
expect "$plans/workspace.plan.json" warn ""
# examples/kits/review/weakened over it: the IP address is added to a disabled allowlist, so that rule stays quiet;
# contractor@partner.example is invited into a workspace that manages example.com.
expect "$plans/weakened.plan.json" deny "admin-role-granted bans-loosened invitation-outside-organisation mfa-requirement-off password-policy-weakened pii-granted"
expect "$plans/weakened.plan.json" warn ""

# The workspace changed through the API after an apply: a personal-data grant and a shorter minimum
# password length, judged as changes made outside Terraform by the ordinary plan (which reverts them)
# and by the refresh-only one (which keeps them).
expect "$plans/drift.plan.json" deny "password-policy-weakened pii-granted"
expect "$plans/drift.plan.json" warn ""
expect "$plans/drift-refresh-only.plan.json" deny "password-policy-weakened pii-granted"
expect "$plans/drift-refresh-only.plan.json" warn ""

step "Exceptions from a data file, as examples/kits/policies/README.md shows"
exceptions=$(mktemp)
trap 'rm -f "$exceptions"' EXIT
cat >"$exceptions" <<'JSON'
{
  "synerise_access": {
    "exceptions": [
      {"rule": "mfa-requirement-off", "address": "synerise_mfa_requirement.this", "reason": "SSO enforces a second factor"},
      {"rule": "pii-granted", "reason": "approved in ticket SEC-42"}
    ]
  }
}
JSON
expect "$plans/weakened.plan.json" deny "admin-role-granted bans-loosened invitation-outside-organisation password-policy-weakened" "$exceptions"
expect "$plans/weakened.plan.json" warn "mfa-requirement-off pii-granted" "$exceptions"

if [[ $failed -ne 0 ]]; then
  echo "the policies do not say what they should of the plans" >&2
  exit 1
fi
echo "the policies pass their tests and deny what they should"
