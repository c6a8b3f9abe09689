package iam

import (
	"context"
	"net/http"
)

// RolePii says whether a role may see personal data (PII) of profiles.
type RolePii struct {
	RoleID    int64 `json:"roleId"`
	PiiAccess bool  `json:"piiAccess"`
}

// rolePiiRequest is the body of POST /uauth/roles/{roleId}/pii; piiAccess is required, so never omitted.
type rolePiiRequest struct {
	PiiAccess bool `json:"piiAccess"`
}

// Permission is one permission of the API and the actions of it granted to a role.
type Permission struct {
	// Key identifies the permission, for example "settings_users".
	Key  string `json:"key"`
	Name string `json:"name"`
	// Actions are the actions the permission offers: read, create, update, delete.
	Actions []string `json:"actions"`
	// Granted are the actions granted to the role that was asked about.
	Granted []string `json:"granted"`
}

// PermissionGroup groups permissions; Children nest further groups to any depth.
type PermissionGroup struct {
	Key         string            `json:"key"`
	Name        string            `json:"name"`
	Permissions []Permission      `json:"permissions"`
	Children    []PermissionGroup `json:"children"`
}

// GetRolePii reads whether a role may see personal data; a new role may not.
func (c *Client) GetRolePii(ctx context.Context, roleID int64) (*RolePii, error) {
	var pii RolePii
	if err := c.do(ctx, request{method: http.MethodGet, path: rolePiiPath(roleID), idempotent: true}, &pii); err != nil {
		return nil, err
	}
	return &pii, nil
}

// SetRolePii allows or forbids a role to see personal data. Setting a value is idempotent, so the POST may be retried.
func (c *Client) SetRolePii(ctx context.Context, roleID int64, piiAccess bool) (*RolePii, error) {
	var pii RolePii
	r := request{method: http.MethodPost, path: rolePiiPath(roleID), body: rolePiiRequest{PiiAccess: piiAccess}, idempotent: true}
	if err := c.do(ctx, r, &pii); err != nil {
		return nil, err
	}
	return &pii, nil
}

func rolePiiPath(roleID int64) string {
	return "/uauth/roles/" + escapeID(roleID) + "/pii"
}

// ListRolePermissions returns every permission of the API, grouped as the API groups them, with what a role is granted.
func (c *Client) ListRolePermissions(ctx context.Context, roleID int64) ([]PermissionGroup, error) {
	var groups []PermissionGroup
	r := request{method: http.MethodGet, path: "/uauth/permissions/group/role/" + escapeID(roleID), idempotent: true}
	if err := c.do(ctx, r, &groups); err != nil {
		return nil, err
	}
	return groups, nil
}

// mfaRequirementPath switches the workspace's MFA requirement: POST turns it on, DELETE off. The API offers no GET.
const mfaRequirementPath = "/uauth/business-profile/mfa/requirements"

// EnableMFARequirement lets only users with multi-factor authentication into the workspace. Enabling twice is harmless.
func (c *Client) EnableMFARequirement(ctx context.Context) error {
	return c.do(ctx, request{method: http.MethodPost, path: mfaRequirementPath, idempotent: true}, nil)
}

// DisableMFARequirement lets users without multi-factor authentication into the workspace again.
func (c *Client) DisableMFARequirement(ctx context.Context) error {
	return c.do(ctx, request{method: http.MethodDelete, path: mfaRequirementPath, idempotent: true}, nil)
}
