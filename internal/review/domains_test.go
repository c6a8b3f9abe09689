package review

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// resourceChange is one change of a resource named by address, for the plans of these tests.
func resourceChange(address string, actions []string, before, after, unknown map[string]any) map[string]any {
	typ, name, _ := strings.Cut(address, ".")
	var beforeValue, afterValue any
	if before != nil {
		beforeValue = before
	}
	if after != nil {
		afterValue = after
	}
	return map[string]any{
		"address": address, "mode": "managed", "type": typ, "name": name,
		"change": map[string]any{"actions": actions, "before": beforeValue, "after": afterValue, "after_unknown": unknown},
	}
}

// managedDomain is a synerise_managed_domain in planned values or state; a nil domain is one known only
// after apply, which planned values leave out.
func managedDomain(name string, domain any) map[string]any {
	values := map[string]any{"id": name}
	if domain != nil {
		values["domain"] = domain
	}
	return map[string]any{"address": "synerise_managed_domain." + name, "mode": "managed", "type": "synerise_managed_domain", "name": name, "values": values}
}

// domainsPlan is a plan with these changes; its planned values hold the planned domains in a child
// module, and its prior state the prior ones at the root.
func domainsPlan(t *testing.T, changes []map[string]any, planned, prior []map[string]any) string {
	t.Helper()
	plan := map[string]any{
		"format_version": "1.2",
		"planned_values": map[string]any{"root_module": map[string]any{
			"child_modules": []any{map[string]any{"address": "module.dns", "resources": planned}},
		}},
		"prior_state":      map[string]any{"format_version": "1.0", "values": map[string]any{"root_module": map[string]any{"resources": prior}}},
		"resource_changes": changes,
	}
	raw, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func invited(email string) map[string]any {
	return map[string]any{"email": email, "role_ids": []any{}}
}

func team(members map[string]string) map[string]any {
	out := map[string]any{}
	for label, email := range members {
		out[label] = invited(email)
	}
	return map[string]any{"members": out}
}

var (
	created  = []string{"create"}
	updated  = []string{"update"}
	replaced = []string{"delete", "create"}
)

// outsideFindings are the rule's findings for the plan, as "address: message".
func outsideFindings(s *Summary) []string {
	var out []string
	for _, f := range s.Findings {
		if f.Rule == RuleInvitationOutsideOrganisation {
			out = append(out, f.Address+": "+f.Message)
		}
	}
	return out
}

// outsideCase is a plan's changes and domains, and the findings of invitation-outside-organisation it should give.
type outsideCase struct {
	name    string
	changes []map[string]any
	planned []map[string]any
	prior   []map[string]any
	opts    Options
	want    []string
}

func TestInvitationOutsideOrganisation(t *testing.T) {
	t.Parallel()
	for _, tt := range slices.Concat(singleInvitationCases(), teamCases(), organisationDomainCases()) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			summary := summarize(t, domainsPlan(t, tt.changes, tt.planned, tt.prior), tt.opts)
			if got := outsideFindings(summary); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(summary.Notes) != 0 {
				t.Errorf("notes %q, want none: the organisation's domains are known", summary.Notes)
			}
		})
	}
}

// singleInvitationCases are synerise_invitation changes against example.com.
func singleInvitationCases() []outsideCase {
	exampleCom := []map[string]any{managedDomain("company", "example.com")}
	return []outsideCase{
		{name: "an invitation outside", planned: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitation.contractor", created, nil, invited("contractor@partner.example"), map[string]any{"id": true})},
			want:    []string{"synerise_invitation.contractor: contractor@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)."}},
		{name: "an invitation replaced", planned: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitation.x", replaced, invited("x@partner.example"), invited("x@partner.example"), nil)},
			want:    []string{"synerise_invitation.x: x@partner.example is invited, and partner.example is not one of the organisation's domains (example.com)."}},
		{name: "an address changed to one outside", prior: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitation.lead", updated, invited("lead@example.com"), invited("lead@partner.example"), nil)},
			want:    []string{"synerise_invitation.lead: The address changes from lead@example.com to lead@partner.example, and partner.example is not one of the organisation's domains (example.com)."}},
		{name: "a domain that only ends like one", planned: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitation.x", created, nil, invited("x@notexample.com"), nil)},
			want:    []string{"synerise_invitation.x: x@notexample.com is invited, and notexample.com is not one of the organisation's domains (example.com)."}},
		{name: "members removed, and roles changed", planned: exampleCom,
			changes: []map[string]any{
				resourceChange("synerise_invitation.x", []string{"delete"}, invited("x@partner.example"), nil, nil),
				resourceChange("synerise_invitation.y", updated, invited("y@partner.example"), map[string]any{"email": "y@partner.example", "role_ids": []any{1}}, nil),
			}},
	}
}

// teamCases are synerise_invitations changes against example.com.
func teamCases() []outsideCase {
	exampleCom := []map[string]any{managedDomain("company", "example.com")}
	return []outsideCase{
		{name: "members added and changed outside, one moved to another label", planned: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitations.team", updated,
				team(map[string]string{"ada": "ada@example.com", "bob": "bob@example.com", "moved": "m@partner.example"}),
				team(map[string]string{"ada": "ada@example.com", "bob": "bob@partner.example", "eve": "eve@partner.example", "again": "m@partner.example"}), nil)},
			want: []string{
				`synerise_invitations.team.members["bob"]: The address changes from bob@example.com to bob@partner.example, and partner.example is not one of the organisation's domains (example.com).`,
				`synerise_invitations.team.members["eve"]: eve@partner.example is invited, and partner.example is not one of the organisation's domains (example.com).`,
			}},
		{name: "invitations replaced", planned: exampleCom,
			changes: []map[string]any{resourceChange("synerise_invitations.team", replaced,
				team(map[string]string{"ada": "ada@example.com", "eve": "eve@partner.example"}),
				team(map[string]string{"ada": "ada@example.com", "eve": "eve@partner.example"}), nil)},
			want: []string{`synerise_invitations.team.members["eve"]: eve@partner.example is invited, and partner.example is not one of the organisation's domains (example.com).`}},
	}
}

