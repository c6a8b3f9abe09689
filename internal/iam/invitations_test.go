package iam

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
)

const pendingUserJSON = `{"id": 21, "email": "new@example.com", "firstName": "New", "lastName": "Person", "status": "PENDING",
	"roles": [{"id": 3, "name": "Auditor"}], "accessExpirationDate": null, "mfaEnabled": false, "confirmed": false, "invitedBy": 1}`

func TestInviteUser(t *testing.T) {
	t.Parallel()
	// Before the first create, the workspace's users are listed: an answer lost later must not be taken
	// for one of them. The second create, made while that listing is recent, shares it (baselines.go).
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/users/listing",
			query:  url.Values{"page": {"0"}, "size": {"500"}, "status": {"ALL"}, "search": {""}},
			answer: `{"content": [{"id": 1, "email": "admin@example.com", "status": "ACTIVE"}], "last": true}`},
		exchange{method: "POST", path: "/uauth/users/invitations/invite",
			body:   `{"email": "new@example.com", "firstName": "New", "lastName": "Person", "roles": [3]}`,
			answer: pendingUserJSON},
		exchange{method: "POST", path: "/uauth/users/invitations/invite",
			body:   `{"email": "new@example.com", "firstName": "", "lastName": "", "roles": []}`,
			status: 409, answer: `{"status":409,"error":"Conflict","message":"new@example.com is already invited"}`},
	)
	ctx := context.Background()
	got, err := c.InviteUser(ctx, Invitation{Email: "new@example.com", FirstName: "New", LastName: "Person", Roles: []int64{3}})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != 21 || got.Status != UserStatusPending || len(got.Roles) != 1 || got.Roles[0] != (UserRole{ID: 3, Name: "Auditor"}) || got.AccessExpirationDate != nil {
		t.Errorf("user = %+v", got)
	}
	_, err = c.InviteUser(ctx, Invitation{Email: "new@example.com"})
	if !IsConflict(err) || !strings.Contains(err.Error(), "already invited") {
		t.Errorf("error = %v", err)
	}
}

func TestInviteUsers(t *testing.T) {
	t.Parallel()
	// Before a batch, the workspace's users are listed: an answer lost later must not be taken for
	// users who were there already.
	listing := exchange{method: "GET", path: "/uauth/users/listing",
		query:  url.Values{"page": {"0"}, "size": {"500"}, "status": {"ALL"}, "search": {""}},
		answer: `{"content": [{"id": 1, "email": "admin@example.com", "status": "ACTIVE"}], "last": true}`}
	c := scriptedClient(t,
		listing,
		exchange{method: "POST", path: "/uauth/users/invitations/invite-bulk",
			body: `{"invitations": [
				{"email": "a@example.com", "firstName": "A", "lastName": "One", "roles": [1, 2]},
				{"email": "b@example.com", "firstName": "", "lastName": "", "roles": []}
			]}`,
			answer: `[{"id": 31, "email": "a@example.com", "status": "PENDING"}, {"id": 32, "email": "b@example.com", "status": "PENDING"}]`},
		// The second batch shares the first one's listing of what was there before.
		exchange{method: "POST", path: "/uauth/users/invitations/invite-bulk",
			body:   `{"invitations": [{"email": "c@example.com", "firstName": "", "lastName": "", "roles": []}]}`,
			answer: `[]`},
		// An answer that does not list the batch: c is looked up, and is not there.
		listing,
	)
	ctx := context.Background()
	in := []Invitation{{Email: "a@example.com", FirstName: "A", LastName: "One", Roles: []int64{1, 2}}, {Email: "b@example.com"}}
	users, err := c.InviteUsers(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].ID != 31 || users[1].Email != "b@example.com" {
		t.Errorf("users = %+v", users)
	}
	if in[1].Roles != nil {
		t.Error("InviteUsers changed its argument")
	}
	// The batch was accepted, so it is not sent again; but c is not listed, so the outcome is unknown.
	var unknown *OutcomeUnknownError
	if _, err := c.InviteUsers(ctx, []Invitation{{Email: "c@example.com"}}); !errors.As(err, &unknown) ||
		!strings.Contains(err.Error(), "answered with 0 users for 1 invitations") || !strings.Contains(err.Error(), "it is not listed") {
		t.Errorf("error = %v", err)
	}
	// Nothing to invite: no request.
	if users, err := c.InviteUsers(ctx, nil); err != nil || len(users) != 0 {
		t.Errorf("InviteUsers(nil) = %v, %v", users, err)
	}
}

