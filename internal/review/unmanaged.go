package review

import (
	"cmp"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Workspace is what a workspace holds, as the caller reads it through the API.
type Workspace struct {
	Members    []WorkspaceMember
	Roles      []WorkspaceRole
	RoleGroups []WorkspaceRoleGroup
}

// WorkspaceMember is a member of the workspace in any status, a pending invitation included.
type WorkspaceMember struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	// Status is the API's: ACTIVE, INACTIVE, PENDING or EXPIRED.
	Status string `json:"status"`
	// Roles are the names of the member's roles.
	Roles []string `json:"roles"`
}

// WorkspaceRole is a role and the name of the group that holds it.
type WorkspaceRole struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Group string `json:"group"`
}

// WorkspaceRoleGroup is a role group.
type WorkspaceRoleGroup struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// UnmanagedReport is the access of a workspace that a state does not manage, each part sorted.
type UnmanagedReport struct {
	// SyneriseResources counts the synerise resources the state manages. None suggests the state of
	// another configuration, or a workspace nobody manages with Terraform yet.
	SyneriseResources int
	Members           []WorkspaceMember
	Roles             []WorkspaceRole
	RoleGroups        []WorkspaceRoleGroup
	// Accepted is what the exceptions keep out of the lists above.
	Accepted Accepted
	// Stale are the exceptions that match nothing unmanaged, so that the file does not rot.
	Stale Exceptions
}

// Accepted is the unmanaged access that exceptions accept, each with the exception's reason.
type Accepted struct {
	Members    []AcceptedMember    `json:"members"`
	Roles      []AcceptedRole      `json:"roles"`
	RoleGroups []AcceptedRoleGroup `json:"role_groups"`
}

// AcceptedMember is an unmanaged member that an exception accepts.
type AcceptedMember struct {
	WorkspaceMember
	Reason string `json:"reason"`
}

// AcceptedRole is an unmanaged role that an exception accepts.
type AcceptedRole struct {
	WorkspaceRole
	Reason string `json:"reason"`
}

// AcceptedRoleGroup is an unmanaged role group that an exception accepts.
type AcceptedRoleGroup struct {
	WorkspaceRoleGroup
	Reason string `json:"reason"`
}

// Unmanaged counts what the report finds unmanaged, the accepted left out.
func (r *UnmanagedReport) Unmanaged() int {
	return len(r.Members) + len(r.Roles) + len(r.RoleGroups)
}

// FindUnmanaged compares a workspace with the state that should manage it: what the workspace holds
// and no resource of the state manages is unmanaged, unless an exception accepts it.
func FindUnmanaged(state *tfjson.State, ws Workspace, exceptions Exceptions) *UnmanagedReport {
	managed := managedIn(state)
	r := &UnmanagedReport{SyneriseResources: managed.resources}

	members := unmanagedOnly(ws.Members, func(m WorkspaceMember) bool {
		return managed.memberIDs[m.ID] || managed.emails[strings.ToLower(m.Email)]
	})
	for i := range members {
		// The API's order of a member's roles means nothing; a report sorts them so it reads the same every time.
		members[i].Roles = slices.Sorted(slices.Values(members[i].Roles))
	}
	r.Members, r.Accepted.Members, r.Stale.Members = sift(members, exceptions.Members,
		func(m WorkspaceMember, reason string) AcceptedMember { return AcceptedMember{m, reason} })
	roles := unmanagedOnly(ws.Roles, func(role WorkspaceRole) bool { return managed.roleIDs[role.ID] })
	r.Roles, r.Accepted.Roles, r.Stale.Roles = sift(roles, exceptions.Roles,
		func(role WorkspaceRole, reason string) AcceptedRole { return AcceptedRole{role, reason} })
	groups := unmanagedOnly(ws.RoleGroups, func(g WorkspaceRoleGroup) bool { return managed.groupIDs[g.ID] })
	r.RoleGroups, r.Accepted.RoleGroups, r.Stale.RoleGroups = sift(groups, exceptions.RoleGroups,
		func(g WorkspaceRoleGroup, reason string) AcceptedRoleGroup { return AcceptedRoleGroup{g, reason} })
	r.sort()
	return r
}

