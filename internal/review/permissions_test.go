package review

import (
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func plannedChange(mode tfjson.ResourceMode, typeName, name string, actions ...tfjson.Action) *tfjson.ResourceChange {
	prefix := ""
	if mode == tfjson.DataResourceMode {
		prefix = "data."
	}
	return &tfjson.ResourceChange{Address: prefix + typeName + "." + name, Mode: mode, Type: typeName, Name: name,
		Change: &tfjson.Change{Actions: actions}}
}

// The apply's permissions come from the steps of each change: a replacement deletes and creates, an
// update updates, a no-op needs nothing; a data source read during apply and an action invoked count;
// other providers' types and types the table does not know add nothing.
func TestPermissionsNeededFollowTheStepsOfTheChanges(t *testing.T) {
	plan := &tfjson.Plan{
		ResourceChanges: []*tfjson.ResourceChange{
			plannedChange(tfjson.ManagedResourceMode, "synerise_role_group", "replaced", tfjson.ActionDelete, tfjson.ActionCreate),
			plannedChange(tfjson.ManagedResourceMode, "synerise_role", "renamed", tfjson.ActionUpdate),
			plannedChange(tfjson.ManagedResourceMode, "synerise_ip_policy", "this", tfjson.ActionNoop),
			plannedChange(tfjson.ManagedResourceMode, "synerise_ban_settings", "gone", tfjson.ActionForget),
			plannedChange(tfjson.ManagedResourceMode, "aws_route53_record", "proof", tfjson.ActionCreate),
			plannedChange(tfjson.ManagedResourceMode, "synerise_future_thing", "x", tfjson.ActionCreate),
			plannedChange(tfjson.DataResourceMode, "synerise_domain_verification", "proof", tfjson.ActionRead),
		},
		ActionInvocations: []*tfjson.ActionInvocation{{Address: "action.synerise_user_mfa_reset.lost_phone", Type: "synerise_user_mfa_reset"}},
	}
	got := map[string][]string{}
	for _, need := range permissionsNeeded(plan) {
		got[need.Permission] = need.Addresses
	}
	want := map[string][]string{
		"managed_domains: create": {"data.synerise_domain_verification.proof"},
		"settings_users: create":  {"synerise_role_group.replaced"},
		"settings_users: delete":  {"synerise_role_group.replaced"},
		"settings_users: read":    {"synerise_role_group.replaced"},
		"settings_users: update":  {"action.synerise_user_mfa_reset.lost_phone", "synerise_role.renamed"},
	}
	if len(got) != len(want) {
		t.Errorf("permissions = %v, want %v", got, want)
	}
	for p, addresses := range want {
		if !slices.Equal(got[p], addresses) {
			t.Errorf("%s is needed by %v, want %v", p, got[p], addresses)
		}
	}
}

// A long list of resources is counted after the first few, and many permissions fold.
func TestPermissionsSectionStaysShort(t *testing.T) {
	plan := &tfjson.Plan{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		plan.ResourceChanges = append(plan.ResourceChanges, plannedChange(tfjson.ManagedResourceMode, "synerise_role", name, tfjson.ActionDelete))
	}
	s := &Summary{Permissions: permissionsNeeded(plan)}
	var b strings.Builder
	s.writePermissions(&b)
	want := "- `settings_users: delete`: `synerise_role.a`, `synerise_role.b`, `synerise_role.c`, `synerise_role.d` and 2 more\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("section:\n%s\nwant the line %q", b.String(), want)
	}
	var none strings.Builder
	(&Summary{}).writePermissions(&none)
	if none.Len() != 0 {
		t.Errorf("a plan that applies nothing has a permissions section: %q", none.String())
	}
}
