package review

import (
	"fmt"
	"strings"
	"testing"
)

// The acknowledgement that silences the provider's token-owner warning is flagged where a plan sets it,
// or cannot tell whether it does; one kept from an earlier plan, or absent, is not.
func TestTokenOwnerLockoutAcknowledged(t *testing.T) {
	t.Parallel()
	invitation := func(before, after, unknown string) string {
		return fmt.Sprintf(`{"address": "synerise_invitation.me", "mode": "managed", "type": "synerise_invitation", "name": "me",
			"change": {"actions": ["update"], "before": %s, "after": %s, "after_unknown": %s}}`, before, after, unknown)
	}
	team := func(before, after string) string {
		return fmt.Sprintf(`{"address": "synerise_invitations.team", "mode": "managed", "type": "synerise_invitations", "name": "team",
			"change": {"actions": ["update"], "before": {"members": %s}, "after": {"members": %s}, "after_unknown": {}}}`, before, after)
	}
	const me = `{"id": 1, "email": "admin@example.com", "active": true, "role_ids": [1]`
	for name, tc := range map[string]struct {
		change string
		want   []string
	}{
		"set with a deactivation": {
			invitation(me+`}`, `{"id": 1, "email": "admin@example.com", "active": false, "role_ids": [1], "allow_token_owner_lockout": true}`, `{}`),
			[]string{"synerise_invitation.me: allow_token_owner_lockout = true for admin@example.com: someone overrode the provider's warning"},
		},
		"known only after apply": {
			invitation(me+`}`, me+`, "allow_token_owner_lockout": null}`, `{"allow_token_owner_lockout": true}`),
			[]string{"synerise_invitation.me: Whether allow_token_owner_lockout is set for admin@example.com is known only after apply"},
		},
		"kept from an earlier plan": {invitation(me+`, "allow_token_owner_lockout": true}`, me+`, "allow_token_owner_lockout": true}`, `{}`), nil},
		"false":                     {invitation(me+`}`, me+`, "allow_token_owner_lockout": false}`, `{}`), nil},
		"a member of many": {
			team(`{"me": `+me+`}}`, `{"me": `+me+`, "allow_token_owner_lockout": true}, "grace": {"email": "grace@example.com"}}`),
			[]string{`synerise_invitations.team.members["me"]: allow_token_owner_lockout = true for admin@example.com: someone overrode`},
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			summary := summarize(t, `{"format_version": "1.2", "planned_values": {"root_module": {}}, "resource_changes": [`+tc.change+`]}`, Options{})
			var got []string
			for _, f := range summary.Findings {
				if f.Rule == RuleTokenOwnerLockoutAcknowledged {
					got = append(got, f.Address+": "+f.Message)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("findings %q, want %d", got, len(tc.want))
			}
			for i, prefix := range tc.want {
				if !strings.HasPrefix(got[i], prefix) {
					t.Errorf("finding %q, want it to start with %q", got[i], prefix)
				}
			}
		})
	}
}
