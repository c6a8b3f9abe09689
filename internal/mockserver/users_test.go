package mockserver

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestInvitationLifecycle(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	invitee := api.invite("Grace@Example.com", 3)
	if invitee.ID != 2 || invitee.Status != statusPending || invitee.Email != "Grace@Example.com" ||
		len(invitee.Roles) != 1 || invitee.Roles[0].Name != "Marketer" {
		t.Fatalf("invitation %+v", invitee)
	}
	checkInvitationRefusals(t, api)
	checkInvitationFoundByMailedToken(t, api)
	checkPendingInvitationUpdate(t, api, invitee.ID)
	checkAcceptedInvitation(t, api, invitee.ID)
	checkExpiredAndWithdrawnInvitations(t, api)
	checkRemovedMemberInvitedBack(t, api, invitee.ID)
}

// checkInvitationRefusals invites grace@example.com, invited already, again: the same address in any
// case is a conflict; so is the admin's.
func checkInvitationRefusals(t *testing.T, api *testAPI) {
	t.Helper()
	for _, email := range []string{"grace@example.com", seedAdminEmail} {
		api.expectError(http.MethodPost, "/uauth/users/invitations/invite", map[string]any{"email": email, "roles": []int{}}, http.StatusConflict)
	}
	if msg := api.expectError(http.MethodPost, "/uauth/users/invitations/invite",
		`{"email":"new@example.com","roles":[99]}`, http.StatusNotFound); msg != "Role 99 not found" {
		t.Errorf("unknown role: %q", msg)
	}
	api.expectError(http.MethodPost, "/uauth/users/invitations/invite", `{"email":"not an address","roles":[]}`, http.StatusBadRequest)
}

// checkInvitationFoundByMailedToken: the invitee learns the token by email; it finds the invitation.
func checkInvitationFoundByMailedToken(t *testing.T, api *testAPI) {
	t.Helper()
	mails := api.mock.Mails("grace@example.com")
	if len(mails) != 1 || mails[0].Kind != MailInvitation || mails[0].Token == "" {
		t.Fatalf("mails %+v", mails)
	}
	var details map[string]string
	api.expect(http.MethodGet, "/uauth/user/register/invitation/"+mails[0].Token, nil, http.StatusOK, &details)
	if details["email"] != "Grace@Example.com" || details["businessProfileName"] == "" {
		t.Errorf("invitation details %v", details)
	}
}

// checkPendingInvitationUpdate: a pending invitation's names and roles can change; left-out fields stay.
func checkPendingInvitationUpdate(t *testing.T, api *testAPI, id int64) {
	t.Helper()
	invitationPath := fmt.Sprintf("/uauth/users/invitations/%d", id)
	var updated userDoc
	api.expect(http.MethodPost, invitationPath, `{"lastName":"Hopper","roles":[3,4]}`, http.StatusOK, &updated)
	if updated.FirstName != "First" || updated.LastName != "Hopper" || len(updated.Roles) != 2 || updated.Status != statusPending {
		t.Errorf("updated invitation %+v", updated)
	}
	if msg := api.expectError(http.MethodPost, invitationPath, `{"roles":[42]}`, http.StatusNotFound); msg != "Role 42 not found" {
		t.Errorf("unknown role in an update: %q", msg)
	}
}

