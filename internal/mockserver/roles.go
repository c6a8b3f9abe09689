package mockserver

import (
	"net/http"
	"slices"
)

func (s *Server) roleRoutes() []route {
	return []route{
		{"GET /uauth/roles/listing", s.listRoleGroups},
		{"POST /uauth/roles/role-group", s.createRoleGroup},
		{"POST /uauth/roles/role-group/{groupId}", s.updateRoleGroup},
		{"DELETE /uauth/roles/role-group/{groupId}", s.deleteRoleGroup},
		{"POST /uauth/roles/role", s.createRole},
		{"GET /uauth/roles/{roleId}", s.getRole},
		{"POST /uauth/roles/role/{roleId}", s.updateRole},
		{"DELETE /uauth/roles/role/{roleId}", s.deleteRole},
		{"GET /uauth/roles/{roleId}/pii", s.getRolePII},
		{"POST /uauth/roles/{roleId}/pii", s.updateRolePII},
		{"GET /uauth/permissions/group/role/{roleId}", s.listRolePermissions},
		{"GET /uauth/users/available-roles", s.listAvailableRoles},
	}
}

type roleJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Group       int64  `json:"group"`
}

type roleGroupJSON struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Roles       []roleJSON `json:"roles"`
}

type rolePIIJSON struct {
	RoleID    int64 `json:"roleId"`
	PIIAccess bool  `json:"piiAccess"`
}

type roleGroupRequest struct {
	Name        optional[string] `json:"name"`
	Description optional[string] `json:"description"`
}

type roleRequest struct {
	Group       int64            `json:"group"`
	Name        string           `json:"name"`
	Description optional[string] `json:"description"`
}

type rolePIIRequest struct {
	PIIAccess bool `json:"piiAccess"`
}

func (r *role) toJSON() roleJSON {
	return roleJSON{ID: r.id, Name: r.name, Description: r.description, Group: r.group}
}

// roleGroupWithoutRolesJSON is a group as the listing shows it without RolesInGroupListings.
type roleGroupWithoutRolesJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// groupsAnswer is the answer of the listing, of the group operations and of the role delete: every
// group with its roles, or without them when the server contradicts RolesInGroupListings.
func (s *Server) groupsAnswer() reply {
	groups := s.st.groupsJSON()
	if s.assumes(RolesInGroupListings) {
		return ok(groups)
	}
	bare := make([]roleGroupWithoutRolesJSON, 0, len(groups))
	for _, g := range groups {
		bare = append(bare, roleGroupWithoutRolesJSON{ID: g.ID, Name: g.Name, Description: g.Description})
	}
	return ok(bare)
}

// groupsJSON is the listing of every group with its roles, which the group operations and the role
// delete answer with.
func (st *store) groupsJSON() []roleGroupJSON {
	out := make([]roleGroupJSON, 0, len(st.groups))
	roles := sortedByID(st.roles)
	for _, g := range sortedByID(st.groups) {
		gj := roleGroupJSON{ID: g.id, Name: g.name, Description: g.description, Roles: []roleJSON{}}
		for _, r := range roles {
			if r.group == g.id {
				gj.Roles = append(gj.Roles, r.toJSON())
			}
		}
		out = append(out, gj)
	}
	return out
}

func (s *Server) listRoleGroups(*http.Request) (reply, error) {
	return s.locked(func(*store) (reply, error) { return s.groupsAnswer(), nil })
}

func (s *Server) createRoleGroup(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in roleGroupRequest) (reply, error) {
		g := st.addGroup("", "")
		in.Name.apply(&g.name)
		in.Description.apply(&g.description)
		return s.groupsAnswer(), nil
	})
}

func (s *Server) updateRoleGroup(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "groupId", (*store).group, func(_ *store, g *roleGroup, in roleGroupRequest) (reply, error) {
		in.Name.apply(&g.name)
		in.Description.apply(&g.description)
		return s.groupsAnswer(), nil
	})
}

func (s *Server) deleteRoleGroup(r *http.Request) (reply, error) {
	return onObject(s, r, "groupId", (*store).group, func(st *store, g *roleGroup) (reply, error) {
		for _, role := range st.roles {
			if role.group == g.id {
				return reply{}, conflict("Role group %d still contains roles", g.id)
			}
		}
		delete(st.groups, g.id)
		return s.groupsAnswer(), nil
	})
}

func (s *Server) createRole(r *http.Request) (reply, error) {
	return withBody(s, r, func(st *store, in roleRequest) (reply, error) {
		if _, err := st.group(in.Group); err != nil {
			return reply{}, err
		}
		role := st.addRole(in.Group, in.Name, "")
		in.Description.apply(&role.description)
		return ok(role.toJSON()), nil
	})
}

func (s *Server) getRole(r *http.Request) (reply, error) {
	return onObject(s, r, "roleId", (*store).role, func(_ *store, role *role) (reply, error) { return ok(role.toJSON()), nil })
}

func (s *Server) updateRole(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "roleId", (*store).role, func(st *store, role *role, in roleRequest) (reply, error) {
		if _, err := st.group(in.Group); err != nil {
			return reply{}, err
		}
		role.group, role.name = in.Group, in.Name
		in.Description.apply(&role.description)
		return ok(role.toJSON()), nil
	})
}

// deleteRole also takes the role away from every user: its PII setting and grants go with it.
func (s *Server) deleteRole(r *http.Request) (reply, error) {
	return onObject(s, r, "roleId", (*store).role, func(st *store, role *role) (reply, error) {
		delete(st.roles, role.id)
		for _, u := range st.users {
			u.roles = slices.DeleteFunc(u.roles, func(id int64) bool { return id == role.id })
		}
		return s.groupsAnswer(), nil
	})
}

func (s *Server) getRolePII(r *http.Request) (reply, error) {
	return onObject(s, r, "roleId", (*store).role, func(_ *store, role *role) (reply, error) {
		return ok(rolePIIJSON{RoleID: role.id, PIIAccess: role.piiAccess}), nil
	})
}

func (s *Server) updateRolePII(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "roleId", (*store).role, func(_ *store, role *role, in rolePIIRequest) (reply, error) {
		role.piiAccess = in.PIIAccess
		return ok(rolePIIJSON{RoleID: role.id, PIIAccess: role.piiAccess}), nil
	})
}

func (s *Server) listRolePermissions(r *http.Request) (reply, error) {
	return onObject(s, r, "roleId", (*store).role, func(_ *store, role *role) (reply, error) {
		return ok(permissionTree(permissionCatalogue, role.granted)), nil
	})
}

func (s *Server) listAvailableRoles(*http.Request) (reply, error) {
	return s.locked(func(st *store) (reply, error) {
		out := make([]roleJSON, 0, len(st.roles))
		for _, role := range sortedByID(st.roles) {
			out = append(out, role.toJSON())
		}
		return ok(out), nil
	})
}
