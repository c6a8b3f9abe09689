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
	w := &endpointWalk{t: t, api: api, hit: map[string]bool{}, bodiless: map[string]bool{}}
	w.accessGroups()
	w.userManagement()
	w.userAccountManagement()
	w.accessControl()
	w.settings()
	w.directory()
	w.removals()
	w.checkEveryEndpointWasCalled()
}

// endpointWalk is one walk through the endpoints; its steps run in order, each on the workspace the
// steps before it left.
type endpointWalk struct {
	t   *testing.T
	api *testAPI
	// hit collects the routes called.
	hit map[string]bool
	// bodiless collects the routes that answered sparsely.
	bodiless map[string]bool
}

// call sends a request that must reach the route of pattern and succeed.
func (w *endpointWalk) call(pattern, path string, body any) response {
	w.t.Helper()
	method, _, _ := strings.Cut(pattern, " ")
	before := w.api.mock.RequestCounts()[pattern]
	res := w.api.call(method, path, body)
	if after := w.api.mock.RequestCounts()[pattern]; after != before+1 {
		w.t.Fatalf("%s %s did not reach %s", method, path, pattern)
	}
	w.hit[pattern] = true
	if res.status < 200 || res.status > 299 {
		w.t.Fatalf("%s %s: status %d; body %s", method, path, res.status, res.body)
	}
	if w.api.mock.sparse && w.api.mock.spec.operation(pattern).sparse() {
		w.bodiless[pattern] = true
		if len(res.body) > 0 || res.header.Get("Content-Type") != "" {
			w.t.Errorf("%s %s: a sparse answer has the body %q (%s)", method, path, res.body, res.header.Get("Content-Type"))
		}
	}
	return res
}

// token is the one of the latest mail of a kind to an address.
func (w *endpointWalk) token(to, kind string) string {
	w.t.Helper()
	mails := w.api.mock.Mails(to)
	for i := len(mails) - 1; i >= 0; i-- {
		if mails[i].Kind == kind {
			return mails[i].Token
		}
	}
	w.t.Fatalf("no %s mail to %s", kind, to)
	return ""
}

// accessGroups creates a group and a role of it, used by the users below and deleted at the end.
func (w *endpointWalk) accessGroups() {
	w.call("GET /uauth/roles/listing", "/uauth/roles/listing", nil)
	w.call("POST /uauth/roles/role-group", "/uauth/roles/role-group", `{"name":"Support","description":"Helpdesk"}`)
	w.call("POST /uauth/roles/role-group/{groupId}", "/uauth/roles/role-group/3", `{"name":"Support","description":"Helpdesk and chat"}`)
	w.call("POST /uauth/roles/role", "/uauth/roles/role", `{"group":3,"name":"Agent","description":"Answers tickets"}`)
	w.call("GET /uauth/roles/{roleId}", "/uauth/roles/5", nil)
	w.call("POST /uauth/roles/role/{roleId}", "/uauth/roles/role/5", `{"group":3,"name":"Agent","description":"Answers tickets and chats"}`)
	w.call("GET /uauth/roles/{roleId}/pii", "/uauth/roles/5/pii", nil)
	w.call("POST /uauth/roles/{roleId}/pii", "/uauth/roles/5/pii", `{"piiAccess":true}`)
	w.call("GET /uauth/permissions/group/role/{roleId}", "/uauth/permissions/group/role/1", nil)
	w.call("GET /uauth/users/available-roles", "/uauth/users/available-roles", nil)
}