func TestUpdateInvitation(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		// The reference gives the success no body; whatever comes is not read.
		exchange{method: "POST", path: "/uauth/users/invitations/21",
			body: `{"firstName": "Renamed", "lastName": "Person", "roles": []}`, answer: pendingUserJSON},
		exchange{method: "POST", path: "/uauth/users/invitations/21",
			body: `{"firstName": "Renamed", "lastName": "Person", "roles": []}`, contentType: "*/*"},
		exchange{method: "POST", path: "/uauth/users/invitations/22",
			body: `{"firstName": "", "lastName": "", "roles": [5]}`, status: 404,
			answer: `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"Invitation 22 not found","path":"/uauth/users/invitations/22"}`},
	)
	ctx := context.Background()
	for range 2 {
		if err := c.UpdateInvitation(ctx, 21, InvitationUpdate{FirstName: "Renamed", LastName: "Person"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.UpdateInvitation(ctx, 22, InvitationUpdate{Roles: []int64{5}}); !IsNotFound(err) || !strings.Contains(err.Error(), "Invitation 22 not found") {
		t.Errorf("error = %v", err)
	}
}

// The reference describes no answer of an invite: one that does not name the invited users is no
// failure. The new users are taken from the listing, and the invitation is never sent again.
func TestInvitesAnsweredWithoutTheUsers(t *testing.T) {
	t.Parallel()
	before := func(search string) exchange {
		return exchange{method: "GET", path: "/uauth/users/listing",
			query:  url.Values{"page": {"0"}, "size": {"500"}, "status": {"ALL"}, "search": {search}},
			answer: `{"content": [{"id": 1, "email": "admin@example.com", "status": "ACTIVE"}], "last": true}`}
	}
	after := func(search string) exchange {
		return exchange{method: "GET", path: "/uauth/users/listing",
			query: url.Values{"page": {"0"}, "size": {"500"}, "status": {"ALL"}, "search": {search}},
			answer: `{"content": [{"id": 1, "email": "admin@example.com", "status": "ACTIVE"},
				{"id": 31, "email": "a@example.com", "status": "PENDING"}, {"id": 32, "email": "b@example.com", "status": "PENDING"}], "last": true}`}
	}
	invite := func(answer, contentType string) exchange {
		return exchange{method: "POST", path: "/uauth/users/invitations/invite",
			body: `{"email": "a@example.com", "firstName": "", "lastName": "", "roles": []}`, answer: answer, contentType: contentType}
	}
	bulk := func(answer string) exchange {
		return exchange{method: "POST", path: "/uauth/users/invitations/invite-bulk",
			body:   `{"invitations": [{"email": "a@example.com", "firstName": "", "lastName": "", "roles": []}, {"email": "b@example.com", "firstName": "", "lastName": "", "roles": []}]}`,
			answer: answer}
	}
	ctx := context.Background()
	for _, answer := range []exchange{invite("", ""), invite("OK", "text/plain"), invite(`{"id": 31}`, "")} {
		c := scriptedClient(t, before(""), answer, after("a@example.com"))
		if got, err := c.InviteUser(ctx, Invitation{Email: "a@example.com"}); err != nil || got.ID != 31 {
			t.Errorf("InviteUser answered %q = %+v, %v", answer.answer, got, err)
		}
	}
	batch := []Invitation{{Email: "a@example.com"}, {Email: "b@example.com"}}
	for _, answer := range []exchange{
		bulk(""),
		bulk(`{"invited": [{"id": 31, "email": "a@example.com"}, {"id": 32, "email": "b@example.com"}]}`),
		bulk(`[{"id": 32, "email": "b@example.com"}, {"id": 31, "email": "a@example.com"}]`),
	} {
		c := scriptedClient(t, before(""), answer, after(""))
		if got, err := c.InviteUsers(ctx, batch); err != nil || len(got) != 2 || got[0].ID != 31 || got[1].ID != 32 {
			t.Errorf("InviteUsers answered %q = %+v, %v", answer.answer, got, err)
		}
	}
	// Accepted, but not listed: the invitation is not sent again, and the caller learns the outcome is unknown.
	c := scriptedClient(t, before(""), invite("", ""), before("a@example.com"))
	var unknown *OutcomeUnknownError
	if _, err := c.InviteUser(ctx, Invitation{Email: "a@example.com"}); !errors.As(err, &unknown) || unknown.Kind != KindInvitation ||
		!strings.Contains(err.Error(), "answered 200 with an empty body") || !strings.Contains(err.Error(), "it is not listed") {
		t.Errorf("error = %v", err)
	}
}

func TestDeleteInvitations(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "DELETE", path: "/uauth/users/invitations/21,22"},
		exchange{method: "DELETE", path: "/uauth/users/invitations/23", status: 404,
			answer: `{"status":404,"error":"Not Found","message":"Invitation 23 not found"}`},
	)
	ctx := context.Background()
	if err := c.DeleteInvitations(ctx, 21, 22); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteInvitations(ctx, 23); !IsNotFound(err) {
		t.Errorf("error = %v", err)
	}
	if err := c.DeleteInvitations(ctx); err != nil {
		t.Fatal(err)
	}
}
