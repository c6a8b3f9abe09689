// Package review summarises the access changes of a Terraform plan for a pull request: who joins,
// leaves or gains roles, which roles start or stop seeing personal data, how security settings change,
// and what needs a reviewer's attention (rules.go). It reads the plan as terraform show -json writes
// it and, to name roles the plan cannot, asks the caller (the command asks the API through internal/iam).
package review

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Options tune a review.
type Options struct {
	// RoleNames names roles the plan cannot name, by id; without it they show as "role <id>".
	RoleNames RoleNames
	// OrganisationDomains are the organisation's email domains, for the rule
	// invitation-outside-organisation (a subdomain of one is inside); without them, the domains of the
	// plan's synerise_managed_domain resources.
	OrganisationDomains []string
}

// Summary is what a plan changes in a workspace's access, and what its refresh found changed outside
// Terraform, each part sorted.
type Summary struct {
	Findings []Finding
	Changes
	// Drift is what changed in the workspace since Terraform last wrote the state (the plan's
	// resource_drift), in the same terms as the changes, with what this plan does about each.
	Drift Drift
	// OtherProviders counts the changed resources of other providers by type.
	OtherProviders map[string]int
	// Incomplete is set when Terraform did not plan everything (-target, or changes deferred).
	Incomplete bool
	// Notes say, once each, what a rule could not check anywhere in the plan, such as invitations when
	// no organisation domain is known.
	Notes []string
	// RefreshOnly is set for a plan that changes nothing in the workspace (terraform plan
	// -refresh-only): the format does not say so, but only such a plan of a state that holds resources
	// has no resource_changes at all (an ordinary one lists every resource, if only as a no-op).
	RefreshOnly bool
	// Permissions are what the plan's apply needs, as the API reference names them, by permission.
	Permissions []PermissionNeed
}

// Changes are the access changes of one source: the plan's, or those made outside Terraform.
type Changes struct {
	Members  []MemberChange
	Roles    []RoleChange
	PII      []PIIChange
	Settings []SettingsChange
	// Others are the other resources of the provider that change, such as managed domains.
	Others []RoleChange
	// Unreviewed are the synerise resources of types this review does not know, by address.
	Unreviewed []string
}

// Finding is one thing that needs a reviewer's attention: the rule it broke (see rules.go), the
// resource, and one sentence saying what changes and why it matters.
type Finding struct {
	Rule    string
	Address string
	Message string
	// Drift marks a finding about a change made outside Terraform rather than by this plan.
	Drift bool
}

// MemberChange is one member invited, removed, (de)activated or given other roles.
type MemberChange struct {
	Address string
	Email   string
	Change  string
	Roles   string
	// gained are the roles the member gains, for the rule admin-role-granted.
	gained roleSet
}

// RoleChange is one role or role group created, renamed, changed or deleted.
type RoleChange struct {
	Address string
	Kind    string
	Change  string
}

// PIIChange is one role that starts or stops seeing personal data.
type PIIChange struct {
	Address string
	Role    string
	Granted bool
}

// SettingsChange is one settings resource and its attributes before and after.
type SettingsChange struct {
	Address string
	Action  string
	Rows    []SettingsRow
	// Later lists the attributes known only after apply on a create, the workspace's present values.
	Later []string
}

// SettingsRow is one attribute's change, its values written for Markdown.
type SettingsRow struct {
	Attribute string
	Before    string
	After     string
}

// Empty says whether the plan changes nothing this review shows and its refresh found nothing changed
// outside Terraform.
func (s *Summary) Empty() bool {
	return s.count() == 0 && len(s.Unreviewed) == 0 && len(s.OtherProviders) == 0 && len(s.Findings) == 0 &&
		!s.Drift.Found()
}

// count is how many changes there are, the unreviewed ones aside.
func (c *Changes) count() int {
	return len(c.Members) + len(c.Roles) + len(c.PII) + len(c.Settings) + len(c.Others)
}

// change is one planned change of a synerise resource instance, with both sides as objects.
type change struct {
	rc      *tfjson.ResourceChange
	actions tfjson.Actions
	before  object
	after   object
}

func (c change) address() string { return c.rc.Address }

// verb says what happens to the resource as a whole.
func (c change) verb() string {
	switch {
	case c.actions.Replace():
		return "replaced"
	case c.actions.Create():
		return "created"
	case c.actions.Delete():
		return "destroyed"
	case c.actions.Forget():
		return "forgotten"
	default:
		return "updated"
	}
}

