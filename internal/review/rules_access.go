package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// adminLike matches role names that suggest administering the workspace.
var adminLike = regexp.MustCompile(`(?i)admin|owner|superuser|root`)

// piiGranted applies RulePIIGranted: a role that starts seeing customers' personal data.
func piiGranted(c change, roles *roleBook) []Finding {
	var out []Finding
	for _, p := range piiChanges(c, roles) {
		if p.Granted {
			out = append(out, about(c, RulePIIGranted, "Users with %s will see customers' personal data unmasked.", theRole(p.Role)))
		}
	}
	return out
}

// adminGrants applies RuleAdminRoleGranted: the members who gain a role whose name looks admin-like.
func adminGrants(c change, roles *roleBook) []Finding {
	var members []MemberChange
	if c.rc.Type == "synerise_invitation" {
		members = invitationChanges(c, roles)
	} else {
		members = invitationsChanges(c, roles)
	}
	var out []Finding
	for _, m := range members {
		gained := gainedRoles(m)
		if gained == nil {
			continue
		}
		sure, maybe := adminLikeNames(gained.named), adminLikeNames(gained.mayBeAny)
		switch {
		case len(sure) > 0:
			out = append(out, Finding{Rule: RuleAdminRoleGranted, Address: m.Address, Message: fmt.Sprintf(
				"%s gains %s, whose name looks admin-like: check that they need to administer the workspace.", m.Email, rolesPhrase(sure))})
		case len(maybe) > 0:
			out = append(out, Finding{Rule: RuleAdminRoleGranted, Address: m.Address, Message: fmt.Sprintf(
				"%s gains a role known only after apply, which may be %s, whose name looks admin-like.", m.Email, strings.Join(maybe, " or "))})
		}
	}
	return out
}

// adminLikeNames are the names that look admin-like, quoted.
func adminLikeNames(names []string) []string {
	var out []string
	for _, name := range names {
		if adminLike.MatchString(name) {
			out = append(out, fmt.Sprintf("%q", name))
		}
	}
	return out
}

// gainedRoles are the roles a member change gives, nil when it gives none.
func gainedRoles(m MemberChange) *roleSet {
	if m.gained.empty() {
		return nil
	}
	return &m.gained
}

func rolesPhrase(names []string) string {
	slices.Sort(names)
	if len(names) == 1 {
		return "the role " + names[0]
	}
	return "the roles " + strings.Join(names, ", ")
}
