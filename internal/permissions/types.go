package permissions

// Kind is the kind of a Terraform type the provider registers.
type Kind string

// The kinds of Terraform type, as the docs name them.
const (
	Resource     Kind = "resource"
	DataSource   Kind = "data source"
	ListResource Kind = "list resource"
	Action       Kind = "action"
)

// Step is what Terraform asks of a type: read for plan, refresh and import (and for data sources and
// list resources, all they do), create, update and delete in apply, invoke for an action.
type Step string

// The steps, in the order Terraform meets them.
const (
	Read   Step = "read"
	Create Step = "create"
	Update Step = "update"
	Delete Step = "delete"
	Invoke Step = "invoke"
)

// Use is what one step of a type sends to the API.
type Use struct {
	Step Step
	// Operations are the operationIds of the requests the step may send; none when it sends nothing.
	Operations []string
	// Note says when the step sends what it does, where that is not always.
	Note string
}

// Type is one Terraform type of the provider and what each of its steps sends.
type Type struct {
	Kind Kind
	Name string
	Uses []Use
}

// settings is a settings singleton read by GET and written by POST on its path: create reads the
// object and writes it whole, as update does; delete writes it back as on_destroy asks.
func settings(name, get, post string) []Type {
	return []Type{
		{Resource, name, []Use{
			{Step: Read, Operations: []string{get}},
			{Step: Create, Operations: []string{get, post}, Note: "reads the object, then writes it whole"},
			{Step: Update, Operations: []string{get, post}, Note: "reads the object, then writes it whole"},
			{Step: Delete, Operations: []string{post}, Note: "nothing when `on_destroy` is `retain`"},
		}},
		{ListResource, name, []Use{{Step: Read, Operations: []string{get}}}},
	}
}

// Operations the types share.
const (
	listRoleGroups   = "getRoleGroupsUsingGET"
	getRole          = "getRoleUsingGET"
	availableRoles   = "getAvailableRolesUsingGET"
	listUsers        = "listUsersUsingGET"
	getUser          = "getUserDataUsingGET"
	updateUser       = "updateUserDataUsingPOST"
	updateInvitation = "postUauthUsersInvitationsInvitationId"
	deleteInvitation = "deleteUauthUsersInvitationsInvitationId"
	removeFromSpace  = "deleteUsersUsingDELETE"
	setAccessTime    = "putUauthUsersUserIdAccessTime"
	activateUsers    = "activateUsersUsingPOST"
	deactivateUsers  = "deactivateUsersUsingPOST"
	listDomains      = "getManagedDomainListUsingGET"
	verificationCode = "getUauthManagedDomainsInitializeCode"
	getRolePII       = "getRolePii"
	setRolePII       = "updateRolePii"
	enableMFA        = "postUauthBusinessProfileMfaRequirements"
	disableMFA       = "deleteUauthBusinessProfileMfaRequirements"
)

// Notes the membership types share.
const (
	membershipUpdateNote = "an invitation not yet accepted is changed through the invitation, a member through the user " +
		"(read first, then sent back whole); `access_expires_at` and `active` only when they change"
	membershipDeleteNote = "a pending or expired invitation is deleted, a member is removed from the workspace"
	rolesFallbackNote    = "the single roles only when the role-group listing does not carry the roles"
)

// types are the provider's Terraform types. A test in internal/provider holds it to what the provider
// registers, and a test here holds it to the API description.
var types = concat(
	settings("synerise_ban_settings", "getBanSettingsUsingGET", "updateBanSettingsUsingPOST"),
	settings("synerise_device_control_settings", "getSauthSettingsDeviceControl", "updateDeviceSettingsUsingPOST"),
	settings("synerise_general_settings", "getGeneralConfigUsingGET", "updateGeneralSettingsUsingPOST"),
	settings("synerise_email_template_settings", "getTemplateSettingsUsingGET", "updateTemplateSettingsUsingPOST"),
	settings("synerise_oauth_settings", "getOauthSettingsUsingGET", "updateOatuhSettingsUsingPOST"),
	settings("synerise_auth_settings", "getSyneriseAuthConfig", "updateSyneriseAuthSettings"),
	settings("synerise_google_sign_in", "getGoogleOauthSettings", "updateGoogleOauthSettings"),
	settings("synerise_facebook_sign_in", "getFacebookOauthSettings", "updateFacebookOauthSettings"),
	settings("synerise_apple_sign_in", "getAppleAuthSettingsUsingGET", "postSauthSettingsOauthApple"),
	settings("synerise_ip_policy", "getUserBpIpPolicyUsingGET", "postUauthSettingsUserBpIpPolicy"),
	settings("synerise_password_policy", "getUauthSettingsPasswordPolicy", "updateSettingsUsingPOST"),
	roleTypes, memberTypes, domainTypes, dataSources, actions,
)

