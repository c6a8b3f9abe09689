package review

import (
	"fmt"
	"strings"
)

// roleChange describes a synerise_role or synerise_role_group created, renamed, changed or deleted.
func roleChange(c change) RoleChange {
	kind := "role"
	if c.rc.Type == "synerise_role_group" {
		kind = "role group"
	}
	before, _ := c.before.text("name")
	after, afterKnown := c.after.text("name")
	if !afterKnown && c.after.exists() {
		after = "(a name known after apply)"
	}
	var what string
	switch {
	case c.actions.Forget():
		what = fmt.Sprintf("%q no longer managed by Terraform (stays in the workspace)", before)
	case !c.after.exists():
		what = fmt.Sprintf("%q deleted", before)
	case !c.before.exists():
		what = fmt.Sprintf("%q created", after)
	default:
		var parts []string
		if c.actions.Replace() {
			parts = append(parts, "replaced (deleted and created again, with a new id)")
		}
		if before != after {
			parts = append(parts, fmt.Sprintf("renamed from %q", before))
		}
		if c.before.values["description"] != c.after.values["description"] || c.after.isUnknown("description") {
			parts = append(parts, "description changed")
		}
		switch {
		case c.after.isUnknown("group_id"):
			parts = append(parts, "its group known after apply")
		case !sameNumber(c.before, c.after, "group_id"):
			parts = append(parts, "moved to another group")
		}
		if len(parts) == 0 {
			parts = append(parts, "changed")
		}
		what = fmt.Sprintf("%q %s", after, strings.Join(parts, ", "))
	}
	return RoleChange{Address: c.address(), Kind: kind, Change: what}
}

// sameNumber says whether a number attribute, or its absence, is the same on both sides.
func sameNumber(a, b object, attribute string) bool {
	m, mKnown := a.number(attribute)
	n, nKnown := b.number(attribute)
	return mKnown == nKnown && m == n
}

// piiChanges describe a synerise_role_pii that grants or withdraws a role's sight of personal data.
// A change of role_id withdraws it from one role and grants it to the other.
func piiChanges(c change, roles *roleBook) []PIIChange {
	beforeRole, beforeOn := piiSide(c.before, roles, nil)
	afterRole, afterOn := piiSide(c.after, roles, roles.candidates(c.rc, "role_id"))
	sameRole := beforeRole == afterRole
	var out []PIIChange
	if beforeOn == yes && (afterOn != yes || !sameRole) {
		out = append(out, PIIChange{Address: c.address(), Role: beforeRole, Granted: false})
	}
	if afterOn == yes && (beforeOn != yes || !sameRole) {
		out = append(out, PIIChange{Address: c.address(), Role: afterRole, Granted: true})
	}
	if afterOn == unknownYet {
		out = append(out, PIIChange{Address: c.address(), Role: afterRole + " (whether it sees personal data is known only after apply)", Granted: true})
	}
	return out
}

type tristate int

const (
	no tristate = iota
	yes
	unknownYet
)

// piiSide is the role one side of a synerise_role_pii names and whether it sees personal data.
func piiSide(o object, roles *roleBook, candidates []string) (string, tristate) {
	if !o.exists() {
		return "", no
	}
	var set roleSet
	if id, ok := o.number("role_id"); ok {
		set = roles.set([]int64{id}, 0, nil)
	} else {
		set = roles.set(nil, 1, candidates)
	}
	on, known := o.boolean("pii_access")
	switch {
	case !known && o.isUnknown("pii_access"):
		return set.String(), unknownYet
	case !known:
		// pii_access defaults to true: declaring the resource grants access.
		return set.String(), yes
	case on:
		return set.String(), yes
	}
	return set.String(), no
}

// domainChange describes a synerise_managed_domain: the workspace starts or stops managing the users
// of a domain.
func domainChange(c change) RoleChange {
	side := c.after
	if !side.exists() {
		side = c.before
	}
	domain, known := side.text("domain")
	if !known {
		domain = "(known after apply)"
	}
	return RoleChange{Address: c.address(), Kind: "managed domain", Change: fmt.Sprintf("managed domain %q %s", domain, c.verb())}
}