// organisationDomainCases are the ways the organisation's domains are known: another case, a subdomain, only after apply, or given.
func organisationDomainCases() []outsideCase {
	exampleCom := []map[string]any{managedDomain("company", "example.com")}
	return []outsideCase{
		{name: "a subdomain and another case are inside", planned: []map[string]any{managedDomain("company", "Example.COM.")},
			changes: []map[string]any{
				resourceChange("synerise_invitation.eu", created, nil, invited("ann@eu.example.com"), nil),
				resourceChange("synerise_invitation.shout", created, nil, invited("BOB@EXAMPLE.COM"), nil),
				resourceChange("synerise_invitation.respelt", updated, invited("x@partner.example"), invited("X@Partner.Example"), nil),
			}},
		{name: "addresses known only after apply", planned: exampleCom,
			changes: []map[string]any{
				resourceChange("synerise_invitation.x", created, nil, map[string]any{"role_ids": []any{}}, map[string]any{"email": true}),
				resourceChange("synerise_invitations.team", created, nil, map[string]any{}, map[string]any{"members": true}),
			},
			want: []string{
				"synerise_invitation.x: An invited address is known only after apply, so whether it is in the organisation's domains (example.com) cannot be checked.",
				"synerise_invitations.team: An invited address is known only after apply, so whether it is in the organisation's domains (example.com) cannot be checked.",
			}},
		{name: "a managed domain known only after apply", planned: []map[string]any{managedDomain("company", "example.com"), managedDomain("later", nil)},
			changes: []map[string]any{
				resourceChange("synerise_invitation.x", created, nil, invited("x@partner.example"), nil),
				resourceChange("synerise_invitation.y", created, nil, invited("y@example.com"), nil),
			},
			want: []string{"synerise_invitation.x: x@partner.example is invited, and partner.example is none of the organisation's domains known before apply (example.com); 1 more is known only after apply, so whether it is inside cannot be checked."}},
		{name: "every managed domain known only after apply", planned: []map[string]any{managedDomain("later", nil)},
			changes: []map[string]any{
				resourceChange("synerise_invitation.x", created, nil, invited("x@partner.example"), nil),
				resourceChange("synerise_invitation.y", created, nil, map[string]any{}, map[string]any{"email": true}),
			},
			want: []string{
				"synerise_invitation.x: x@partner.example is invited, and the organisation's domains are known only after apply, so whether partner.example is one of them cannot be checked.",
				"synerise_invitation.y: An invited address is known only after apply, so whether it is in the organisation's domains (1 known only after apply) cannot be checked.",
			}},
		{name: "the given domains instead of the plan's", planned: exampleCom, opts: Options{OrganisationDomains: []string{"Partner.Example", "example.org"}},
			changes: []map[string]any{
				resourceChange("synerise_invitation.contractor", created, nil, invited("contractor@partner.example"), nil),
				resourceChange("synerise_invitation.lead", created, nil, invited("lead@example.com"), nil),
			},
			want: []string{"synerise_invitation.lead: lead@example.com is invited, and example.com is not one of the organisation's domains (example.org, partner.example)."}},
	}
}

// Without a domain from anywhere the rule cannot decide: the review says so once, whoever is invited,
// and finds nothing it cannot stand behind.
func TestInvitationsUncheckedWithoutDomains(t *testing.T) {
	t.Parallel()
	invitations := []map[string]any{
		resourceChange("synerise_invitation.contractor", created, nil, invited("contractor@partner.example"), nil),
		resourceChange("synerise_invitation.x", created, nil, map[string]any{}, map[string]any{"email": true}),
		resourceChange("synerise_invitations.team", created, nil, team(map[string]string{"eve": "eve@partner.example"}), nil),
	}
	summary := summarize(t, domainsPlan(t, invitations, nil, nil), Options{})
	if got := outsideFindings(summary); len(got) != 0 {
		t.Errorf("findings %q, want none", got)
	}
	markdown := summary.Markdown()
	note := "> Invitations were not checked for addresses outside the organisation (`invitation-outside-organisation`): " +
		"no organisation domain is known, as the plan has no `synerise_managed_domain`. " +
		"Name the domains with `-org-domains example.com,example.org` or `-org-domains-file FILE`."
	if strings.Count(markdown, note) != 1 {
		t.Errorf("the summary does not say once that invitations were not checked:\n%s", markdown)
	}
	if !strings.HasPrefix(markdown, "## Access review\n\nChanges: 3 members. Nothing needs attention.\n\n"+note+"\n\n### Members") {
		t.Errorf("the note is not under the counts:\n%s", markdown)
	}

	nobodyInvited := []map[string]any{
		resourceChange("synerise_invitation.gone", []string{"delete"}, invited("gone@partner.example"), nil, nil),
		resourceChange("synerise_invitation.kept", updated, invited("kept@partner.example"), map[string]any{"email": "kept@partner.example", "active": false}, nil),
	}
	if s := summarize(t, domainsPlan(t, nobodyInvited, nil, nil), Options{}); len(s.Notes) != 0 {
		t.Errorf("notes %q for a plan that invites nobody, want none", s.Notes)
	}
}
