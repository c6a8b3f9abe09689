package mockserver

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// TestEveryEndpoint walks a workspace through all 75 endpoints of the index, with the answers the API
// description assumes and with answers as sparse as the reference allows. Each request must reach the
// route meant for it and succeed; like every request of these tests, its answer must have a status
// and a body that the API description documents for the operation, so that the mock and the
// description cannot drift apart. With sparse answers, the 23 operations whose success the reference
// gives no JSON body answer with no body at all, and with no media type.
func TestEveryEndpoint(t *testing.T) {
	t.Parallel()
	for name, sparse := range map[string]bool{"assumed answers": false, "sparse answers": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			walkEveryEndpoint(t, newTestAPIWith(t, Options{Token: testToken, SparseAnswers: sparse}))
		})
	}
}

func walkEveryEndpoint(t *testing.T, api *testAPI) {
	hit := map[string]bool{}
	// bodiless collects the routes that answered sparsely.
	bodiless := map[string]bool{}
	call := func(pattern, path string, body any) response {
		t.Helper()
		method, _, _ := strings.Cut(pattern, " ")
		before := api.mock.RequestCounts()[pattern]
		res := api.call(method, path, body)
		if after := api.mock.RequestCounts()[pattern]; after != before+1 {
			t.Fatalf("%s %s did not reach %s", method, path, pattern)
		}
		hit[pattern] = true
		if res.status < 200 || res.status > 299 {
			t.Fatalf("%s %s: status %d; body %s", method, path, res.status, res.body)
		}
		if api.mock.sparse && api.mock.spec.operation(pattern).sparse() {
			bodiless[pattern] = true
			if len(res.body) > 0 || res.header.Get("Content-Type") != "" {
				t.Errorf("%s %s: a sparse answer has the body %q (%s)", method, path, res.body, res.header.Get("Content-Type"))
			}
		}
		return res
	}
	// token is the one of the latest mail of a kind to an address.
	token := func(to, kind string) string {
		t.Helper()
		mails := api.mock.Mails(to)
		for i := len(mails) - 1; i >= 0; i-- {
			if mails[i].Kind == kind {
				return mails[i].Token
			}
		}
		t.Fatalf("no %s mail to %s", kind, to)
		return ""
	}

	// Access groups: a group and a role of it, used by the users below and deleted at the end.
	call("GET /uauth/roles/listing", "/uauth/roles/listing", nil)
	call("POST /uauth/roles/role-group", "/uauth/roles/role-group", `{"name":"Support","description":"Helpdesk"}`)
	call("POST /uauth/roles/role-group/{groupId}", "/uauth/roles/role-group/3", `{"name":"Support","description":"Helpdesk and chat"}`)
	call("POST /uauth/roles/role", "/uauth/roles/role", `{"group":3,"name":"Agent","description":"Answers tickets"}`)
	call("GET /uauth/roles/{roleId}", "/uauth/roles/5", nil)
	call("POST /uauth/roles/role/{roleId}", "/uauth/roles/role/5", `{"group":3,"name":"Agent","description":"Answers tickets and chats"}`)
	call("GET /uauth/roles/{roleId}/pii", "/uauth/roles/5/pii", nil)
	call("POST /uauth/roles/{roleId}/pii", "/uauth/roles/5/pii", `{"piiAccess":true}`)
	call("GET /uauth/permissions/group/role/{roleId}", "/uauth/permissions/group/role/1", nil)
	call("GET /uauth/users/available-roles", "/uauth/users/available-roles", nil)

	// User management: grace (2) is invited, ada (3) and linus (4) in bulk.
	call("POST /uauth/users/invitations/invite", "/uauth/users/invitations/invite",
		`{"email":"grace@example.com","firstName":"Grace","lastName":"Hopper","roles":[5]}`)
	call("POST /uauth/users/invitations/invite-bulk", "/uauth/users/invitations/invite-bulk",
		`{"invitations":[{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","roles":[3]},{"email":"linus@example.com","roles":[]}]}`)
	call("POST /uauth/users/invitations/{invitationId}", "/uauth/users/invitations/2", `{"firstName":"Grace","lastName":"Hopper","roles":[5,4]}`)
	call("GET /uauth/user/register/invitation/{invitationToken}", "/uauth/user/register/invitation/"+token("ada@example.com", MailInvitation), nil)
	call("DELETE /uauth/users/invitations/{invitationIds}", "/uauth/users/invitations/4", nil)
	if err := api.mock.AcceptInvitation(2); err != nil {
		t.Fatal(err)
	}
	call("GET /uauth/users/listing", "/uauth/users/listing?page=0&size=2&status=ALL&search=", nil)
	call("GET /uauth/v2/users/listing", "/uauth/v2/users/listing?page=1&size=2&status=ALL&search=", nil)
	call("GET /uauth/users/listing/autocomplete", "/uauth/users/listing/autocomplete?email=gr", nil)
	call("GET /uauth/users/{userId}", "/uauth/users/2", nil)
	call("POST /uauth/users/{userId}", "/uauth/users/2",
		`{"firstName":"Grace","phone":"+48 600 000 000","language":"en-GB","dateFormatNotation":"EU","mailAccountId":0,"roles":[5]}`)
	call("POST /uauth/users/deactivate", "/uauth/users/deactivate", `{"ids":[2]}`)
	call("POST /uauth/users/activate", "/uauth/users/activate", `{"ids":[2]}`)
	call("PUT /uauth/users/{userId}/access-time", "/uauth/users/2/access-time", `{"expirationDate":"2031-01-01T00:00:00Z"}`)
	call("POST /uauth/users/{userId}/password-reset", "/uauth/users/2/password-reset", nil)
	call("PUT /uauth/users/{userId}/mfa-reset", "/uauth/users/2/mfa-reset", nil)

	// User account management: ada registers through her invitation, newbie on their own.
	call("POST /uauth/user/register", "/uauth/user/register",
		fmt.Sprintf(`{"email":"ada@example.com","password":"Secret-123","invitationToken":%q}`, token("ada@example.com", MailInvitation)))
	call("POST /uauth/user/register", "/uauth/user/register", `{"email":"newbie@example.com","password":"Secret-123"}`)
	call("POST /uauth/user/register/resend-confirmation", "/uauth/user/register/resend-confirmation", `{"email":"newbie@example.com"}`)
	call("GET /uauth/user/confirmation/{confirmationToken}", "/uauth/user/confirmation/"+token("newbie@example.com", MailConfirmation), nil)
	call("POST /uauth/password-reset/request", "/uauth/password-reset/request", `{"email":"newbie@example.com"}`)
	call("POST /uauth/password-reset/confirmation", "/uauth/password-reset/confirmation",
		fmt.Sprintf(`{"token":%q,"password":"Secret-456"}`, token("newbie@example.com", MailPasswordReset)))
	call("POST /uauth/change-password", "/uauth/change-password", fmt.Sprintf(`{"currentPassword":%q,"newPassword":"Secret-789"}`, seedAdminPassword))
	call("GET /uauth/users/my-account", "/uauth/users/my-account", nil)
	call("POST /uauth/users/my-account", "/uauth/users/my-account", `{"firstName":"Ada","lastName":"Admin","timeFormatNotation":"US","avatar":"https://example.com/ada.png"}`)

	// Access control.
	call("POST /uauth/business-profile/mfa/requirements", "/uauth/business-profile/mfa/requirements", nil)
	call("DELETE /uauth/business-profile/mfa/requirements", "/uauth/business-profile/mfa/requirements", nil)
	call("GET /uauth/users/my-account/strongest-password-settings", "/uauth/users/my-account/strongest-password-settings", nil)
	call("GET /uauth/settings/user-bp-ip-policy", "/uauth/settings/user-bp-ip-policy", nil)
	call("POST /uauth/settings/user-bp-ip-policy", "/uauth/settings/user-bp-ip-policy", `{"enabled":true,"enableSupportSubnets":true,"ipPolicy":["10.0.0.1","10.1.0.7"]}`)
	call("GET /uauth/strongest-password-settings-by-email/{email}", "/uauth/strongest-password-settings-by-email/grace@example.com", nil)
	call("POST /uauth/users/mfa/initialization", "/uauth/users/mfa/initialization?mfaType=TOTP_AUTHENTICATOR", nil)
	var backup struct {
		BackupCode string `json:"backupCode"`
	}
	call("POST /uauth/users/mfa/confirmation", "/uauth/users/mfa/confirmation?mfaType=TOTP_AUTHENTICATOR", `{"verificationCode":"123456"}`).decode(t, &backup)
	call("DELETE /uauth/users/mfa", "/uauth/users/mfa?mfaType=TOTP_AUTHENTICATOR&backupCode="+backup.BackupCode, nil)
	call("GET /uauth/settings/password-policy", "/uauth/settings/password-policy", nil)
	call("POST /uauth/settings/password-policy", "/uauth/settings/password-policy", `{"minLength":12,"maxLength":64,"digits":1,"attempts":5}`)

	// Settings.
	for path, body := range map[string]string{
		"/sauth/settings/ban":            `{"blockingForClientEnabled":true,"firstBanThreshold":5,"firstBanDuration":300}`,
		"/sauth/settings/templates":      `{"clientEmailChangeRequestMailSubject":"Confirm your new address","clientEmailChangeNotificationMailTemplateId":null}`,
		"/sauth/settings/device-control": `{"deviceControlMode":"SOFT","softMailTitle":"New device"}`,
		"/sauth/settings/general":        `{"tokenLifetimeInSeconds":3600,"allowEmailChangeFromWebForm":true}`,
		"/sauth/settings/oauth":          `{"enabled":true,"mode":"JWT_TOKEN","jwkEndpoint":"https://id.example.com/jwk","headers":{"X-Trace":"1"},"mapping":{"accessToken":"token"},"validation":{"iss":"id.example.com"}}`,
		"/sauth/settings/synerise-auth":  `{"enabled":true,"registrationType":"REQUIRE_PIN_CONFIRMATION","pinConfirmationLength":8,"requireAtLeastOneNumber":true}`,
		"/sauth/settings/oauth/facebook": `{"enabled":true}`,
		"/sauth/settings/oauth/google":   `{"enabled":true}`,
		"/sauth/settings/oauth/apple":    `{"enabled":true,"bundle":"com.example.app"}`,
	} {
		call("GET "+path, path, nil)
		call("POST "+path, path, body)
	}
	var profiles struct {
		Content []struct {
			GUID string `json:"guid"`
		} `json:"content"`
	}
	call("GET /business-profile-service/business-profiles", "/business-profile-service/business-profiles", nil).decode(t, &profiles)
	call("GET /business-profile-service/organizations/business-profiles", "/business-profile-service/organizations/business-profiles?page=1&limit=10&sortBy=NAME:ASC&search=mock", nil)
	call("GET /business-profile-service/organizations/business-profiles/with-identifiers", "/business-profile-service/organizations/business-profiles/with-identifiers", nil)
	if len(profiles.Content) == 0 {
		t.Fatal("no business profile is listed")
	}
	call("POST /uauth/business-profile/mark-favorite", "/uauth/business-profile/mark-favorite", fmt.Sprintf(`{"businessProfileGuid":%q,"favorite":true}`, profiles.Content[0].GUID))

	// Directory.
	call("GET /uauth/managed-domains/initialize-code", "/uauth/managed-domains/initialize-code", nil)
	api.mock.PublishDomainProof("example.com", "TXT_RECORD")
	call("POST /uauth/managed-domains/verification", "/uauth/managed-domains/verification", `{"domain":"example.com","verificationMethod":"TXT_RECORD"}`)
	call("GET /uauth/managed-domains", "/uauth/managed-domains?page=1&size=10", nil)
	call("DELETE /uauth/managed-domains", "/uauth/managed-domains", `{"domain":"example.com"}`)

	// Removals, the token owner's own account last.
	call("DELETE /uauth/users/profile-association/{ids}", "/uauth/users/profile-association/2", nil)
	call("DELETE /uauth/users/{ids}", "/uauth/users/3,2", nil)
	call("DELETE /uauth/roles/role/{roleId}", "/uauth/roles/role/5", nil)
	call("DELETE /uauth/roles/role-group/{groupId}", "/uauth/roles/role-group/3", nil)
	call("DELETE /uauth/users/my-account", "/uauth/users/my-account", nil)
	if res := api.call(http.MethodGet, "/uauth/roles/listing", nil); res.status != http.StatusUnauthorized {
		t.Errorf("the token of a deleted account still opens the API: status %d", res.status)
	}

	for _, rt := range api.mock.apiRoutes() {
		if !hit[rt.pattern] {
			t.Errorf("%s was not called", rt.pattern)
		}
	}
	if len(hit) != 75 {
		t.Errorf("%d endpoints called, want 75", len(hit))
	}
	if api.mock.sparse && len(bodiless) != 23 {
		t.Errorf("%d endpoints answered sparsely, want the 23 whose success the reference gives no JSON body", len(bodiless))
	}
}

// checkResponse validates an answer against the operation the description gives for pattern; the
// status must be one the operation documents. It may run on any goroutine, so it never stops the test.
func (a *testAPI) checkResponse(pattern, path string, res response) {
	a.t.Helper()
	op := a.mock.spec.operation(pattern)
	if op == nil {
		a.t.Errorf("the API description has no operation for %s", pattern)
		return
	}
	req, err := http.NewRequestWithContext(a.t.Context(), op.route.Method, a.url+path, nil)
	if err != nil {
		a.t.Errorf("%s: %v", path, err)
		return
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: op.route},
		Status:                 res.status,
		Header:                 res.header,
		Body:                   io.NopCloser(bytes.NewReader(res.body)),
		// A sparse operation may answer with no body where the description assumes one.
		Options: &openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: op.sparse() && len(res.body) == 0},
	}
	if err := openapi3filter.ValidateResponse(a.t.Context(), input); err != nil {
		a.t.Errorf("%s %s: the answer (%d %s) does not match the description: %v", op.route.Method, path, res.status, res.body, err)
	}
}