var roleTypes = []Type{
	{Resource, "synerise_role_group", []Use{
		{Step: Read, Operations: []string{listRoleGroups}},
		{Step: Create, Operations: []string{listRoleGroups, "createRoleGroupUsingPOST"}, Note: "lists the groups first, to tell the new one"},
		{Step: Update, Operations: []string{"updateRoleGroupUsingPOST"}},
		{Step: Delete, Operations: []string{"deleteRoleGroupUsingDELETE"}},
	}},
	{ListResource, "synerise_role_group", []Use{{Step: Read, Operations: []string{listRoleGroups}}}},
	{Resource, "synerise_role", []Use{
		{Step: Read, Operations: []string{listRoleGroups, getRole}, Note: rolesFallbackNote},
		{Step: Create, Operations: []string{availableRoles, "createRoleUsingPOST"}, Note: "lists the roles first, to tell the new one"},
		{Step: Update, Operations: []string{"updateRoleUsingPOST"}},
		{Step: Delete, Operations: []string{"deleteRoleUsingDELETE_1"}},
	}},
	{ListResource, "synerise_role", []Use{{Step: Read, Operations: []string{listRoleGroups}}}},
	{Resource, "synerise_role_pii", []Use{
		{Step: Read, Operations: []string{getRolePII}},
		{Step: Create, Operations: []string{setRolePII}},
		{Step: Update, Operations: []string{setRolePII}},
		{Step: Delete, Operations: []string{setRolePII}, Note: "withdraws the role's PII access"},
	}},
	{ListResource, "synerise_role_pii", []Use{{Step: Read, Operations: []string{listRoleGroups, getRolePII}}}},
}

var memberTypes = []Type{
	{Resource, "synerise_invitation", []Use{
		{Step: Read, Operations: []string{listUsers}},
		{Step: Create, Operations: []string{listUsers, "inviteUserUsingPOST", setAccessTime, getUser},
			Note: "lists the users first, so that an invitation is never sent twice; `access_expires_at` only when set"},
		{Step: Update, Operations: []string{updateInvitation, getUser, updateUser, setAccessTime, activateUsers, deactivateUsers}, Note: membershipUpdateNote},
		{Step: Delete, Operations: []string{deleteInvitation, removeFromSpace}, Note: membershipDeleteNote},
	}},
	{ListResource, "synerise_invitation", []Use{{Step: Read, Operations: []string{listUsers}}}},
	{Resource, "synerise_invitations", []Use{
		{Step: Read, Operations: []string{listUsers}},
		{Step: Create, Operations: []string{listUsers, "bulkInviteUsersUsingPOST", setAccessTime},
			Note: "lists the users first, so that an invitation is never sent twice; `access_expires_at` only when set"},
		{Step: Update, Operations: []string{
			deleteInvitation, removeFromSpace, updateInvitation, getUser, updateUser, setAccessTime, activateUsers, deactivateUsers,
			listUsers, "bulkInviteUsersUsingPOST",
		}, Note: "removes the members who leave, updates those who stay (" + membershipUpdateNote + "), invites those who join"},
		{Step: Delete, Operations: []string{deleteInvitation, removeFromSpace}, Note: membershipDeleteNote},
	}},
}

var domainTypes = []Type{
	{Resource, "synerise_mfa_requirement", []Use{
		{Step: Read, Note: "nothing: the API cannot read the requirement"},
		{Step: Create, Operations: []string{enableMFA, disableMFA}, Note: "the one that `enabled` asks for"},
		{Step: Update, Operations: []string{enableMFA, disableMFA}, Note: "the one that `enabled` asks for"},
		{Step: Delete, Operations: []string{disableMFA}, Note: "nothing when `on_destroy` is `retain`"},
	}},
	{Resource, "synerise_managed_domain", []Use{
		{Step: Read, Operations: []string{listDomains}},
		{Step: Create, Operations: []string{listDomains, "verifyManagedDomainUsingPOST", verificationCode},
			Note: "the verification code only to explain a verification that failed"},
		{Step: Update, Note: "nothing: only the timeouts can change in place"},
		{Step: Delete, Operations: []string{"deleteManagedDomainUsingDELETE"}},
	}},
	{ListResource, "synerise_managed_domain", []Use{{Step: Read, Operations: []string{listDomains}}}},
}

var dataSources = []Type{
	{DataSource, "synerise_available_roles", []Use{{Step: Read, Operations: []string{availableRoles}}}},
	{DataSource, "synerise_role", []Use{{Step: Read, Operations: []string{getRole, availableRoles}, Note: "by `id` the role, by `name` the available roles"}}},
	{DataSource, "synerise_role_groups", []Use{{Step: Read, Operations: []string{listRoleGroups, availableRoles, getRole}, Note: rolesFallbackNote}}},
	{DataSource, "synerise_role_permissions", []Use{{Step: Read, Operations: []string{"getUauthPermissionsGroupRoleRoleId"}}}},
	{DataSource, "synerise_users", []Use{{Step: Read, Operations: []string{listUsers}}}},
	{DataSource, "synerise_domain_verification", []Use{{Step: Read, Operations: []string{verificationCode}}}},
}

var actions = []Type{
	{Action, "synerise_user_password_reset", []Use{{Step: Invoke, Operations: []string{getUser, "resetPasswordUsingPOST"}, Note: "reads the user, then resets"}}},
	{Action, "synerise_user_mfa_reset", []Use{{Step: Invoke, Operations: []string{getUser, "resetMFAUsingPUT"}, Note: "reads the user, then resets"}}},
}

// deliberatelyUnused are the operations that name a permission and that no type uses, with the reason.
var deliberatelyUnused = map[string]string{
	"getListingAutocomplete": "a search-as-you-type listing for the app; the users listing answers every lookup the provider makes",
	"getUsersV2Listing":      "a second users listing the reference only names in its index; the provider reads the documented one",
	"deleteUauthUsersUserId": "deletes a person's account for good; the provider only takes members out of the workspace",
}

func concat(lists ...[]Type) []Type {
	var all []Type
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
