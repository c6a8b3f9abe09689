#!/usr/bin/env bash
# Makes the plans the access-review kit is shown and tested with, as a pull request in a user's
# repository would: with the real CLI (TERRAFORM, terraform by default) against the mock API, the plan
# of examples/kits/workspace on a new workspace (workspace.plan.json), then, once that is applied, the plan
# of examples/kits/review/weakened laid over it (weakened.plan.json: a weaker password policy, MFA off,
# personal data for developers, an administrator invited, a member removed, a role renamed). Then, back
# on examples/kits/workspace with examples/kits/review/drift applied, it changes the workspace through the API as
# someone in the UI would (a role granted personal data, a member given another role, a shorter minimum
# password length) and plans again: drift.plan.json (an ordinary plan, which reverts the changes) and
# drift-refresh-only.plan.json (terraform plan -refresh-only, which keeps them). Last, it invites two
# people through the API, writes the state (drift.state.json) and, while the mock still runs, the
# unmanaged-access report of that state with examples/kits/review/access-exceptions.json (unmanaged.md,
# unmanaged.json, and its exit code in unmanaged.exit). Plans and state are `terraform show -json`; all
# is written to the folder given (build/review by default).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/build/review}" && cd "${1:-$root/build/review}" && pwd)
terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || { echo "no CLI $terraform: set TERRAFORM to terraform or tofu" >&2; exit 1; }
work=$(mktemp -d)
# shellcheck source=scripts/mock-env.sh
source "$root/scripts/mock-env.sh"
trap 'stop_mock; rm -rf "$work"' EXIT

start_mock
cp -R "$root/examples/kits/workspace" "$work/config"
cd "$work/config"
# The managed domain's TXT record, as a DNS provider would publish it (see scripts/demo.sh).
curl -fsS -X POST "$url/_mock/domains/example.com/publish?method=TXT_RECORD&after=0s" >/dev/null

step "The plan of examples/kits/workspace on a new workspace"
"$terraform" plan -out=workspace.tfplan >/dev/null
"$terraform" show -json workspace.tfplan >"$out/workspace.plan.json"
"$terraform" apply -auto-approve workspace.tfplan >/dev/null

step "The plan of examples/kits/review/weakened over the applied workspace"
cp "$root"/examples/kits/review/weakened/*.tf .
"$terraform" plan -out=weakened.tfplan >/dev/null
"$terraform" show -json weakened.tfplan >"$out/weakened.plan.json"

for file in "$root"/examples/kits/review/weakened/*.tf; do rm "$(basename "$file")"; done

step "examples/kits/review/drift applied, then the workspace changed through the API, outside Terraform"
cp "$root"/examples/kits/review/drift/*.tf .
"$terraform" apply -auto-approve >/dev/null
"$terraform" show -json >state.json
id_of() { jq -er --arg address "$1" '.values.root_module.resources[] | select(.address == $address) | .values.id' state.json; }
api() { curl -fsS -X "$1" -H "Authorization: Bearer $SYNERISE_API_TOKEN" -H 'Content-Type: application/json' "$url$2" "${@:3}"; }
developer=$(id_of synerise_role.developer)
# Personal data for developers, which the configuration keeps from them.
api POST "/uauth/roles/$developer/pii" -d '{"piiAccess": true}' >/dev/null
# The lead's invitation gets the developer role as well.
lead=$(id_of synerise_invitation.lead)
roles=$(jq -c --argjson developer "$developer" '[.values.root_module.resources[] | select(.address == "synerise_invitation.lead") | .values.role_ids[]] + [$developer]' state.json)
api POST "/uauth/users/invitations/$lead" -d "{\"firstName\": \"Grace\", \"lastName\": \"Hopper\", \"roles\": $roles}" >/dev/null
# A shorter minimum password length: the whole policy is sent back, as the API replaces it.
api GET /uauth/settings/password-policy | jq -c '.minLength = 8' | api POST /uauth/settings/password-policy -d @- >/dev/null

step "The plan after the changes (it reverts them) and a refresh-only plan (it keeps them)"
"$terraform" plan -out=drift.tfplan >/dev/null
"$terraform" show -json drift.tfplan >"$out/drift.plan.json"
"$terraform" plan -refresh-only -out=drift-refresh-only.tfplan >/dev/null
"$terraform" show -json drift-refresh-only.tfplan >"$out/drift-refresh-only.plan.json"

step "Two people invited through the API, whom no configuration manages"
api POST /uauth/users/invitations/invite -d '{"email": "mallory@partner.example", "firstName": "Mallory", "lastName": "Outsider", "roles": ['"$developer"']}' >/dev/null
api POST /uauth/users/invitations/invite -d '{"email": "breakglass@example.com", "firstName": "Break", "lastName": "Glass", "roles": []}' >/dev/null
"$terraform" show -json >"$out/drift.state.json"

step "The access no configuration manages, less examples/kits/review/access-exceptions.json"
go build -C "$root" -o "$work/synerise-access-review" ./cmd/synerise-access-review
for format in markdown json; do
  status=0
  "$work/synerise-access-review" unmanaged -exceptions "$root/examples/kits/review/access-exceptions.json" -format "$format" \
    "$out/drift.state.json" >"$out/unmanaged.${format/markdown/md}" || status=$?
  echo "$status" >"$out/unmanaged.exit"
done
cat "$out/unmanaged.md"

step "Written to $out: workspace.plan.json, weakened.plan.json, drift.plan.json, drift-refresh-only.plan.json, drift.state.json, unmanaged.md, unmanaged.json"