// checkAcceptedInvitation accepts the invitation id, which then is no invitation any more: the user
// is updated as a user.
func checkAcceptedInvitation(t *testing.T, api *testAPI, id int64) {
	t.Helper()
	userPath := fmt.Sprintf("/uauth/users/%d", id)
	invitationPath := fmt.Sprintf("/uauth/users/invitations/%d", id)
	if err := api.mock.AcceptInvitation(id); err != nil {
		t.Fatal(err)
	}
	var accepted userDoc
	api.expect(http.MethodGet, userPath, nil, http.StatusOK, &accepted)
	if accepted.Status != statusActive || len(accepted.Roles) != 2 {
		t.Errorf("accepted %+v", accepted)
	}
	if err := api.mock.AcceptInvitation(id); err == nil {
		t.Error("accepting an accepted invitation succeeded")
	}
	if msg := api.expectError(http.MethodPost, invitationPath, `{"firstName":"G"}`, http.StatusNotFound); msg != fmt.Sprintf("Invitation %d not found", id) {
		t.Errorf("updating an accepted invitation: %q", msg)
	}
	api.expectError(http.MethodDelete, invitationPath, nil, http.StatusNotFound)
	// A full update: the last name it leaves out is cleared.
	api.expect(http.MethodPost, userPath, `{"firstName":"Grace","roles":[4]}`, http.StatusOK, &accepted)
	if accepted.FirstName != "Grace" || accepted.LastName != "" || len(accepted.Roles) != 1 {
		t.Errorf("updated user %+v", accepted)
	}
}

// checkExpiredAndWithdrawnInvitations expires an invitation over HTTP, as the demo does it; an
// expired invitation is still updatable and deletable. Once withdrawn, an address may be invited again.
func checkExpiredAndWithdrawnInvitations(t *testing.T, api *testAPI) {
	t.Helper()
	expiring := api.invite("ada@example.com")
	api.expect(http.MethodPost, fmt.Sprintf("%sinvitations/%d/expire", controlPrefix, expiring.ID), nil, http.StatusNoContent, nil)
	var expired userDoc
	api.expect(http.MethodGet, fmt.Sprintf("/uauth/users/%d", expiring.ID), nil, http.StatusOK, &expired)
	if expired.Status != statusExpired {
		t.Errorf("expired %+v", expired)
	}
	api.expectError(http.MethodPost, fmt.Sprintf("%sinvitations/%d/accept", controlPrefix, expiring.ID), nil, http.StatusConflict)
	api.expect(http.MethodPost, fmt.Sprintf("/uauth/users/invitations/%d", expiring.ID), `{"roles":[2]}`, http.StatusOK, nil)

	pending := api.invite("linus@example.com")
	api.expect(http.MethodDelete, fmt.Sprintf("/uauth/users/invitations/%d,%d", expiring.ID, pending.ID), nil, http.StatusOK, nil)
	api.expectError(http.MethodGet, fmt.Sprintf("/uauth/users/%d", pending.ID), nil, http.StatusNotFound)
	if users := api.mock.Snapshot().Users; len(users) != 2 || users["grace@example.com"] != 1 {
		t.Errorf("members after deleting invitations: %v", users)
	}
	api.invite("linus@example.com")
}

// checkRemovedMemberInvitedBack: removing a member from the workspace keeps the account, which can be
// invited back with its id.
func checkRemovedMemberInvitedBack(t *testing.T, api *testAPI, id int64) {
	t.Helper()
	userPath := fmt.Sprintf("/uauth/users/%d", id)
	api.expect(http.MethodDelete, fmt.Sprintf("/uauth/users/profile-association/%d", id), nil, http.StatusOK, nil)
	if msg := api.expectError(http.MethodGet, userPath, nil, http.StatusNotFound); msg != fmt.Sprintf("User %d not found", id) {
		t.Errorf("removed user: %q", msg)
	}
	if back := api.invite("grace@example.com"); back.ID != id || back.Status != statusPending {
		t.Errorf("invited back: %+v", back)
	}
}

func TestBulkInvitationIsAllOrNothing(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	bad := []string{
		`{"invitations":[{"email":"a@example.com","roles":[]},{"email":"b@example.com","roles":[99]}]}`,
		`{"invitations":[{"email":"a@example.com","roles":[]},{"email":"A@example.com","roles":[]}]}`,
		`{"invitations":[{"email":"a@example.com","roles":[]},{"email":"` + seedAdminEmail + `","roles":[]}]}`,
		`{"invitations":[{"email":"a@example.com","roles":[]},{"email":"nope","roles":[]}]}`,
	}
	for _, body := range bad {
		if res := api.call(http.MethodPost, "/uauth/users/invitations/invite-bulk", body); res.status < 400 {
			t.Errorf("bulk %s: status %d", body, res.status)
		}
	}
	if users := api.mock.Snapshot().Users; len(users) != 1 {
		t.Fatalf("a refused bulk invitation left users behind: %v", users)
	}

	var invited []userDoc
	api.expect(http.MethodPost, "/uauth/users/invitations/invite-bulk",
		`{"invitations":[{"email":"b@example.com","roles":[1]},{"email":"a@example.com","firstName":"A","roles":[]}]}`, http.StatusOK, &invited)
	if len(invited) != 2 || invited[0].Email != "b@example.com" || invited[1].Email != "a@example.com" ||
		invited[0].Status != statusPending || invited[1].FirstName != "A" || invited[0].ID >= invited[1].ID {
		t.Errorf("invited %+v", invited)
	}
}

