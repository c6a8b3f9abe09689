package review

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// organisation is what the rule invitation-outside-organisation compares invited addresses with: the
// organisation's email domains, lower-case and sorted, from Options.OrganisationDomains or else from
// the synerise_managed_domain resources of the plan's prior state and planned values.
type organisation struct {
	domains []string
	// later counts the plan's managed domains whose name is known only after apply.
	later int
}

func newOrganisation(plan *tfjson.Plan, given []string) *organisation {
	o := &organisation{}
	if len(given) > 0 {
		for _, domain := range given {
			o.add(domain)
		}
		return o
	}
	if plan.PriorState != nil && plan.PriorState.Values != nil {
		o.learn(plan.PriorState.Values.RootModule)
	}
	if plan.PlannedValues != nil {
		o.learn(plan.PlannedValues.RootModule)
	}
	return o
}

// learn takes the managed domains of a module and its children.
func (o *organisation) learn(module *tfjson.StateModule) {
	for r := range resourcesIn(module) {
		if r.Mode != tfjson.ManagedResourceMode || r.Type != "synerise_managed_domain" {
			continue
		}
		// planned_values leave out what is known only after apply.
		if domain, ok := r.AttributeValues["domain"].(string); ok {
			o.add(domain)
		} else {
			o.later++
		}
	}
}

func (o *organisation) add(domain string) {
	domain = normalDomain(domain)
	if domain == "" || slices.Contains(o.domains, domain) {
		return
	}
	o.domains = append(o.domains, domain)
	slices.Sort(o.domains)
}

// normalDomain is a domain as the rule compares it: lower-case, without a root's trailing dot.
func normalDomain(domain string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
}

// known says whether the rule can decide anything: some domain is known, or will be after apply.
func (o *organisation) known() bool { return len(o.domains) > 0 || o.later > 0 }

// inside says whether domain is one of the organisation's domains or a subdomain of one.
func (o *organisation) inside(domain string) bool {
	return slices.ContainsFunc(o.domains, func(d string) bool { return domain == d || strings.HasSuffix(domain, "."+d) })
}

// listed names the domains for a message: "example.com, example.org", and how many are known only
// after apply.
func (o *organisation) listed() string {
	switch {
	case o.later == 0:
		return strings.Join(o.domains, ", ")
	case len(o.domains) == 0:
		return plural(o.later, "1 known only after apply", "known only after apply")
	}
	return strings.Join(o.domains, ", ") + "; " + plural(o.later, "1 more known only after apply", "more known only after apply")
}

// invitee is an address a change invites: a new or replaced invitation, a member added to
// synerise_invitations, or a member's address that changes (from formerly). The email is "" when it
// is known only after apply.
type invitee struct {
	address  string
	email    string
	formerly string
}

// invitees are the addresses a change of synerise_invitation or synerise_invitations invites.
func invitees(c change) []invitee {
	switch {
	case !c.after.exists():
		return nil
	case c.rc.Type == "synerise_invitation":
		if i, ok := newInvitee(c.address(), c.before, c.after, c.actions.Replace()); ok {
			return []invitee{i}
		}
		return nil
	case c.rc.Type != "synerise_invitations":
		return nil
	case c.after.isUnknown("members"):
		return []invitee{{address: c.address()}}
	}
	// Members are matched by address, as the review of members does: one moved to another label is
	// not invited again.
	before, after := c.before.members(), c.after.members()
	previous := map[string]bool{}
	for _, m := range before {
		if email, ok := m.text("email"); ok {
			previous[strings.ToLower(email)] = !c.actions.Replace()
		}
	}
	var out []invitee
	for _, label := range slices.Sorted(maps.Keys(after)) {
		if email, ok := after[label].text("email"); ok && previous[strings.ToLower(email)] {
			continue
		}
		address := fmt.Sprintf("%s.members[%q]", c.address(), label)
		if i, ok := newInvitee(address, before[label], after[label], c.actions.Replace()); ok {
			out = append(out, i)
		}
	}
	return out
}

// newInvitee compares one invitation's sides: whether it invites an address, and which.
func newInvitee(address string, before, after object, replaced bool) (invitee, bool) {
	email, known := after.text("email")
	if !known {
		return invitee{address: address}, true
	}
	formerly, _ := before.text("email")
	switch {
	case !before.exists() || replaced || formerly == "":
		return invitee{address: address, email: email}, true
	case !strings.EqualFold(formerly, email):
		return invitee{address: address, email: email, formerly: formerly}, true
	}
	return invitee{}, false
}

// outsideInvitations applies the rule invitation-outside-organisation to one change. When no domain
// is known it finds nothing: the summary says once that invitations were not checked (uncheckedNote).
func outsideInvitations(c change, org *organisation) []Finding {
	if !org.known() {
		return nil
	}
	var out []Finding
	for _, i := range invitees(c) {
		if message := org.judge(i); message != "" {
			out = append(out, Finding{Rule: RuleInvitationOutsideOrganisation, Address: i.address, Message: message})
		}
	}
	return out
}

// judge is the finding's sentence for one invitee, "" when the address is inside.
func (o *organisation) judge(i invitee) string {
	if i.email == "" {
		return fmt.Sprintf("An invited address is known only after apply, so whether it is in the organisation's domains (%s) cannot be checked.", o.listed())
	}
	domain := normalDomain(i.email[strings.LastIndex(i.email, "@")+1:])
	if o.inside(domain) {
		return ""
	}
	what := i.email + " is invited"
	if i.formerly != "" {
		what = fmt.Sprintf("The address changes from %s to %s", i.formerly, i.email)
	}
	switch {
	case o.later > 0 && len(o.domains) == 0:
		return fmt.Sprintf("%s, and the organisation's domains are known only after apply, so whether %s is one of them cannot be checked.", what, domain)
	case o.later > 0:
		return fmt.Sprintf("%s, and %s is none of the organisation's domains known before apply (%s); %s, so whether it is inside cannot be checked.",
			what, domain, strings.Join(o.domains, ", "), plural(o.later, "1 more is known only after apply", "more are known only after apply"))
	}
	return fmt.Sprintf("%s, and %s is not one of the organisation's domains (%s).", what, domain, o.listed())
}

// uncheckedNote says, once for the plan, that its invitations were not checked because no
// organisation domain is known; nothing when they were, or when nobody is invited.
func (o *organisation) uncheckedNote(changes []change) []string {
	if o.known() || !slices.ContainsFunc(changes, func(c change) bool { return len(invitees(c)) > 0 }) {
		return nil
	}
	return []string{"Invitations were not checked for addresses outside the organisation (`" + RuleInvitationOutsideOrganisation +
		"`): no organisation domain is known, as the plan has no `synerise_managed_domain`. " +
		"Name the domains with `-org-domains example.com,example.org` or `-org-domains-file FILE`."}
}
