package review

import (
	"fmt"
	"slices"
	"strings"
)

// member is one person on one side of a change: a synerise_invitation, or one entry of
// synerise_invitations.members.
type member struct {
	email  string
	active bool
	roles  []int64
	// pending counts roles known only after apply.
	pending int
	expires string
}

func readMember(o object) member {
	m := member{active: true}
	if email, ok := o.text("email"); ok {
		m.email = email
	} else {
		m.email = "(an address known after apply)"
	}
	if active, ok := o.boolean("active"); ok {
		m.active = active
	}
	m.expires, _ = o.text("access_expires_at")
	known, pending := o.elements("role_ids")
	for _, v := range known {
		if id, ok := asInt(v); ok {
			m.roles = append(m.roles, id)
		}
	}
	m.pending = pending
	return m
}

// members are the entries of synerise_invitations.members, by label.
func (o object) members() map[string]object {
	members := map[string]object{}
	for _, label := range o.memberLabels() {
		members[label] = o.member(label)
	}
	return members
}

// invitationChanges describe one synerise_invitation's change.
func invitationChanges(c change, roles *roleBook) []MemberChange {
	candidates := roles.candidates(c.rc, "role_ids")
	var before, after *member
	if c.before.exists() {
		m := readMember(c.before)
		before = &m
	}
	if c.after.exists() {
		m := readMember(c.after)
		after = &m
	}
	return memberChanges(c, c.address(), before, after, roles, candidates)
}

// invitationsChanges describe the members of one synerise_invitations that change, matched by
// address (compared without case, as the API does), so a member moved to another label is the same.
func invitationsChanges(c change, roles *roleBook) []MemberChange {
	candidates := roles.candidates(c.rc, "members")
	type side struct {
		label  string
		member member
	}
	collect := func(o object) map[string]side {
		sides := map[string]side{}
		for _, label := range o.memberLabels() {
			m := readMember(o.member(label))
			sides[strings.ToLower(m.email)] = side{label: label, member: m}
		}
		return sides
	}
	before, after := collect(c.before), collect(c.after)
	var keys []string
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []MemberChange
	for _, k := range keys {
		var b, a *member
		label := ""
		if s, ok := before[k]; ok {
			b, label = &s.member, s.label
		}
		if s, ok := after[k]; ok {
			a, label = &s.member, s.label
		}
		address := fmt.Sprintf("%s.members[%q]", c.address(), label)
		out = append(out, memberChanges(c, address, b, a, roles, candidates)...)
	}
	return out
}

// memberChanges compare one member's sides: invited, removed, or what changed for them.
func memberChanges(c change, address string, before, after *member, roles *roleBook, candidates []string) []MemberChange {
	switch {
	case before == nil && after == nil:
		return nil
	case before == nil:
		change := "invited"
		if !after.active {
			change = "invited, inactive"
		}
		given := roles.set(after.roles, after.pending, candidates)
		return []MemberChange{{Address: address, Email: after.email, Change: change, Roles: given.String(), gained: given}}
	case after == nil && c.actions.Forget():
		return []MemberChange{{Address: address, Email: before.email, Change: "no longer managed by Terraform (stays in the workspace)", Roles: roles.set(before.roles, 0, nil).String()}}
	case after == nil:
		return []MemberChange{{Address: address, Email: before.email, Change: "removed", Roles: "had " + roles.set(before.roles, 0, nil).String()}}
	case c.actions.Replace() && !strings.EqualFold(before.email, after.email):
		given := roles.set(after.roles, after.pending, candidates)
		return []MemberChange{
			{Address: address, Email: before.email, Change: "removed", Roles: "had " + roles.set(before.roles, 0, nil).String()},
			{Address: address, Email: after.email, Change: "invited", Roles: given.String(), gained: given},
		}
	}
	var what []string
	if c.actions.Replace() {
		what = append(what, "invited again")
	}
	switch {
	case before.active && !after.active:
		what = append(what, "deactivated")
	case !before.active && after.active:
		what = append(what, "activated again")
	}
	if before.expires != after.expires {
		what = append(what, fmt.Sprintf("access expires %s → %s", orNever(before.expires), orNever(after.expires)))
	}
	gained := roles.set(without(after.roles, before.roles), after.pending, candidates)
	lost := roles.set(without(before.roles, after.roles), 0, nil)
	var roleChange []string
	if !gained.empty() {
		roleChange = append(roleChange, "gains "+gained.String())
	}
	if !lost.empty() {
		roleChange = append(roleChange, "loses "+lost.String())
	}
	if len(roleChange) > 0 {
		what = append(what, "roles changed")
	} else {
		roleChange = append(roleChange, "keeps "+roles.set(after.roles, 0, nil).String())
	}
	if len(what) == 0 {
		return nil
	}
	return []MemberChange{{Address: address, Email: after.email, Change: strings.Join(what, "; "), Roles: strings.Join(roleChange, "; "), gained: gained}}
}

func orNever(at string) string {
	if at == "" {
		return "never"
	}
	return at
}

// without is the ids of a that b lacks.
func without(a, b []int64) []int64 {
	return slices.DeleteFunc(slices.Clone(a), func(id int64) bool { return slices.Contains(b, id) })
}