// userManagement invites grace (2), and ada (3) and linus (4) in bulk.
func (w *endpointWalk) userManagement() {
	w.call("POST /uauth/users/invitations/invite", "/uauth/users/invitations/invite",
		`{"email":"grace@example.com","firstName":"Grace","lastName":"Hopper","roles":[5]}`)
	w.call("POST /uauth/users/invitations/invite-bulk", "/uauth/users/invitations/invite-bulk",
		`{"invitations":[{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","roles":[3]},{"email":"linus@example.com","roles":[]}]}`)
	w.call("POST /uauth/users/invitations/{invitationId}", "/uauth/users/invitations/2", `{"firstName":"Grace","lastName":"Hopper","roles":[5,4]}`)
	w.call("GET /uauth/user/register/invitation/{invitationToken}", "/uauth/user/register/invitation/"+w.token("ada@example.com", MailInvitation), nil)
	w.call("DELETE /uauth/users/invitations/{invitationIds}", "/uauth/users/invitations/4", nil)
	if err := w.api.mock.AcceptInvitation(2); err != nil {
		w.t.Fatal(err)
	}
	w.call("GET /uauth/users/listing", "/uauth/users/listing?page=0&size=2&status=ALL&search=", nil)
	w.call("GET /uauth/v2/users/listing", "/uauth/v2/users/listing?page=1&size=2&status=ALL&search=", nil)
	w.call("GET /uauth/users/listing/autocomplete", "/uauth/users/listing/autocomplete?email=gr", nil)
	w.call("GET /uauth/users/{userId}", "/uauth/users/2", nil)
	w.call("POST /uauth/users/{userId}", "/uauth/users/2",
		`{"firstName":"Grace","phone":"+48 600 000 000","language":"en-GB","dateFormatNotation":"EU","mailAccountId":0,"roles":[5]}`)
	w.call("POST /uauth/users/deactivate", "/uauth/users/deactivate", `{"ids":[2]}`)
	w.call("POST /uauth/users/activate", "/uauth/users/activate", `{"ids":[2]}`)
	w.call("PUT /uauth/users/{userId}/access-time", "/uauth/users/2/access-time", `{"expirationDate":"2031-01-01T00:00:00Z"}`)
	w.call("POST /uauth/users/{userId}/password-reset", "/uauth/users/2/password-reset", nil)
	w.call("PUT /uauth/users/{userId}/mfa-reset", "/uauth/users/2/mfa-reset", nil)
}

// userAccountManagement registers ada through her invitation, and newbie on their own.
func (w *endpointWalk) userAccountManagement() {
	w.call("POST /uauth/user/register", "/uauth/user/register",
		fmt.Sprintf(`{"email":"ada@example.com","password":"Secret-123","invitationToken":%q}`, w.token("ada@example.com", MailInvitation)))
	w.call("POST /uauth/user/register", "/uauth/user/register", `{"email":"newbie@example.com","password":"Secret-123"}`)
	w.call("POST /uauth/user/register/resend-confirmation", "/uauth/user/register/resend-confirmation", `{"email":"newbie@example.com"}`)
	w.call("GET /uauth/user/confirmation/{confirmationToken}", "/uauth/user/confirmation/"+w.token("newbie@example.com", MailConfirmation), nil)
	w.call("POST /uauth/password-reset/request", "/uauth/password-reset/request", `{"email":"newbie@example.com"}`)
	w.call("POST /uauth/password-reset/confirmation", "/uauth/password-reset/confirmation",
		fmt.Sprintf(`{"token":%q,"password":"Secret-456"}`, w.token("newbie@example.com", MailPasswordReset)))
	w.call("POST /uauth/change-password", "/uauth/change-password", fmt.Sprintf(`{"currentPassword":%q,"newPassword":"Secret-789"}`, seedAdminPassword))
	w.call("GET /uauth/users/my-account", "/uauth/users/my-account", nil)
	w.call("POST /uauth/users/my-account", "/uauth/users/my-account", `{"firstName":"Ada","lastName":"Admin","timeFormatNotation":"US","avatar":"https://example.com/ada.png"}`)
}

