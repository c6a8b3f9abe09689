package api

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// indexedEndpoints are the 75 endpoints of the reference's index.
var indexedEndpoints = strings.Fields(`
GET /business-profile-service/business-profiles
GET /business-profile-service/organizations/business-profiles
GET /business-profile-service/organizations/business-profiles/with-identifiers
GET /sauth/settings/ban POST /sauth/settings/ban
GET /sauth/settings/templates POST /sauth/settings/templates
GET /sauth/settings/device-control POST /sauth/settings/device-control
GET /sauth/settings/general POST /sauth/settings/general
GET /sauth/settings/oauth POST /sauth/settings/oauth
GET /sauth/settings/synerise-auth POST /sauth/settings/synerise-auth
GET /sauth/settings/oauth/facebook POST /sauth/settings/oauth/facebook
GET /sauth/settings/oauth/google POST /sauth/settings/oauth/google
GET /sauth/settings/oauth/apple POST /sauth/settings/oauth/apple
POST /uauth/business-profile/mark-favorite
POST /uauth/business-profile/mfa/requirements DELETE /uauth/business-profile/mfa/requirements
GET /uauth/users/my-account/strongest-password-settings
GET /uauth/settings/user-bp-ip-policy POST /uauth/settings/user-bp-ip-policy
GET /uauth/strongest-password-settings-by-email/{email}
POST /uauth/users/mfa/initialization POST /uauth/users/mfa/confirmation DELETE /uauth/users/mfa
GET /uauth/settings/password-policy POST /uauth/settings/password-policy
GET /uauth/user/register/invitation/{invitationToken}
POST /uauth/users/invitations/invite POST /uauth/users/invitations/invite-bulk
DELETE /uauth/users/invitations/{invitationIds} POST /uauth/users/invitations/{invitationId}
GET /uauth/users/listing GET /uauth/v2/users/listing GET /uauth/users/listing/autocomplete
DELETE /uauth/users/profile-association/{ids}
GET /uauth/users/{userId} POST /uauth/users/{userId}
POST /uauth/users/activate POST /uauth/users/deactivate
PUT /uauth/users/{userId}/access-time POST /uauth/users/{userId}/password-reset
PUT /uauth/users/{userId}/mfa-reset DELETE /uauth/users/{ids}
GET /uauth/permissions/group/role/{roleId} GET /uauth/roles/listing
POST /uauth/roles/role-group POST /uauth/roles/role-group/{groupId} DELETE /uauth/roles/role-group/{groupId}
POST /uauth/roles/role GET /uauth/roles/{roleId} POST /uauth/roles/role/{roleId} DELETE /uauth/roles/role/{roleId}
GET /uauth/roles/{roleId}/pii POST /uauth/roles/{roleId}/pii GET /uauth/users/available-roles
POST /uauth/change-password POST /uauth/password-reset/request POST /uauth/password-reset/confirmation
GET /uauth/user/confirmation/{confirmationToken} POST /uauth/user/register
POST /uauth/user/register/resend-confirmation
GET /uauth/users/my-account POST /uauth/users/my-account DELETE /uauth/users/my-account
GET /uauth/managed-domains DELETE /uauth/managed-domains
GET /uauth/managed-domains/initialize-code POST /uauth/managed-domains/verification
`)

func load(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the description is not valid OpenAPI 3: %v", err)
	}
	return doc
}

