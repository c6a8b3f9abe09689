package iam

import (
	"context"
	"net/http"
	"strconv"
)

// RolePII says whether a role may see personal data (PII) of profiles.
type RolePII struct {
	RoleID    int64 `json:"roleId"`
	PIIAccess bool  `json:"piiAccess"`
}

// rolePIIRequest is the body of POST /uauth/roles/{roleId}/pii; piiAccess is required, so never omitted.
type rolePIIRequest struct {
	PIIAccess bool `json:"piiAccess"`
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

// GetRolePII reads whether a role may see personal data; a new role may not.
func (c *Client) GetRolePII(ctx context.Context, roleID int64) (*RolePII, error) {
	var pii RolePII
	if err := c.do(ctx, request{method: http.MethodGet, path: rolePIIPath(roleID), idempotent: true}, &pii); err != nil {
		return nil, err
	}
	return &pii, nil
}

// SetRolePII allows or forbids a role to see personal data. Setting a value is idempotent, so the POST may be retried.
func (c *Client) SetRolePII(ctx context.Context, roleID int64, piiAccess bool) (*RolePII, error) {
	var pii RolePII
	r := request{method: http.MethodPost, path: rolePIIPath(roleID), body: rolePIIRequest{PIIAccess: piiAccess}, idempotent: true}
	if err := c.do(ctx, r, &pii); err != nil {
		return nil, err
	}
	return &pii, nil
}

func rolePIIPath(roleID int64) string {
	return "/uauth/roles/" + strconv.FormatInt(roleID, 10) + "/pii"
}

// ListRolePermissions returns every permission of the API, grouped as the API groups them, with what a role is granted.
func (c *Client) ListRolePermissions(ctx context.Context, roleID int64) ([]PermissionGroup, error) {
	var groups []PermissionGroup
	r := request{method: http.MethodGet, path: "/uauth/permissions/group/role/" + strconv.FormatInt(roleID, 10), idempotent: true}
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
