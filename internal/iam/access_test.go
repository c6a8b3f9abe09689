package iam

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestRolePII(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/roles/42/pii", answer: `{"roleId": 42, "piiAccess": false, "extra": {"x": 1}}`},
		exchange{method: "POST", path: "/uauth/roles/42/pii", body: `{"piiAccess": true}`, answer: `{"roleId": 42, "piiAccess": true}`},
		exchange{method: "POST", path: "/uauth/roles/42/pii", body: `{"piiAccess": false}`, answer: `{"roleId": 42, "piiAccess": false}`},
	)
	ctx := context.Background()
	got, err := c.GetRolePII(ctx, 42)
	if err != nil || *got != (RolePII{RoleID: 42}) {
		t.Fatalf("GetRolePII = %+v, %v", got, err)
	}
	got, err = c.SetRolePII(ctx, 42, true)
	if err != nil || *got != (RolePII{RoleID: 42, PIIAccess: true}) {
		t.Fatalf("SetRolePII(true) = %+v, %v", got, err)
	}
	// false must be sent, not omitted.
	if got, err = c.SetRolePII(ctx, 42, false); err != nil || got.PIIAccess {
		t.Fatalf("SetRolePII(false) = %+v, %v", got, err)
	}
}

func TestRolePIINotFound(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{
		method: "GET", path: "/uauth/roles/99/pii", status: 404,
		answer: `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"Role 99 not found","path":"/uauth/roles/99/pii"}`,
	})
	_, err := c.GetRolePII(context.Background(), 99)
	if !IsNotFound(err) || !strings.Contains(err.Error(), "Role 99 not found") {
		t.Errorf("error = %v", err)
	}
}

func TestListRolePermissionsIsRecursive(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "GET", path: "/uauth/permissions/group/role/7", answer: `[
		{"key": "settings", "name": "Settings", "permissions": [], "unknown": true, "children": [
			{"key": "users", "name": "Users", "children": [],
			 "permissions": [{"key": "settings_users", "name": "Users", "actions": ["read", "create", "update", "delete"], "granted": ["read"], "extra": 1}]}
		]},
		{"key": "analytics", "name": "Analytics", "permissions": [{"key": "analytics", "name": "Analytics", "actions": ["read"], "granted": []}], "children": []}
	]`})
	got, err := c.ListRolePermissions(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	want := []PermissionGroup{
		{Key: "settings", Name: "Settings", Permissions: []Permission{}, Children: []PermissionGroup{{
			Key: "users", Name: "Users", Children: []PermissionGroup{},
			Permissions: []Permission{{Key: "settings_users", Name: "Users", Actions: []string{"read", "create", "update", "delete"}, Granted: []string{"read"}}},
		}}},
		{Key: "analytics", Name: "Analytics", Children: []PermissionGroup{},
			Permissions: []Permission{{Key: "analytics", Name: "Analytics", Actions: []string{"read"}, Granted: []string{}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups =\n%+v\nwant\n%+v", got, want)
	}
}

func TestListRolePermissionsMalformed(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "GET", path: "/uauth/permissions/group/role/7", answer: `[{"key": "settings", "children": [`})
	if _, err := c.ListRolePermissions(context.Background(), 7); err == nil || !strings.Contains(err.Error(), "not the expected JSON") {
		t.Errorf("error = %v", err)
	}
}

func TestMFARequirement(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/uauth/business-profile/mfa/requirements", contentType: "text/plain"},
		exchange{method: "DELETE", path: "/uauth/business-profile/mfa/requirements", contentType: "text/plain"},
		exchange{method: "POST", path: "/uauth/business-profile/mfa/requirements", status: 403,
			answer: `{"status":403,"error":"Forbidden","message":"Insufficient permissions"}`},
	)
	ctx := context.Background()
	if err := c.EnableMFARequirement(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.DisableMFARequirement(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.EnableMFARequirement(ctx); !IsForbidden(err) || !strings.Contains(err.Error(), "Insufficient permissions") {
		t.Errorf("error = %v", err)
	}
}