func TestDescriptionCoversTheIndexExactly(t *testing.T) {
	t.Parallel()
	doc := load(t)
	var want, got []string
	// OpenAPI allows one parameter name per path template; the reference uses two names on two templates.
	sameTemplate := strings.NewReplacer("{invitationIds}", "{invitationId}", "/uauth/users/{ids}", "/uauth/users/{userId}")
	for i := 0; i < len(indexedEndpoints); i += 2 {
		want = append(want, indexedEndpoints[i]+" "+sameTemplate.Replace(indexedEndpoints[i+1]))
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			got = append(got, method+" "+path)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if len(want) != 75 {
		t.Fatalf("the index has 75 endpoints, the test lists %d", len(want))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("operations differ from the index:\n got %v\nwant %v", got, want)
	}
}

func TestOperationsAreComplete(t *testing.T) {
	t.Parallel()
	doc := load(t)
	ids := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if op.OperationID == "" || ids[op.OperationID] {
				t.Errorf("%s: missing or repeated operationId %q", name, op.OperationID)
			}
			ids[op.OperationID] = true
			if op.RequestBody != nil {
				for _, media := range op.RequestBody.Value.Content {
					schema := media.Schema.Value
					if schema.Type.Is("object") && (schema.AdditionalProperties.Has == nil || *schema.AdditionalProperties.Has) {
						t.Errorf("%s: the request body must reject unknown fields (additionalProperties: false)", name)
					}
				}
			}
			if op.Security == nil && len(doc.Security) == 0 {
				t.Errorf("%s: no security requirement", name)
			}
		}
	}
}

// sparseEndpoints are the endpoints whose every success the reference gives no application/json body
// (no media type, or */*): the API may answer them with nothing.
var sparseEndpoints = []string{
	"DELETE /uauth/business-profile/mfa/requirements", "DELETE /uauth/managed-domains",
	"DELETE /uauth/users/invitations/{invitationId}", "DELETE /uauth/users/mfa", "DELETE /uauth/users/my-account",
	"DELETE /uauth/users/profile-association/{ids}", "DELETE /uauth/users/{userId}",
	"GET /uauth/user/confirmation/{confirmationToken}", "GET /uauth/users/my-account/strongest-password-settings",
	"POST /sauth/settings/oauth/facebook", "POST /sauth/settings/oauth/google", "POST /uauth/business-profile/mark-favorite",
	"POST /uauth/business-profile/mfa/requirements", "POST /uauth/password-reset/confirmation",
	"POST /uauth/password-reset/request", "POST /uauth/user/register", "POST /uauth/user/register/resend-confirmation",
	"POST /uauth/users/activate", "POST /uauth/users/deactivate", "POST /uauth/users/invitations/{invitationId}",
	"POST /uauth/users/{userId}/password-reset", "PUT /uauth/users/{userId}/access-time", "PUT /uauth/users/{userId}/mfa-reset",
}

// The mock reads x-sparse to know which answers to leave empty in sparse mode, so the marker must sit
// on exactly the endpoints above; a JSON body described for one of them is the project's assumption.
func TestSparseEndpointsAreMarked(t *testing.T) {
	t.Parallel()
	doc := load(t)
	var marked []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if op.Extensions["x-sparse"] != true {
				continue
			}
			marked = append(marked, name)
			for code, resp := range op.Responses.Map() {
				if strings.HasPrefix(code, "2") && len(resp.Value.Content) > 0 &&
					(resp.Value.Extensions["x-assumption"] != true || !strings.Contains(*resp.Value.Description, "ASSUMPTION: ")) {
					t.Errorf("%s: the JSON body of %s is not marked as an assumption", name, code)
				}
			}
		}
	}
	sort.Strings(marked)
	want := slices.Sorted(slices.Values(sparseEndpoints))
	if !slices.Equal(marked, want) {
		t.Errorf("x-sparse marks\n%v\nwant\n%v", marked, want)
	}
	if !strings.Contains(doc.Info.Description, "Sparse answers: the reference gives the success of 23 endpoints no application/json body") {
		t.Error("info.description does not list the sparse endpoints")
	}
}

// The mock refuses unknown fields where a default Spring/Jackson service ignores them: each request body
// must say that this strictness is the project's.
func TestRequestBodiesSayRefusingUnknownFieldsIsAnAssumption(t *testing.T) {
	t.Parallel()
	doc := load(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			for _, media := range op.RequestBody.Value.Content {
				if schema := media.Schema.Value; !strings.Contains(schema.Description, "ASSUMPTION: ") || schema.Extensions["x-assumption"] != true {
					t.Errorf("%s %s: the request body does not say that refusing unknown fields is an assumption", method, path)
				}
			}
		}
	}
}