func TestUsersListingPagesFromZero(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	for i := range 7 {
		api.invite(fmt.Sprintf("user%d@example.com", i))
	}
	checkUsersListingPages(t, api)

	if p := listUsers(t, api, 0, 100, statusActive, ""); p.TotalElements != 1 || p.Content[0].Email != seedAdminEmail {
		t.Errorf("ACTIVE: %+v", p)
	}
	if p := listUsers(t, api, 0, 100, statusPending, ""); p.TotalElements != 7 {
		t.Errorf("PENDING: %+v", p)
	}
	if p := listUsers(t, api, 0, 100, "ALL", "USER3"); p.TotalElements != 1 || p.Content[0].Email != "user3@example.com" {
		t.Errorf("search: %+v", p)
	}
	if p := listUsers(t, api, 0, 100, "ALL", "first"); p.TotalElements != 7 {
		t.Errorf("search by first name: %+v", p)
	}

	var v2 pageDoc[userDoc]
	api.expect(http.MethodGet, "/uauth/v2/users/listing?page=1&size=5&status=ALL&search=", nil, http.StatusOK, &v2)
	if len(v2.Content) != 3 || v2.Number != 1 {
		t.Errorf("v2 listing %+v", v2)
	}

	for _, q := range []string{"page=0&size=0", "page=0&size=1001", "page=-1&size=10"} {
		api.expectError(http.MethodGet, "/uauth/users/listing?"+q+"&status=ALL&search=", nil, http.StatusBadRequest)
	}

	var found []map[string]any
	api.expect(http.MethodGet, "/uauth/users/listing/autocomplete?email=USER1", nil, http.StatusOK, &found)
	if len(found) != 1 || found[0]["email"] != "user1@example.com" {
		t.Errorf("autocomplete %v", found)
	}
}

// checkUsersListingPages walks the listing of the admin and seven invitees three at a time.
func checkUsersListingPages(t *testing.T, api *testAPI) {
	t.Helper()
	var ids []int64
	for page, want := range []int{3, 3, 2} {
		p := listUsers(t, api, page, 3, "ALL", "")
		if len(p.Content) != want || p.Number != page || p.Size != 3 || p.TotalElements != 8 || p.TotalPages != 3 ||
			p.First != (page == 0) || p.Last != (page == 2) {
			t.Errorf("page %d: %+v", page, p)
		}
		for _, u := range p.Content {
			ids = append(ids, u.ID)
		}
	}
	for i, id := range ids {
		if id != int64(i+1) {
			t.Errorf("listing order %v, want ids 1..8", ids)
			break
		}
	}
	if p := listUsers(t, api, 3, 3, "ALL", ""); len(p.Content) != 0 || !p.Last {
		t.Errorf("past the end: %+v", p)
	}
}

func listUsers(t *testing.T, api *testAPI, page, size int, status, search string) pageDoc[userDoc] {
	t.Helper()
	q := url.Values{"page": {fmt.Sprint(page)}, "size": {fmt.Sprint(size)}, "status": {status}, "search": {search}}
	var p pageDoc[userDoc]
	api.expect(http.MethodGet, "/uauth/users/listing?"+q.Encode(), nil, http.StatusOK, &p)
	return p
}

