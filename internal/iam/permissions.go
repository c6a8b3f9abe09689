package iam

import (
	"net/http"
	"strings"
)

// requiredPermissions are the permissions the API reference names per endpoint, so that a 403 can say
// which one the token's user lacks. A "*" stands for one path segment; the first match wins, so more
// specific patterns come first. The PII endpoints, absent from the detailed reference, assume the
// permissions of the role endpoints.
var requiredPermissions = []struct{ method, pattern, permission string }{
	{http.MethodGet, "/sauth/settings/ban", "settings_customers_iam_locking_policy: read"},
	{http.MethodPost, "/sauth/settings/ban", "settings_customers_iam_locking_policy: update"},
	{http.MethodGet, "/sauth/settings/device-control", "settings_customers_iam_locking_policy: read"},
	{http.MethodPost, "/sauth/settings/device-control", "settings_customers_iam_locking_policy: update"},
	{http.MethodGet, "/sauth/settings/general", "settings_customers_iam_account_confirmation: read"},
	{http.MethodPost, "/sauth/settings/general", "settings_customers_iam_account_confirmation: update"},
	{http.MethodGet, "/sauth/settings/oauth", "settings_customers_iam_oauth: read"},
	{http.MethodPost, "/sauth/settings/oauth", "settings_customers_iam_oauth: update"},
	{http.MethodGet, "/sauth/settings/oauth/apple", "settings_customers_iam_oauth: read"},
	{http.MethodPost, "/sauth/settings/oauth/apple", "settings_customers_iam_oauth: update"},
	{http.MethodGet, "/sauth/settings/oauth/facebook", "settings_customers_iam_oauth: read"},
	{http.MethodPost, "/sauth/settings/oauth/facebook", "settings_customers_iam_oauth: update"},
	{http.MethodGet, "/sauth/settings/oauth/google", "settings_customers_iam_oauth: read"},
	{http.MethodPost, "/sauth/settings/oauth/google", "settings_customers_iam_oauth: update"},
	{http.MethodGet, "/sauth/settings/synerise-auth", "settings_customers_iam: read"},
	{http.MethodPost, "/sauth/settings/synerise-auth", "settings_customers_iam: update"},
	{http.MethodGet, "/sauth/settings/templates", "settings_customers_iam_account_confirmation: read"},
	{http.MethodPost, "/sauth/settings/templates", "settings_customers_iam_account_confirmation: update"},
	{http.MethodGet, "/uauth/managed-domains", "managed_domains: read"},
	{http.MethodDelete, "/uauth/managed-domains", "managed_domains: delete"},
	{http.MethodGet, "/uauth/managed-domains/initialize-code", "managed_domains: create"},
	{http.MethodPost, "/uauth/managed-domains/verification", "managed_domains: create"},
	{http.MethodGet, "/uauth/roles/listing", "settings_users: read"},
	{http.MethodPost, "/uauth/roles/role", "settings_users: update"},
	{http.MethodPost, "/uauth/roles/role-group", "settings_users: create"},
	{http.MethodGet, "/uauth/settings/password-policy", "settings_users_am_password_policy: read"},
	{http.MethodPost, "/uauth/settings/password-policy", "settings_users_am_password_policy: update"},
	{http.MethodGet, "/uauth/settings/user-bp-ip-policy", "settings_users_am_ip_access_restriction: read"},
	{http.MethodPost, "/uauth/settings/user-bp-ip-policy", "settings_users_am_ip_access_restriction: update"},
	{http.MethodPost, "/uauth/users/activate", "settings_users: delete"},
	{http.MethodPost, "/uauth/users/deactivate", "settings_users: update"},
	{http.MethodPost, "/uauth/users/invitations/invite", "settings_users: create"},
	{http.MethodPost, "/uauth/users/invitations/invite-bulk", "settings_users: create"},
	{http.MethodGet, "/uauth/users/listing", "settings_users: read"},
	{http.MethodGet, "/uauth/users/listing/autocomplete", "settings_users: read or analytics: read"},
	{http.MethodGet, "/uauth/v2/users/listing", "settings_users: read"},
	{http.MethodGet, "/uauth/permissions/group/role/*", "settings_users: read"},
	{http.MethodGet, "/uauth/roles/*", "settings_users: read"},
	{http.MethodGet, "/uauth/roles/*/pii", "settings_users: read"},
	{http.MethodPost, "/uauth/roles/*/pii", "settings_users: update"},
	{http.MethodPost, "/uauth/roles/role-group/*", "settings_users: update"},
	{http.MethodDelete, "/uauth/roles/role-group/*", "settings_users: delete"},
	{http.MethodPost, "/uauth/roles/role/*", "settings_users: update"},
	{http.MethodDelete, "/uauth/roles/role/*", "settings_users: delete"},
	{http.MethodDelete, "/uauth/users/*", "settings_users: delete"},
	{http.MethodPut, "/uauth/users/*/access-time", "settings_users: update"},
	{http.MethodPut, "/uauth/users/*/mfa-reset", "settings_users: update"},
	{http.MethodPost, "/uauth/users/*/password-reset", "settings_users: update"},
	{http.MethodDelete, "/uauth/users/invitations/*", "settings_users: delete"},
	{http.MethodPost, "/uauth/users/invitations/*", "settings_users: update"},
	{http.MethodDelete, "/uauth/users/profile-association/*", "settings_users: delete"},
}

// permissionFor returns the permission an endpoint needs, or "" when the reference names none.
func permissionFor(method, path string) string {
	segments := strings.Split(path, "/")
	for _, p := range requiredPermissions {
		if p.method == method && matchSegments(strings.Split(p.pattern, "/"), segments) {
			return p.permission
		}
	}
	return ""
}

func matchSegments(pattern, segments []string) bool {
	if len(pattern) != len(segments) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != segments[i] {
			return false
		}
	}
	return true
}
