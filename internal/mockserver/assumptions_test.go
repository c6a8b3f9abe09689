package mockserver

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAnswersWithoutAssumptions runs the mock without each assumption the API description makes
// where the reference is silent, and checks that it answers as the reference allows.
func TestAnswersWithoutAssumptions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		test func(t *testing.T)
	}{
		{"role groups without roles", groupsListedWithoutRoles},
		{"invites answered with no body", invitesAnsweredWithNoBody},
		{"bulk invite answered with an object", bulkInviteAnsweredWithAnObject},
		{"verification fails transiently", verificationFailsTransiently},
		{"verification code in another field", verificationCodeInAnotherField},
		{"a member whose access time passed reads as EXPIRED", pastAccessTimeReadsAsExpired},
		{"unknown assumption", unknownAssumptionPanics},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.test(t)
		})
	}
}

// newTestAPIWithout starts a mock that makes none of the assumptions a.
func newTestAPIWithout(t *testing.T, a ...Assumption) *testAPI {
	t.Helper()
	return newTestAPIWith(t, Options{Token: testToken, Without: a})
}

func groupsListedWithoutRoles(t *testing.T) {
	api := newTestAPIWithout(t, RolesInGroupListings)
	var listed, created []map[string]any
	api.expect(http.MethodGet, "/uauth/roles/listing", nil, http.StatusOK, &listed)
	api.expect(http.MethodPost, "/uauth/roles/role-group", `{"name":"Support"}`, http.StatusOK, &created)
	for _, groups := range [][]map[string]any{listed, created} {
		for _, g := range groups {
			if _, ok := g["roles"]; ok || g["id"] == nil || g["name"] == nil {
				t.Errorf("group %v: want its id and name and no roles", g)
			}
		}
	}
	// The roles are there all the same, one by one.
	var role roleDoc
	api.expect(http.MethodGet, "/uauth/roles/1", nil, http.StatusOK, &role)
	if role.Group != 1 || role.Name != "Admin" {
		t.Errorf("role 1 = %+v", role)
	}
}

func invitesAnsweredWithNoBody(t *testing.T) {
	api := newTestAPIWithout(t, InvitedUserInAnswer, InvitedUsersInAnswer)
	single := api.expect(http.MethodPost, "/uauth/users/invitations/invite",
		`{"email":"grace@example.com","firstName":"","lastName":"","roles":[]}`, http.StatusOK, nil)
	bulk := api.expect(http.MethodPost, "/uauth/users/invitations/invite-bulk",
		`{"invitations":[{"email":"ada@example.com","firstName":"","lastName":"","roles":[]}]}`, http.StatusOK, nil)
	if len(single.body) > 0 || len(bulk.body) > 0 {
		t.Errorf("answers %q and %q, want none", single.body, bulk.body)
	}
	if users := api.mock.Snapshot().Users; users["grace@example.com"] != 1 || users["ada@example.com"] != 1 {
		t.Errorf("members %v: the invitations were not made", users)
	}
}

func bulkInviteAnsweredWithAnObject(t *testing.T) {
	api := newTestAPIWithout(t, BulkInviteAnswersAList)
	var answer struct {
		Invited []userDoc `json:"invited"`
	}
	api.expect(http.MethodPost, "/uauth/users/invitations/invite-bulk",
		`{"invitations":[{"email":"ada@example.com","firstName":"","lastName":"","roles":[]},{"email":"linus@example.com","firstName":"","lastName":"","roles":[]}]}`,
		http.StatusOK, &answer)
	if len(answer.Invited) != 2 || answer.Invited[1].Email != "linus@example.com" || answer.Invited[1].Status != statusPending {
		t.Errorf("answer %+v", answer)
	}
}

func verificationFailsTransiently(t *testing.T) {
	api := newTestAPIWithout(t, DefiniteVerification)
	api.mock.PublishDomainProof("example.com", "TXT_RECORD")
	verify := `{"domain":"example.com","verificationMethod":"TXT_RECORD"}`
	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusInternalServerError)
	api.expectError(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusBadGateway)
	if domains := api.mock.Snapshot().ManagedDomains; len(domains) != 0 {
		t.Fatalf("a failed verification managed %v", domains)
	}
	var d domainDoc
	api.expect(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusOK, &d)
	if d.Domain != "example.com" {
		t.Errorf("verified %+v", d)
	}
}

func verificationCodeInAnotherField(t *testing.T) {
	api := newTestAPIWithout(t, VerificationCodeField)
	var answer map[string]string
	api.expect(http.MethodGet, "/uauth/managed-domains/initialize-code", nil, http.StatusOK, &answer)
	if _, ok := answer["verificationCode"]; ok || !strings.HasPrefix(answer["code"], "synerise-domain-verification=") {
		t.Errorf("answer %v", answer)
	}
}

func pastAccessTimeReadsAsExpired(t *testing.T) {
	for _, contradicted := range []bool{false, true} {
		var api *testAPI
		want := statusActive
		if api = newTestAPIWith(t, Options{Token: testToken}); contradicted {
			api, want = newTestAPIWithout(t, ExpiredIsAnUnacceptedInvitation), statusExpired
		}
		id := api.mock.AddMember("ada@example.com")
		user := fmt.Sprintf("/uauth/users/%d", id)
		api.expect(http.MethodPut, user+"/access-time", `{"expirationDate":"2001-01-01T00:00:00Z"}`, http.StatusOK, nil)
		var read userDoc
		var expired pageDoc[userDoc]
		api.expect(http.MethodGet, user, nil, http.StatusOK, &read)
		api.expect(http.MethodGet, "/uauth/users/listing?page=0&size=10&status=EXPIRED&search=", nil, http.StatusOK, &expired)
		if read.Status != want || (len(expired.Content) == 1) != contradicted {
			t.Errorf("contradicted %v: the member reads as %s and the EXPIRED listing holds %d users, want %s", contradicted, read.Status, len(expired.Content), want)
		}
		// Still a member who accepted: no invitation to update, and later access gives the status back.
		api.expectError(http.MethodPost, fmt.Sprintf("/uauth/users/invitations/%d", id), `{"firstName":"Ada"}`, http.StatusNotFound)
		api.expect(http.MethodPut, user+"/access-time", `{"expirationDate":"2999-01-01T00:00:00Z"}`, http.StatusOK, nil)
		api.expect(http.MethodGet, user, nil, http.StatusOK, &read)
		if read.Status != statusActive {
			t.Errorf("contradicted %v: with access until 2999 the member reads as %s", contradicted, read.Status)
		}
	}
}

func unknownAssumptionPanics(t *testing.T) {
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, `unknown assumption "pages are numbered"`) {
			t.Errorf("panic = %q", msg)
		}
	}()
	New(Options{Without: []Assumption{"pages are numbered"}})
}