// Summarize reviews plan. It fails only when opts.RoleNames does.
func Summarize(ctx context.Context, plan *tfjson.Plan, opts Options) (*Summary, error) {
	s := &Summary{
		OtherProviders: map[string]int{},
		Incomplete:     plan.Complete != nil && !*plan.Complete,
		RefreshOnly:    isRefreshOnly(plan),
	}
	roles := newRoleBook(plan)
	roles.organisation = newOrganisation(plan, opts.OrganisationDomains)
	var changes []change
	for _, rc := range plan.ResourceChanges {
		if c, ok := s.reviewable(rc); ok {
			changes = append(changes, c)
		}
	}
	drift := driftChanges(plan)
	if err := roles.lookUp(ctx, roleIDsIn(append(slices.Clone(changes), drift...)), opts.RoleNames); err != nil {
		return nil, err
	}
	for _, c := range changes {
		s.add(c, roles)
		s.Findings = append(s.Findings, findings(c, roles)...)
	}
	s.Drift = newDrift(plan, drift, roles)
	s.Findings = append(s.Findings, s.Drift.findings(drift, roles)...)
	s.Notes = roles.organisation.uncheckedNote(append(slices.Clone(changes), drift...))
	s.Permissions = permissionsNeeded(plan)
	s.sort()
	return s, nil
}

func isRefreshOnly(plan *tfjson.Plan) bool {
	if plan.ResourceChanges != nil || plan.PriorState == nil || plan.PriorState.Values == nil {
		return false
	}
	for range resourcesIn(plan.PriorState.Values.RootModule) {
		return true
	}
	return false
}

// reviewable makes a change of a planned resource change of this provider that does something,
// counting other providers' changes on the way.
func (s *Summary) reviewable(rc *tfjson.ResourceChange) (change, bool) {
	if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
		return change{}, false
	}
	if !strings.HasPrefix(rc.Type, "synerise_") {
		s.OtherProviders[rc.Type]++
		return change{}, false
	}
	return newChange(rc), true
}

func newChange(rc *tfjson.ResourceChange) change {
	return change{
		rc:      rc,
		actions: rc.Change.Actions,
		before:  newObject(rc.Change.Before, nil, rc.Change.BeforeSensitive),
		after:   newObject(rc.Change.After, rc.Change.AfterUnknown, rc.Change.AfterSensitive),
	}
}

// add describes one change in the part of the review its type belongs to.
func (cs *Changes) add(c change, roles *roleBook) {
	switch {
	case c.rc.Type == "synerise_invitation":
		cs.Members = append(cs.Members, invitationChanges(c, roles)...)
	case c.rc.Type == "synerise_invitations":
		cs.Members = append(cs.Members, invitationsChanges(c, roles)...)
	case c.rc.Type == "synerise_role" || c.rc.Type == "synerise_role_group":
		cs.Roles = append(cs.Roles, roleChange(c))
	case c.rc.Type == "synerise_role_pii":
		cs.PII = append(cs.PII, piiChanges(c, roles)...)
	case isSettings(c.rc.Type):
		cs.Settings = append(cs.Settings, settingsChange(c))
	case c.rc.Type == "synerise_managed_domain":
		cs.Others = append(cs.Others, domainChange(c))
	default:
		cs.Unreviewed = append(cs.Unreviewed, fmt.Sprintf("%s (%s)", c.address(), c.verb()))
	}
}

func (s *Summary) sort() {
	sort.SliceStable(s.Findings, func(i, j int) bool {
		a, b := s.Findings[i], s.Findings[j]
		return a.Rule < b.Rule || a.Rule == b.Rule && (a.Address < b.Address || a.Address == b.Address && a.Message < b.Message)
	})
	s.Changes.sort()
	s.Drift.sort()
}

func (c *Changes) sort() {
	sort.SliceStable(c.Members, func(i, j int) bool {
		a, b := c.Members[i], c.Members[j]
		return a.Email < b.Email || a.Email == b.Email && a.Address < b.Address
	})
	sort.SliceStable(c.Roles, func(i, j int) bool { return c.Roles[i].Address < c.Roles[j].Address })
	sort.SliceStable(c.PII, func(i, j int) bool { return c.PII[i].Address < c.PII[j].Address })
	sort.SliceStable(c.Settings, func(i, j int) bool { return c.Settings[i].Address < c.Settings[j].Address })
	sort.SliceStable(c.Others, func(i, j int) bool { return c.Others[i].Address < c.Others[j].Address })
	sort.Strings(c.Unreviewed)
}

// roleIDsIn are the role ids the changes hold, to name through Options.RoleNames those the plan cannot.
func roleIDsIn(changes []change) []int64 {
	var ids []int64
	add := func(o object, attribute string) {
		known, _ := o.elements(attribute)
		for _, v := range known {
			if id, ok := asInt(v); ok {
				ids = append(ids, id)
			}
		}
		if id, ok := o.number(attribute); ok {
			ids = append(ids, id)
		}
	}
	for _, c := range changes {
		for _, o := range []object{c.before, c.after} {
			switch c.rc.Type {
			case "synerise_invitation":
				add(o, "role_ids")
			case "synerise_invitations":
				for _, label := range o.memberLabels() {
					add(o.member(label), "role_ids")
				}
			case "synerise_role_pii":
				add(o, "role_id")
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
