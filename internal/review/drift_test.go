package review

import (
	"fmt"
	"strings"
	"testing"
)

// driftPlan is a plan of one synerise_password_policy that was changed outside Terraform (min_length
// 14 → 8, digits 1 → 0) and that the plan then changes as plannedJSON says; an empty plannedJSON makes a
// refresh-only plan, which has no resource_changes at all.
func driftPlan(plannedJSON string) string {
	drift := `{"address": "synerise_password_policy.this", "mode": "managed", "type": "synerise_password_policy", "name": "this",
		"change": {"actions": ["update"], "before": {"id": "p", "min_length": 14, "digits": 1}, "after": {"id": "p", "min_length": 8, "digits": 0}}}`
	changes := ""
	if plannedJSON != "" {
		changes = `, "resource_changes": [` + plannedJSON + `]`
	}
	return fmt.Sprintf(`{"format_version": "1.2", "planned_values": {"root_module": {}}, %s, "resource_drift": [%s]%s}`, priorPolicy, drift, changes)
}

// priorPolicy is the state a plan starts from: the policy as Terraform's refresh found it.
const priorPolicy = `"prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "synerise_password_policy.this",
	"mode": "managed", "type": "synerise_password_policy", "name": "this", "values": {"id": "p", "min_length": 8, "digits": 0}}]}}}`

func plannedPolicy(actions, after, unknown string) string {
	return fmt.Sprintf(`{"address": "synerise_password_policy.this", "mode": "managed", "type": "synerise_password_policy", "name": "this",
		"change": {"actions": %s, "before": {"id": "p", "min_length": 8, "digits": 0}, "after": %s, "after_unknown": %s}}`, actions, after, unknown)
}

// What a plan does about a change made outside Terraform is read attribute by attribute: set back,
// left, or known only after apply.
func TestDriftFates(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		planned string
		want    Fate
	}{
		"reverted":        {plannedPolicy(`["update"]`, `{"id": "p", "min_length": 14, "digits": 1}`, `{}`), FateReverted},
		"partly reverted": {plannedPolicy(`["update"]`, `{"id": "p", "min_length": 14, "digits": 0}`, `{}`), FatePartlyReverted},
		"kept by a no-op": {plannedPolicy(`["no-op"]`, `{"id": "p", "min_length": 8, "digits": 0}`, `{}`), FateKept},
		"undecided":       {plannedPolicy(`["update"]`, `{"id": "p", "digits": 1}`, `{"min_length": true}`), FateUndecided},
		"destroyed":       {plannedPolicy(`["delete"]`, `null`, `{}`), FateDestroyed},
		"refresh-only":    {"", FateAccepted},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			summary := summarize(t, driftPlan(tc.planned), Options{})
			if got := summary.Drift.Fates["synerise_password_policy.this"]; got != tc.want {
				t.Errorf("fate = %q, want %q", got, tc.want)
			}
			if summary.RefreshOnly != (tc.planned == "") {
				t.Errorf("RefreshOnly = %v for a plan with resource changes %q", summary.RefreshOnly, tc.planned)
			}
		})
	}
}

// The rules judge what changed outside Terraform as they judge the plan's changes, and the finding says
// that it happened outside Terraform and what this plan does about it.
func TestDriftIsJudgedByTheRules(t *testing.T) {
	t.Parallel()
	summary := summarize(t, driftPlan(plannedPolicy(`["update"]`, `{"id": "p", "min_length": 14, "digits": 1}`, `{}`)), Options{})
	if len(summary.Findings) != 1 {
		t.Fatalf("findings = %+v, want the weakening made outside Terraform", summary.Findings)
	}
	f := summary.Findings[0]
	if f.Rule != RulePasswordPolicyWeakened || !f.Drift || !strings.Contains(f.Message, "min_length 14 → 8, digits 1 → 0") ||
		!strings.HasSuffix(f.Message, "Changed outside Terraform; this plan reverts it.") {
		t.Errorf("finding = %+v", f)
	}
	markdown := summary.Markdown()
	for _, want := range []string{
		"Changed outside Terraform: 1 settings resource.",
		"`synerise_password_policy.this` (changed outside Terraform)",
		"**`synerise_password_policy.this`** (password policy): changed outside Terraform; this plan reverts it",
		"The MFA requirement cannot be read through the API",
	} {
		if !strings.Contains(markdown, want) {
			t.Errorf("the review lacks %q:\n%s", want, markdown)
		}
	}
}

// A member of synerise_invitations changed outside Terraform gets a fate of their own: the plan may
// revert one member's new role and keep another's.
func TestDriftFateOfEachMember(t *testing.T) {
	t.Parallel()
	member := func(email, roles string) string {
		return fmt.Sprintf(`{"email": %q, "role_ids": [%s], "active": true}`, email, roles)
	}
	members := func(ada, alan string) string {
		return fmt.Sprintf(`{"members": {"ada": %s, "alan": %s}}`, member("ada@example.com", ada), member("alan@example.com", alan))
	}
	plan := fmt.Sprintf(`{"format_version": "1.2", "planned_values": {"root_module": {}},
		"resource_drift": [{"address": "synerise_invitations.team", "mode": "managed", "type": "synerise_invitations", "name": "team",
			"change": {"actions": ["update"], "before": %s, "after": %s}}],
		"resource_changes": [{"address": "synerise_invitations.team", "mode": "managed", "type": "synerise_invitations", "name": "team",
			"change": {"actions": ["update"], "before": %s, "after": %s, "after_unknown": {}}}]}`,
		members("1", "1"), members("1, 2", "1, 3"), members("1, 2", "1, 3"), members("1", "1, 3"))
	summary := summarize(t, plan, Options{})
	for address, want := range map[string]Fate{
		`synerise_invitations.team.members["ada"]`:  FateReverted,
		`synerise_invitations.team.members["alan"]`: FateKept,
		`synerise_invitations.team`:                 FatePartlyReverted,
	} {
		if got := summary.Drift.Fates[address]; got != want {
			t.Errorf("fate of %s = %q, want %q", address, got, want)
		}
	}
	if len(summary.Drift.Members) != 2 {
		t.Errorf("members changed outside Terraform = %+v, want ada and alan", summary.Drift.Members)
	}
}

// A refresh-only plan that found nothing says so; a plan of an empty state and configuration, which has
// no resource_changes either, is not taken for one.
func TestNoDrift(t *testing.T) {
	t.Parallel()
	empty := summarize(t, `{"format_version": "1.2", "planned_values": {"root_module": {}}}`, Options{})
	if got, want := empty.Markdown(), "## Access review\n\nNo access changes.\n"; got != want {
		t.Errorf("summary of an empty plan = %q, want %q", got, want)
	}
	summary := summarize(t, `{"format_version": "1.2", "planned_values": {"root_module": {}}, `+priorPolicy+`}`, Options{})
	want := "## Access review\n\n> A refresh-only plan: it changes nothing in the workspace. Applying it writes what changed outside Terraform into the state, where the next plan no longer shows it.\n\nNo access changes. Nothing changed outside Terraform.\n"
	if got := summary.Markdown(); got != want || summary.Drift.Found() {
		t.Errorf("summary = %q, want %q", got, want)
	}
}