func (w *endpointWalk) accessControl() {
	w.call("POST /uauth/business-profile/mfa/requirements", "/uauth/business-profile/mfa/requirements", nil)
	w.call("DELETE /uauth/business-profile/mfa/requirements", "/uauth/business-profile/mfa/requirements", nil)
	w.call("GET /uauth/users/my-account/strongest-password-settings", "/uauth/users/my-account/strongest-password-settings", nil)
	w.call("GET /uauth/settings/user-bp-ip-policy", "/uauth/settings/user-bp-ip-policy", nil)
	w.call("POST /uauth/settings/user-bp-ip-policy", "/uauth/settings/user-bp-ip-policy", `{"enabled":true,"enableSupportSubnets":true,"ipPolicy":["10.0.0.1","10.1.0.7"]}`)
	w.call("GET /uauth/strongest-password-settings-by-email/{email}", "/uauth/strongest-password-settings-by-email/grace@example.com", nil)
	w.call("POST /uauth/users/mfa/initialization", "/uauth/users/mfa/initialization?mfaType=TOTP_AUTHENTICATOR", nil)
	var backup struct {
		BackupCode string `json:"backupCode"`
	}
	w.call("POST /uauth/users/mfa/confirmation", "/uauth/users/mfa/confirmation?mfaType=TOTP_AUTHENTICATOR", `{"verificationCode":"123456"}`).decode(w.t, &backup)
	w.call("DELETE /uauth/users/mfa", "/uauth/users/mfa?mfaType=TOTP_AUTHENTICATOR&backupCode="+backup.BackupCode, nil)
	w.call("GET /uauth/settings/password-policy", "/uauth/settings/password-policy", nil)
	w.call("POST /uauth/settings/password-policy", "/uauth/settings/password-policy", `{"minLength":12,"maxLength":64,"digits":1,"attempts":5}`)
}

func (w *endpointWalk) settings() {
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
		w.call("GET "+path, path, nil)
		w.call("POST "+path, path, body)
	}
	var profiles struct {
		Content []struct {
			GUID string `json:"guid"`
		} `json:"content"`
	}
	w.call("GET /business-profile-service/business-profiles", "/business-profile-service/business-profiles", nil).decode(w.t, &profiles)
	w.call("GET /business-profile-service/organizations/business-profiles", "/business-profile-service/organizations/business-profiles?page=1&limit=10&sortBy=NAME:ASC&search=mock", nil)
	w.call("GET /business-profile-service/organizations/business-profiles/with-identifiers", "/business-profile-service/organizations/business-profiles/with-identifiers", nil)
	if len(profiles.Content) == 0 {
		w.t.Fatal("no business profile is listed")
	}
	w.call("POST /uauth/business-profile/mark-favorite", "/uauth/business-profile/mark-favorite", fmt.Sprintf(`{"businessProfileGuid":%q,"favorite":true}`, profiles.Content[0].GUID))
}

func (w *endpointWalk) directory() {
	w.call("GET /uauth/managed-domains/initialize-code", "/uauth/managed-domains/initialize-code", nil)
	w.api.mock.PublishDomainProof("example.com", "TXT_RECORD")
	w.call("POST /uauth/managed-domains/verification", "/uauth/managed-domains/verification", `{"domain":"example.com","verificationMethod":"TXT_RECORD"}`)
	w.call("GET /uauth/managed-domains", "/uauth/managed-domains?page=1&size=10", nil)
	w.call("DELETE /uauth/managed-domains", "/uauth/managed-domains", `{"domain":"example.com"}`)
}

// removals deletes what the walk created, the token owner's own account last.
func (w *endpointWalk) removals() {
	w.call("DELETE /uauth/users/profile-association/{ids}", "/uauth/users/profile-association/2", nil)
	w.call("DELETE /uauth/users/{ids}", "/uauth/users/3,2", nil)
	w.call("DELETE /uauth/roles/role/{roleId}", "/uauth/roles/role/5", nil)
	w.call("DELETE /uauth/roles/role-group/{groupId}", "/uauth/roles/role-group/3", nil)
	w.call("DELETE /uauth/users/my-account", "/uauth/users/my-account", nil)
	if res := w.api.call(http.MethodGet, "/uauth/roles/listing", nil); res.status != http.StatusUnauthorized {
		w.t.Errorf("the token of a deleted account still opens the API: status %d", res.status)
	}
}

func (w *endpointWalk) checkEveryEndpointWasCalled() {
	for _, rt := range w.api.mock.apiRoutes() {
		if !w.hit[rt.pattern] {
			w.t.Errorf("%s was not called", rt.pattern)
		}
	}
	if len(w.hit) != 75 {
		w.t.Errorf("%d endpoints called, want 75", len(w.hit))
	}
	if w.api.mock.sparse && len(w.bodiless) != 23 {
		w.t.Errorf("%d endpoints answered sparsely, want the 23 whose success the reference gives no JSON body", len(w.bodiless))
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
