package review

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Markdown writes the report for a pull-request comment or an issue, in the review's style: counts,
// then a table per kind, then the accepted and the stale exceptions. The same report always gives
// the same text.
func (r *UnmanagedReport) Markdown() string {
	var b strings.Builder
	b.WriteString("## Unmanaged access\n\n")
	if r.SyneriseResources == 0 {
		b.WriteString("> **The state manages no Synerise resource.** It may be the state of another configuration, " +
			"or nobody manages this workspace with Terraform yet: everything the workspace holds shows as unmanaged.\n\n")
	}
	b.WriteString(r.counts())
	r.writeMembers(&b)
	r.writeRoles(&b)
	r.writeRoleGroups(&b)
	r.writeAccepted(&b)
	r.writeStale(&b)
	return b.String()
}

func (r *UnmanagedReport) counts() string {
	parts := countedParts(
		counted{len(r.Members), "member", "members"},
		counted{len(r.Roles), "role", "roles"},
		counted{len(r.RoleGroups), "role group", "role groups"},
	)
	accepted := r.Accepted.count()
	var line string
	switch {
	case len(parts) > 0 && accepted > 0:
		line = "Unmanaged: " + strings.Join(parts, ", ") + ". " + plural(accepted, "1 more is an accepted exception", "more are accepted exceptions") + "."
	case len(parts) > 0:
		line = "Unmanaged: " + strings.Join(parts, ", ") + "."
	case accepted > 0:
		line = "Nothing unmanaged besides " + plural(accepted, "1 accepted exception", "accepted exceptions") + "."
	default:
		line = "Nothing unmanaged: the state manages every member, role and role group of the workspace."
	}
	if stale := r.Stale.Count(); stale > 0 {
		line += " **" + plural(stale, "1 exception matches", "exceptions match") + " nothing.**"
	}
	return line + "\n"
}

func (r *UnmanagedReport) writeMembers(b *strings.Builder) {
	if len(r.Members) == 0 {
		return
	}
	b.WriteString("\n### Members\n\n")
	rows := []string{"| Member | Status | Roles | Id |", "|---|---|---|---|"}
	for _, m := range r.Members {
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %d |", cell(m.Email), cell(strings.ToLower(m.Status)), cell(roleList(m.Roles)), m.ID))
	}
	fold(b, plural(len(r.Members), "1 member", "members"), len(r.Members), rows)
}

func (r *UnmanagedReport) writeRoles(b *strings.Builder) {
	if len(r.Roles) == 0 {
		return
	}
	b.WriteString("\n### Roles\n\n")
	rows := []string{"| Role | Group | Id |", "|---|---|---|"}
	for _, role := range r.Roles {
		rows = append(rows, fmt.Sprintf("| %s | %s | %d |", cell(role.Name), cell(role.Group), role.ID))
	}
	fold(b, plural(len(r.Roles), "1 role", "roles"), len(r.Roles), rows)
}

func (r *UnmanagedReport) writeRoleGroups(b *strings.Builder) {
	if len(r.RoleGroups) == 0 {
		return
	}
	b.WriteString("\n### Role groups\n\n")
	rows := []string{"| Role group | Id |", "|---|---|"}
	for _, g := range r.RoleGroups {
		rows = append(rows, fmt.Sprintf("| %s | %d |", cell(g.Name), g.ID))
	}
	fold(b, plural(len(r.RoleGroups), "1 role group", "role groups"), len(r.RoleGroups), rows)
}

func (r *UnmanagedReport) writeAccepted(b *strings.Builder) {
	n := r.Accepted.count()
	if n == 0 {
		return
	}
	b.WriteString("\n### Accepted exceptions\n\n")
	fmt.Fprintf(b, "%s by the exceptions file and left out above:\n\n",
		plural(n, "1 unmanaged member, role or group is accepted", "unmanaged members, roles or groups are accepted"))
	rows := []string{"| Kind | Name | Id | Reason |", "|---|---|---|---|"}
	for _, m := range r.Accepted.Members {
		rows = append(rows, fmt.Sprintf("| member | %s | %d | %s |", cell(m.Email), m.ID, cell(m.Reason)))
	}
	for _, role := range r.Accepted.Roles {
		rows = append(rows, fmt.Sprintf("| role | %s in %s | %d | %s |", cell(role.Name), cell(role.Group), role.ID, cell(role.Reason)))
	}
	for _, g := range r.Accepted.RoleGroups {
		rows = append(rows, fmt.Sprintf("| role group | %s | %d | %s |", cell(g.Name), g.ID, cell(g.Reason)))
	}
	fold(b, plural(n, "1 accepted exception", "accepted exceptions"), n, rows)
}