// An update of another user is a full update: what the request leaves out is cleared.
func TestUpdateUserClearsOmittedFields(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	u := api.invite("kim@example.com")
	if err := api.mock.AcceptInvitation(u.ID); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/uauth/users/%d", u.ID)
	var got userDoc
	api.expect(http.MethodPost, path, `{"firstName":"Kim","phone":"+48 600","language":"en-GB","roles":[]}`, http.StatusOK, &got)
	if got.Phone == nil || *got.Phone != "+48 600" {
		t.Fatalf("phone not set: %+v", got)
	}
	api.expect(http.MethodPost, path, `{"firstName":"Kim","language":"pl","roles":[]}`, http.StatusOK, &got)
	if got.Phone != nil || got.Language == nil || *got.Language != "pl" || got.FirstName != "Kim" {
		t.Errorf("after an update without the phone: %+v", got)
	}
}

func TestUserAccessAndActivation(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	u := api.invite("kim@example.com")
	if err := api.mock.AcceptInvitation(u.ID); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/uauth/users/%d", u.ID)

	api.expect(http.MethodPost, "/uauth/users/deactivate", fmt.Sprintf(`{"ids":[%d]}`, u.ID), http.StatusOK, nil)
	var got userDoc
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.Status != statusInactive {
		t.Errorf("after deactivate: %+v", got)
	}
	api.expect(http.MethodPost, "/uauth/users/activate", fmt.Sprintf(`{"ids":[%d]}`, u.ID), http.StatusOK, nil)
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.Status != statusActive {
		t.Errorf("after activate: %+v", got)
	}
	if msg := api.expectError(http.MethodPost, "/uauth/users/deactivate", fmt.Sprintf(`{"ids":[%d,77]}`, u.ID), http.StatusNotFound); msg != "User 77 not found" {
		t.Errorf("unknown id: %q", msg)
	}
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.Status != statusActive {
		t.Errorf("a refused deactivation changed the user: %+v", got)
	}

	pending := api.invite("lee@example.com")
	if msg := api.expectError(http.MethodPost, "/uauth/users/deactivate", fmt.Sprintf(`{"ids":[%d,%d]}`, u.ID, pending.ID), http.StatusConflict); !strings.Contains(msg, "has not accepted") {
		t.Errorf("pending invitation deactivated: %q", msg)
	}
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.Status != statusActive {
		t.Errorf("a refused deactivation changed the user: %+v", got)
	}

	api.expect(http.MethodPut, path+"/access-time", `{"expirationDate":"2031-02-03T04:05:06+01:00"}`, http.StatusOK, nil)
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.AccessExpirationDate == nil || *got.AccessExpirationDate != "2031-02-03T03:05:06Z" {
		t.Errorf("access expiration %v", got.AccessExpirationDate)
	}
	// The description has expirationDate optional and not nullable: leaving it out clears the date.
	api.expect(http.MethodPut, path+"/access-time", `{}`, http.StatusOK, nil)
	api.expect(http.MethodGet, path, nil, http.StatusOK, &got)
	if got.AccessExpirationDate != nil {
		t.Errorf("cleared access expiration %v", *got.AccessExpirationDate)
	}

	api.expect(http.MethodPost, path+"/password-reset", nil, http.StatusOK, nil)
	if mails := api.mock.Mails("kim@example.com"); mails[len(mails)-1].Kind != MailPasswordReset {
		t.Errorf("no password reset mail: %+v", mails)
	}
	api.expect(http.MethodPut, path+"/mfa-reset", nil, http.StatusOK, nil)

	api.expect(http.MethodDelete, fmt.Sprintf("/uauth/users/%d", u.ID), nil, http.StatusOK, nil)
	api.expectError(http.MethodGet, path, nil, http.StatusNotFound)
	api.expectError(http.MethodDelete, fmt.Sprintf("/uauth/users/%d", u.ID), nil, http.StatusNotFound)
	api.expectError(http.MethodPost, path+"/password-reset", nil, http.StatusNotFound)
	api.expectError(http.MethodPut, path+"/mfa-reset", nil, http.StatusNotFound)
}