// exception is an entry of the exceptions file: it matches items of one kind, for a reason.
type exception[T any] interface {
	matches(T) bool
	reason() string
}

// sift parts items into those no exception matches and those the first matching exception accepts,
// with its reason, and returns the exceptions that matched nothing.
func sift[T any, E exception[T], A any](items []T, exceptions []E, accept func(T, string) A) (kept []T, accepted []A, stale []E) {
	used := make([]bool, len(exceptions))
	for _, item := range items {
		first := -1
		for i, e := range exceptions {
			if !e.matches(item) {
				continue
			}
			used[i] = true
			if first < 0 {
				first = i
			}
		}
		if first < 0 {
			kept = append(kept, item)
			continue
		}
		accepted = append(accepted, accept(item, exceptions[first].reason()))
	}
	for i, e := range exceptions {
		if !used[i] {
			stale = append(stale, e)
		}
	}
	return kept, accepted, stale
}

// unmanagedOnly are the items of the workspace no resource of the state manages.
func unmanagedOnly[T any](items []T, managed func(T) bool) []T {
	var out []T
	for _, item := range items {
		if !managed(item) {
			out = append(out, item)
		}
	}
	return out
}

// managedAccess is what the managed synerise resources of a state stand for.
type managedAccess struct {
	resources int
	memberIDs map[int64]bool
	// emails are case-folded: an accepted invitation gets a new id, and keeps its address.
	emails            map[string]bool
	roleIDs, groupIDs map[int64]bool
}

func managedIn(state *tfjson.State) managedAccess {
	m := managedAccess{memberIDs: map[int64]bool{}, emails: map[string]bool{}, roleIDs: map[int64]bool{}, groupIDs: map[int64]bool{}}
	if state.Values != nil {
		m.addModule(state.Values.RootModule)
	}
	return m
}

func (m *managedAccess) addModule(module *tfjson.StateModule) {
	for r := range resourcesIn(module) {
		if r.Mode == tfjson.ManagedResourceMode && strings.HasPrefix(r.Type, "synerise_") {
			m.resources++
			m.add(r.Type, object{values: r.AttributeValues})
		}
	}
}

func (m *managedAccess) add(resourceType string, values object) {
	switch resourceType {
	case "synerise_invitation":
		m.addMember(values)
	case "synerise_invitations":
		for _, member := range values.members() {
			m.addMember(member)
		}
	case "synerise_role":
		if id, ok := values.number("id"); ok {
			m.roleIDs[id] = true
		}
	case "synerise_role_group":
		if id, ok := values.number("id"); ok {
			m.groupIDs[id] = true
		}
	}
}

func (m *managedAccess) addMember(values object) {
	if id, ok := values.number("id"); ok {
		m.memberIDs[id] = true
	}
	if email, ok := values.text("email"); ok && email != "" {
		m.emails[strings.ToLower(email)] = true
	}
}

func (r *UnmanagedReport) sort() {
	slices.SortFunc(r.Members, compareMembers)
	slices.SortFunc(r.Roles, compareRoles)
	slices.SortFunc(r.RoleGroups, compareRoleGroups)
	slices.SortFunc(r.Accepted.Members, func(a, b AcceptedMember) int { return compareMembers(a.WorkspaceMember, b.WorkspaceMember) })
	slices.SortFunc(r.Accepted.Roles, func(a, b AcceptedRole) int { return compareRoles(a.WorkspaceRole, b.WorkspaceRole) })
	slices.SortFunc(r.Accepted.RoleGroups, func(a, b AcceptedRoleGroup) int {
		return compareRoleGroups(a.WorkspaceRoleGroup, b.WorkspaceRoleGroup)
	})
	r.Stale.sort()
}

func compareMembers(a, b WorkspaceMember) int {
	return cmp.Or(strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), cmp.Compare(a.ID, b.ID))
}

func compareRoles(a, b WorkspaceRole) int {
	return cmp.Or(strings.Compare(a.Group, b.Group), strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

func compareRoleGroups(a, b WorkspaceRoleGroup) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}
