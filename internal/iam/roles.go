package iam

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"
)

// Role is a user role; Group is the id of the role group that contains it.
type Role struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Group       int64  `json:"group"`
}

// RoleGroup is a named set of roles.
type RoleGroup struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Roles is nil when the answer did not list the group's roles (see ListRoleGroupsWithRoles), and
	// empty when it listed none.
	Roles []Role `json:"roles"`
}

// RoleGroupInput is the writable part of a role group.
type RoleGroupInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// RoleInput is the writable part of a role; the API requires Group and Name.
type RoleInput struct {
	Group       int64  `json:"group"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ListRoleGroups returns every role group with its roles.
func (c *Client) ListRoleGroups(ctx context.Context) ([]RoleGroup, error) {
	var groups []RoleGroup
	err := c.do(ctx, request{method: http.MethodGet, path: roleGroupsListingPath, idempotent: true}, &groups)
	return groups, err
}

// roleGroupsListingPath lists every group with its roles, the only way the API offers to read a group.
const roleGroupsListingPath = "/uauth/roles/listing"

// rolesListed reports whether a listing carries the roles of its groups. The reference does not
// promise it; a group without a roles key shows that it does not.
func rolesListed(groups []RoleGroup) bool {
	return !slices.ContainsFunc(groups, func(g RoleGroup) bool { return g.Roles == nil })
}

// roleReadConcurrency bounds the reads of single roles when the listing carries none.
const roleReadConcurrency = 4

// ListRoleGroupsWithRoles returns every role group with its roles. When the listing carries no roles
// (the reference does not promise it does), the roles are found among the available roles and each
// is read on its own (GetRole), which says what group it is in.
func (c *Client) ListRoleGroupsWithRoles(ctx context.Context) ([]RoleGroup, error) {
	groups, err := c.ListRoleGroups(ctx)
	if err != nil || rolesListed(groups) {
		return groups, err
	}
	available, err := c.ListAvailableRoles(ctx)
	if err != nil {
		return nil, err
	}
	roles := make([]*Role, len(available))
	reads, readCtx := errgroup.WithContext(ctx)
	reads.SetLimit(roleReadConcurrency)
	for i, r := range available {
		reads.Go(func() error {
			role, err := c.GetRole(readCtx, r.ID)
			if IsNotFound(err) {
				// Deleted since it was listed.
				return nil
			}
			roles[i] = role
			return err
		})
	}
	if err := reads.Wait(); err != nil {
		return nil, err
	}
	for i := range groups {
		groups[i].Roles = []Role{}
		for _, r := range roles {
			if r != nil && r.Group == groups[i].ID {
				groups[i].Roles = append(groups[i].Roles, *r)
			}
		}
	}
	return groups, nil
}

// CreateRoleGroup creates a group. The API answers with every group and does not say which one is
// new, so the client lists the groups first and takes the one of that name whose id was not there
// before. Creates of one name are serialised within this client so that two of them cannot claim
// each other's group.
func (c *Client) CreateRoleGroup(ctx context.Context, in RoleGroupInput) (*RoleGroup, error) {
	unlock, err := c.creates.lock(ctx, "role group "+in.Name)
	if err != nil {
		return nil, err
	}
	defer unlock()
	before, err := c.before.roleGroups.matching(ctx, func(g RoleGroup) bool { return g.Name == in.Name })
	if err != nil {
		return nil, err
	}
	known := idsOf(before, func(g RoleGroup) int64 { return g.ID })
	const path = "/uauth/roles/role-group"
	newGroup := func(groups []RoleGroup) (*RoleGroup, bool) {
		var created *RoleGroup
		for i := range groups {
			g := &groups[i]
			if known[g.ID] || g.Name != in.Name {
				continue
			}
			// Another writer may have created a same-named group meanwhile; ids grow, so the newest is ours.
			if created == nil || g.ID > created.ID {
				created = g
			}
		}
		return created, created != nil
	}
	group, err := createOnce(ctx, c, KindRoleGroup, fmt.Sprintf("role group %q", in.Name), func(ctx context.Context) (*RoleGroup, error) {
		var after []RoleGroup
		if err := c.do(ctx, request{method: http.MethodPost, path: path, body: in}, &after); err != nil {
			return nil, err
		}
		created, ok := newGroup(after)
		if !ok {
			return nil, fmt.Errorf("POST %s: the API accepted the role group %q but its answer lists no new group of that name", path, in.Name)
		}
		return created, nil
	}, func(ctx context.Context) (*RoleGroup, bool, error) {
		groups, err := c.ListRoleGroups(ctx)
		if err != nil {
			return nil, false, err
		}
		created, ok := newGroup(groups)
		return created, ok, nil
	})
	if err == nil {
		c.before.roleGroups.add(*group)
	}
	return group, err
}

// UpdateRoleGroup replaces a group's name and description.
func (c *Client) UpdateRoleGroup(ctx context.Context, id int64, in RoleGroupInput) (*RoleGroup, error) {
	path := "/uauth/roles/role-group/" + strconv.FormatInt(id, 10)
	var groups []RoleGroup
	if err := c.do(ctx, request{method: http.MethodPost, path: path, body: in, idempotent: true}, &groups); err != nil {
		return nil, err
	}
	return findRoleGroup(groups, id, http.MethodPost, path)
}

// DeleteRoleGroup deletes a group.
func (c *Client) DeleteRoleGroup(ctx context.Context, id int64) error {
	return c.do(ctx, request{method: http.MethodDelete, path: "/uauth/roles/role-group/" + strconv.FormatInt(id, 10), idempotent: true}, nil)
}

func findRoleGroup(groups []RoleGroup, id int64, method, path string) (*RoleGroup, error) {
	return findListed(groups, func(g RoleGroup) bool { return g.ID == id }, method, path, fmt.Sprintf("role group %d", id))
}

// GetRole reads one role.
func (c *Client) GetRole(ctx context.Context, id int64) (*Role, error) {
	var role Role
	err := c.do(ctx, request{method: http.MethodGet, path: "/uauth/roles/" + strconv.FormatInt(id, 10), idempotent: true}, &role)
	if err != nil {
		return nil, err
	}
	return &role, nil
}

// CreateRole creates a role in in.Group. Should the answer be lost, the role is found again by its
// group and name among the roles that were not there before the create; creates of one group and
// name are serialised within this client, so that two of them cannot claim each other's role.
func (c *Client) CreateRole(ctx context.Context, in RoleInput) (*Role, error) {
	unlock, err := c.creates.lock(ctx, fmt.Sprintf("role %d %s", in.Group, in.Name))
	if err != nil {
		return nil, err
	}
	defer unlock()
	sameKey := func(r Role) bool { return r.Group == in.Group && r.Name == in.Name }
	before, err := c.before.roles.matching(ctx, sameKey)
	if err != nil {
		return nil, err
	}
	existed := idsOf(before, func(r Role) int64 { return r.ID })
	role, err := createOnce(ctx, c, KindRole, fmt.Sprintf("role %q in group %d", in.Name, in.Group), func(ctx context.Context) (*Role, error) {
		var role Role
		if err := c.do(ctx, request{method: http.MethodPost, path: "/uauth/roles/role", body: in}, &role); err != nil {
			return nil, err
		}
		return &role, nil
	}, func(ctx context.Context) (*Role, bool, error) {
		roles, err := c.rolesListedAfter.get(ctx, c.ListAvailableRoles)
		if err != nil {
			return nil, false, err
		}
		var found *Role
		for i := range roles {
			// Another writer may have created a same-named role meanwhile; ids grow, so the newest is ours.
			if r := &roles[i]; sameKey(*r) && !existed[r.ID] && (found == nil || r.ID > found.ID) {
				found = r
			}
		}
		if found == nil {
			return nil, false, nil
		}
		role := *found
		return &role, true, nil
	})
	if err == nil {
		c.before.roles.add(*role)
	}
	return role, err
}

// UpdateRole replaces a role's group, name and description; changing Group moves the role.
func (c *Client) UpdateRole(ctx context.Context, id int64, in RoleInput) (*Role, error) {
	var role Role
	if err := c.do(ctx, request{method: http.MethodPost, path: "/uauth/roles/role/" + strconv.FormatInt(id, 10), body: in, idempotent: true}, &role); err != nil {
		return nil, err
	}
	return &role, nil
}

// DeleteRole deletes a role.
func (c *Client) DeleteRole(ctx context.Context, id int64) error {
	return c.do(ctx, request{method: http.MethodDelete, path: "/uauth/roles/role/" + strconv.FormatInt(id, 10), idempotent: true}, nil)
}

// ListAvailableRoles returns every role that can be assigned in the workspace.
func (c *Client) ListAvailableRoles(ctx context.Context) ([]Role, error) {
	var roles []Role
	err := c.do(ctx, request{method: http.MethodGet, path: "/uauth/users/available-roles", idempotent: true}, &roles)
	return roles, err
}
