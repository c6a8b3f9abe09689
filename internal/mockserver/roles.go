package mockserver

import (
	"net/http"
	"slices"
	"strconv"
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
		{"GET /uauth/roles/{roleId}/pii", s.getRolePii},
		{"POST /uauth/roles/{roleId}/pii", s.updateRolePii},
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

type rolePiiJSON struct {
	RoleID    int64 `json:"roleId"`
	PiiAccess bool  `json:"piiAccess"`
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

type rolePiiRequest struct {
	PiiAccess bool `json:"piiAccess"`
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
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.groupsAnswer(), nil
}

func (s *Server) createRoleGroup(r *http.Request) (reply, error) {
	var in roleGroupRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.st.addGroup("", "")
	in.Name.apply(&g.name)
	in.Description.apply(&g.description)
	return s.groupsAnswer(), nil
}

func (s *Server) updateRoleGroup(r *http.Request) (reply, error) {
	id, err := pathID(r, "groupId")
	if err != nil {
		return reply{}, err
	}
	var in roleGroupRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.st.group(id)
	if err != nil {
		return reply{}, err
	}
	in.Name.apply(&g.name)
	in.Description.apply(&g.description)
	return s.groupsAnswer(), nil
}

func (s *Server) deleteRoleGroup(r *http.Request) (reply, error) {
	id, err := pathID(r, "groupId")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.group(id); err != nil {
		return reply{}, err
	}
	for _, role := range s.st.roles {
		if role.group == id {
			return reply{}, conflict("Role group %d still contains roles", id)
		}
	}
	delete(s.st.groups, id)
	return s.groupsAnswer(), nil
}

func (s *Server) createRole(r *http.Request) (reply, error) {
	var in roleRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.group(in.Group); err != nil {
		return reply{}, err
	}
	role := s.st.addRole(in.Group, in.Name, "")
	in.Description.apply(&role.description)
	return ok(role.toJSON()), nil
}

func (s *Server) getRole(r *http.Request) (reply, error) {
	return s.withRole(r, func(role *role) any { return role.toJSON() })
}

func (s *Server) updateRole(r *http.Request) (reply, error) {
	id, err := pathID(r, "roleId")
	if err != nil {
		return reply{}, err
	}
	var in roleRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	role, err := s.st.role(id)
	if err != nil {
		return reply{}, err
	}
	if _, err := s.st.group(in.Group); err != nil {
		return reply{}, err
	}
	role.group, role.name = in.Group, in.Name
	in.Description.apply(&role.description)
	return ok(role.toJSON()), nil
}

// deleteRole also takes the role away from every user: its PII setting and grants go with it.
func (s *Server) deleteRole(r *http.Request) (reply, error) {
	id, err := pathID(r, "roleId")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.role(id); err != nil {
		return reply{}, err
	}
	delete(s.st.roles, id)
	for _, u := range s.st.users {
		u.roles = slices.DeleteFunc(u.roles, func(r int64) bool { return r == id })
	}
	return s.groupsAnswer(), nil
}

func (s *Server) getRolePii(r *http.Request) (reply, error) {
	return s.withRole(r, func(role *role) any { return rolePiiJSON{RoleID: role.id, PiiAccess: role.piiAccess} })
}

func (s *Server) updateRolePii(r *http.Request) (reply, error) {
	id, err := pathID(r, "roleId")
	if err != nil {
		return reply{}, err
	}
	var in rolePiiRequest
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	role, err := s.st.role(id)
	if err != nil {
		return reply{}, err
	}
	role.piiAccess = in.PiiAccess
	return ok(rolePiiJSON{RoleID: role.id, PiiAccess: role.piiAccess}), nil
}

func (s *Server) listRolePermissions(r *http.Request) (reply, error) {
	return s.withRole(r, func(role *role) any { return permissionTree(permissionCatalogue, role.granted) })
}

func (s *Server) listAvailableRoles(*http.Request) (reply, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]roleJSON, 0, len(s.st.roles))
	for _, role := range sortedByID(s.st.roles) {
		out = append(out, role.toJSON())
	}
	return ok(out), nil
}

// withRole answers with view of the role named by the roleId path parameter.
func (s *Server) withRole(r *http.Request, view func(*role) any) (reply, error) {
	id, err := pathID(r, "roleId")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	role, err := s.st.role(id)
	if err != nil {
		return reply{}, err
	}
	return ok(view(role)), nil
}

// pathID reads an integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, badRequest("Path parameter %s must be an integer, got %q", name, raw)
	}
	return id, nil
}