func (r *UnmanagedReport) writeStale(b *strings.Builder) {
	n := r.Stale.Count()
	if n == 0 {
		return
	}
	b.WriteString("\n### Stale exceptions\n\n")
	if n == 1 {
		b.WriteString("This exception matches nothing unmanaged: what it names is gone, or the state manages it now. " +
			"Remove it from the exceptions file.\n\n")
	} else {
		fmt.Fprintf(b, "These %d exceptions match nothing unmanaged: what they name is gone, or the state manages it now. "+
			"Remove them from the exceptions file.\n\n", n)
	}
	rows := []string{"| Kind | Exception | Reason |", "|---|---|---|"}
	for _, e := range r.Stale.Members {
		rows = append(rows, fmt.Sprintf("| member | %s | %s |", cell(e.describe()), cell(e.Reason)))
	}
	for _, e := range r.Stale.Roles {
		rows = append(rows, fmt.Sprintf("| role | %s | %s |", cell(e.describe()), cell(e.Reason)))
	}
	for _, e := range r.Stale.RoleGroups {
		rows = append(rows, fmt.Sprintf("| role group | %s | %s |", cell(e.describe()), cell(e.Reason)))
	}
	fold(b, plural(n, "1 stale exception", "stale exceptions"), n, rows)
}

func roleList(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

func (a Accepted) count() int { return len(a.Members) + len(a.Roles) + len(a.RoleGroups) }

// Count is how many entries there are.
func (e Exceptions) Count() int { return len(e.Members) + len(e.Roles) + len(e.RoleGroups) }

// UnmanagedFormatVersion is the format_version of the JSON report. A change that a reader of an
// earlier version could misread raises the major version; a new key raises the minor one.
const UnmanagedFormatVersion = "1.0"

// unmanagedJSON is the JSON report. Every list is present, empty rather than null, sorted as the
// Markdown is:
//
//	{
//	  "format_version": "1.0",
//	  "synerise_resources_in_state": 7,
//	  "unmanaged": {
//	    "members": [{"id": 1, "email": "admin@example.com", "status": "ACTIVE", "roles": ["Admin"]}],
//	    "roles": [{"id": 2, "name": "Owner", "group": "Administrators"}],
//	    "role_groups": [{"id": 2, "name": "Default"}]
//	  },
//	  "accepted": {
//	    "members": [{"id": 9, "email": "breakglass@example.com", "status": "ACTIVE", "roles": ["Admin"], "reason": "..."}],
//	    "roles": [{"id": 1, "name": "Admin", "group": "Administrators", "reason": "..."}],
//	    "role_groups": [{"id": 1, "name": "Administrators", "reason": "..."}]
//	  },
//	  "stale_exceptions": {
//	    "members": [{"email": "gone@example.com", "reason": "..."}],
//	    "roles": [{"name": "Old", "group": "Legacy", "reason": "..."}, {"id": 42, "reason": "..."}],
//	    "role_groups": [{"name": "Legacy", "reason": "..."}]
//	  }
//	}
//
// Statuses are the API's (ACTIVE, INACTIVE, PENDING, EXPIRED); roles of a member are names; the
// stale exceptions are written as the exceptions file has them.
type unmanagedJSON struct {
	FormatVersion     string `json:"format_version"`
	SyneriseResources int    `json:"synerise_resources_in_state"`
	Unmanaged         struct {
		Members    []WorkspaceMember    `json:"members"`
		Roles      []WorkspaceRole      `json:"roles"`
		RoleGroups []WorkspaceRoleGroup `json:"role_groups"`
	} `json:"unmanaged"`
	Accepted        Accepted   `json:"accepted"`
	StaleExceptions Exceptions `json:"stale_exceptions"`
}

// WriteJSON writes the report as JSON, in the shape unmanagedJSON documents.
func (r *UnmanagedReport) WriteJSON(w io.Writer) error {
	doc := unmanagedJSON{FormatVersion: UnmanagedFormatVersion, SyneriseResources: r.SyneriseResources}
	doc.Unmanaged.Members = withRoleLists(r.Members)
	doc.Unmanaged.Roles = orEmpty(r.Roles)
	doc.Unmanaged.RoleGroups = orEmpty(r.RoleGroups)
	doc.Accepted.Members = make([]AcceptedMember, len(r.Accepted.Members))
	for i, m := range r.Accepted.Members {
		m.Roles = orEmpty(m.Roles)
		doc.Accepted.Members[i] = m
	}
	doc.Accepted.Roles = orEmpty(r.Accepted.Roles)
	doc.Accepted.RoleGroups = orEmpty(r.Accepted.RoleGroups)
	doc.StaleExceptions = Exceptions{
		Members: orEmpty(r.Stale.Members), Roles: orEmpty(r.Stale.Roles), RoleGroups: orEmpty(r.Stale.RoleGroups),
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Reasons are prose: "&" and "<" read better unescaped, and a JSON reader needs no escape for them.
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func withRoleLists(members []WorkspaceMember) []WorkspaceMember {
	out := make([]WorkspaceMember, len(members))
	for i, m := range members {
		m.Roles = orEmpty(m.Roles)
		out[i] = m
	}
	return out
}

// orEmpty is s, or an empty slice for nil, so that JSON shows [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// String names the exceptions' entries, for a message about them.
func (e Exceptions) String() string {
	var names []string
	for _, m := range e.Members {
		names = append(names, "member "+strconv.Quote(m.describe()))
	}
	for _, r := range e.Roles {
		names = append(names, "role "+strconv.Quote(r.describe()))
	}
	for _, g := range e.RoleGroups {
		names = append(names, "role group "+strconv.Quote(g.describe()))
	}
	return strings.Join(names, ", ")
}
