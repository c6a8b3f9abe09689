#!/usr/bin/env bash
# The actions end to end with the real terraform CLI against the mock API: examples/kits/workspace-actions
# is applied for a member the seed makes (Grace), whose password and MFA its action_trigger resets
# once; a second plan must be empty and mail nothing; `terraform apply -invoke` then runs one action on
# its own, and must print its progress and mail one more link; invoking it for an address no member
# has must fail with a clear error. NEW_TERRAFORM names the CLI, which must be Terraform 1.14 or later.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT
require_terraform NEW_TERRAFORM 1.14.0 "actions need"

start_mock
echo "terraform $version ($terraform)"
go run -C "$root" ./scripts/seed-workspace
member=grace@example.com

# resets_mailed prints how many password reset links the mock mailed to the member.
resets_mailed() {
  local mails
  mails=$(curl -fsS "$url/_mock/mails?to=$member")
  echo $(($(grep -o '"kind": *"PASSWORD_RESET"' <<<"$mails" | wc -l)))
}
expect_resets() { # WANT WHEN
  local got
  got=$(resets_mailed)
  if [[ "$got" != "$1" ]]; then
    echo "$got password reset links were mailed to $member $2, want $1" >&2
    exit 1
  fi
  echo "$got password reset link(s) mailed to $member $2"
}

cp -R "$root/examples/kits/workspace-actions" "$work/config"
cd "$work/config"
"$terraform" init -input=false >/dev/null
vars=(-var "incident=SEC-42" -var "member_email=$member")

step "terraform apply (the incident's creation triggers both resets)"
"$terraform" apply -auto-approve "${vars[@]}" | tee apply.txt
grep -qF "multi-factor authentication of $member is reset" apply.txt ||
  { echo "the apply did not report the MFA reset" >&2; exit 1; }
expect_resets 1 "after the apply"

step "terraform plan (must show no changes, and trigger nothing)"
set +e
"$terraform" plan -detailed-exitcode "${vars[@]}"
code=$?
set -e
if [[ $code -ne 0 ]]; then
  echo "the second plan was not empty (exit code $code)" >&2
  exit 1
fi
expect_resets 1 "after the plan"

step "terraform apply -invoke=action.synerise_user_password_reset.incident"
"$terraform" apply -auto-approve -invoke=action.synerise_user_password_reset.incident "${vars[@]}" | tee invoke.txt
grep -qF "Synerise mailed $member a password reset link" invoke.txt ||
  { echo "the invocation did not report the reset" >&2; exit 1; }
expect_resets 2 "after the invocation"

step "terraform apply -invoke=... for an address no member has (must fail and reset nothing)"
if "$terraform" apply -auto-approve -invoke=action.synerise_user_mfa_reset.incident \
  -var "incident=SEC-42" -var "member_email=nobody@example.com" >missing.txt 2>&1; then
  cat missing.txt
  echo "invoking the action for an unknown address succeeded" >&2
  exit 1
fi
cat missing.txt
expect_resets 2 "after the failed invocation"

step "Actions finished: triggered once by the apply, not by the plan, and invoked on their own"
