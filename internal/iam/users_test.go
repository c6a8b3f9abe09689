package iam

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func userListingQuery(page int, status, search string) url.Values {
	return url.Values{"page": {strconv.Itoa(page)}, "size": {"500"}, "status": {status}, "search": {search}}
}

// userPage renders a Spring page of users with the given ids; totals < 0 are left out.
func userPage(number int, last bool, totalElements, totalPages int, ids ...int64) string {
	content := make([]map[string]any, len(ids))
	for i, id := range ids {
		content[i] = map[string]any{"id": id, "email": fmt.Sprintf("u%d@example.com", id), "status": "ACTIVE", "roles": []any{}, "unknownField": "x"}
	}
	page := map[string]any{"content": content, "number": number, "size": 500, "first": number == 0, "last": last, "sort": map[string]any{"sorted": true}}
	if totalElements >= 0 {
		page["totalElements"] = totalElements
	}
	if totalPages >= 0 {
		page["totalPages"] = totalPages
	}
	b, err := json.Marshal(page)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func userIDs(users []User) []int64 {
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

func TestListUsersReadsEveryPage(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(0, "ALL", ""), answer: userPage(0, false, 5, 3, 1, 2)},
		exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(1, "ALL", ""), answer: userPage(1, false, 5, 3, 3, 4)},
		exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(2, "ALL", ""), answer: userPage(2, true, 5, 3, 5)},
	)
	users, err := c.ListUsers(context.Background(), UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := userIDs(users); !reflect.DeepEqual(got, []int64{1, 2, 3, 4, 5}) {
		t.Errorf("ids = %v", got)
	}
	if users[0].Email != "u1@example.com" || users[0].Status != UserStatusActive {
		t.Errorf("first user = %+v", users[0])
	}
}

func TestListUsersSendsTheFilter(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(0, "PENDING", "ann smith"), answer: userPage(0, true, 1, 1, 8)},
	)
	users, err := c.ListUsers(context.Background(), UserFilter{Status: UserStatusPending, Search: "ann smith"})
	if err != nil || len(users) != 1 || users[0].ID != 8 {
		t.Fatalf("users = %+v, %v", users, err)
	}
}

func TestListUsersStops(t *testing.T) {
	t.Parallel()
	q := func(page int) url.Values { return userListingQuery(page, "ALL", "") }
	tests := map[string]struct {
		script []exchange
		want   []int64
	}{
		"empty workspace": {
			script: []exchange{{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, -1, -1)}},
			want:   []int64{},
		},
		"when the page says it is the last": {
			script: []exchange{
				{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, -1, -1, 1, 2)},
				{method: "GET", path: "/uauth/users/listing", query: q(1), answer: userPage(1, true, -1, -1, 3)},
			},
			want: []int64{1, 2, 3},
		},
		"on an empty page": {
			script: []exchange{
				{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, -1, -1, 1, 2)},
				{method: "GET", path: "/uauth/users/listing", query: q(1), answer: userPage(1, false, -1, -1)},
			},
			want: []int64{1, 2},
		},
		"when totalElements are read": {
			script: []exchange{{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, 2, -1, 1, 2)}},
			want:   []int64{1, 2},
		},
		"after totalPages though never last": {
			script: []exchange{
				{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, -1, 2, 1, 2)},
				{method: "GET", path: "/uauth/users/listing", query: q(1), answer: userPage(1, false, -1, 2, 3)},
			},
			want: []int64{1, 2, 3},
		},
		"returning a user once when the listing shifted": {
			script: []exchange{
				{method: "GET", path: "/uauth/users/listing", query: q(0), answer: userPage(0, false, 4, 2, 1, 2)},
				{method: "GET", path: "/uauth/users/listing", query: q(1), answer: userPage(1, true, 4, 2, 2, 3)},
			},
			want: []int64{1, 2, 3},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			users, err := scriptedClient(t, tt.script...).ListUsers(context.Background(), UserFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := userIDs(users); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestListUsersRejectsARepeatingServer(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		_, _ = fmt.Fprint(w, userPage(0, false, -1, -1, 1, 2, 3))
	}))
	t.Cleanup(srv.Close)
	_, err := testClient(t, srv.URL).ListUsers(context.Background(), UserFilter{})
	if err == nil || !strings.Contains(err.Error(), "ignore the page parameter") {
		t.Fatalf("error = %v", err)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestListingIsBoundedWhenNeverLast(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		// Always a fresh user, never last, no totals.
		_, _ = fmt.Fprint(w, userPage(page, false, -1, -1, int64(page)+1))
	}))
	t.Cleanup(srv.Close)
	c := testClient(t, srv.URL)
	_, err := readAll(context.Background(), c, listing[User, int64]{
		path: "/uauth/users/listing", firstPage: 0, size: 500, maxPages: 5, key: func(u User) int64 { return u.ID },
	})
	if err == nil || !strings.Contains(err.Error(), "did not end after 5 pages") {
		t.Fatalf("error = %v", err)
	}
	if n := requests.Load(); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
}

func TestListUsersErrors(t *testing.T) {
	t.Parallel()
	t.Run("html 502 on a later page", func(t *testing.T) {
		t.Parallel()
		c := scriptedClient(t,
			exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(0, "ALL", ""), answer: userPage(0, false, 3, 2, 1, 2)},
			exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(1, "ALL", ""), status: 502, contentType: "text/html",
				answer: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
		)
		users, err := c.ListUsers(context.Background(), UserFilter{})
		if users != nil || err == nil || !strings.Contains(err.Error(), "GET /uauth/users/listing: the API answered 502 Bad Gateway: unexpected HTML or XML body: <html>") {
			t.Errorf("users = %v, error = %v", users, err)
		}
	})
	t.Run("malformed json", func(t *testing.T) {
		t.Parallel()
		c := scriptedClient(t,
			exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(0, "ALL", ""), answer: `{"content": [{"id": 1}`},
		)
		if _, err := c.ListUsers(context.Background(), UserFilter{}); err == nil || !strings.Contains(err.Error(), "answered 200 with a body that is not the expected JSON") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("bad request", func(t *testing.T) {
		t.Parallel()
		c := scriptedClient(t,
			exchange{method: "GET", path: "/uauth/users/listing", query: userListingQuery(0, "BOGUS", ""), status: 400,
				answer: `{"status":400,"error":"Bad Request","message":"Invalid status BOGUS"}`},
		)
		if _, err := c.ListUsers(context.Background(), UserFilter{Status: "BOGUS"}); err == nil || !strings.Contains(err.Error(), "Invalid status BOGUS") {
			t.Errorf("error = %v", err)
		}
	})
}

const fullUserJSON = `{
	"id": 11405, "email": "ann@example.com", "firstName": "Ann", "lastName": "Smith", "status": "ACTIVE",
	"roles": [{"id": 3, "name": "Auditor", "group": 1}], "accessExpirationDate": "2027-01-31T12:00:00Z",
	"mfaEnabled": true, "createdAt": "2026-11-25T10:00:00Z", "avatar": null, "phone": "+48 123",
	"language": "en-GB", "organizationRole": null, "introduction": null, "description": "Ops",
	"confirmed": true, "dateFormatNotation": "EU", "timeFormatNotation": null, "numberFormatNotation": "US",
	"somethingNew": {"nested": [1, 2]}
}`

func TestGetUserDecodesEveryField(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "GET", path: "/uauth/users/11405", answer: fullUserJSON})
	got, err := c.GetUser(context.Background(), 11405)
	if err != nil {
		t.Fatal(err)
	}
	want := &User{
		ID: 11405, Email: "ann@example.com", FirstName: "Ann", LastName: "Smith", Status: "ACTIVE",
		Roles: []UserRole{{ID: 3, Name: "Auditor"}}, AccessExpirationDate: ptrTo("2027-01-31T12:00:00Z"),
		MFAEnabled: true, CreatedAt: "2026-11-25T10:00:00Z", Phone: ptrTo("+48 123"), Language: ptrTo("en-GB"),
		Description: ptrTo("Ops"), Confirmed: true, DateFormatNotation: ptrTo("EU"), NumberFormatNotation: ptrTo("US"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("user =\n%+v\nwant\n%+v", got, want)
	}
}

func TestGetUserNotFound(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t, exchange{method: "GET", path: "/uauth/users/5", status: 404,
		answer: `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"User 5 not found","path":"/uauth/users/5"}`})
	_, err := c.GetUser(context.Background(), 5)
	if !IsNotFound(err) || !strings.Contains(err.Error(), "User 5 not found") {
		t.Errorf("error = %v", err)
	}
}

func TestUpdateUser(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/uauth/users/11405",
			body:   `{"firstName": "Ann", "description": "", "confirmed": false, "roles": [3, 4]}`,
			answer: fullUserJSON},
		exchange{method: "POST", path: "/uauth/users/11405", body: `{"roles": []}`, answer: fullUserJSON},
	)
	ctx := context.Background()
	got, err := c.UpdateUser(ctx, 11405, UserUpdate{FirstName: ptrTo("Ann"), Description: ptrTo(""), Confirmed: ptrTo(false), Roles: []int64{3, 4}})
	if err != nil || got.ID != 11405 {
		t.Fatalf("UpdateUser = %+v, %v", got, err)
	}
	// Roles are required: nil is sent as [].
	if _, err := c.UpdateUser(ctx, 11405, UserUpdate{}); err != nil {
		t.Fatal(err)
	}
}

// An update built from a user sends every field the user has, so that a full update keeps them.
func TestUserUpdateFromKeepsEveryField(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/users/11405", answer: fullUserJSON},
		exchange{method: "POST", path: "/uauth/users/11405",
			body: `{"firstName": "Ann", "lastName": "Smith", "phone": "+48 123", "language": "en-GB", "confirmed": true,
				"description": "Ops", "dateFormatNotation": "EU", "numberFormatNotation": "US", "roles": [3]}`,
			answer: fullUserJSON},
	)
	ctx := context.Background()
	u, err := c.GetUser(ctx, 11405)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateUser(ctx, u.ID, UserUpdateFrom(*u)); err != nil {
		t.Fatal(err)
	}
}

func TestRemoveUsersFromWorkspace(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "DELETE", path: "/uauth/users/profile-association/11405,11406,11407"},
		exchange{method: "DELETE", path: "/uauth/users/profile-association/8", status: 403,
			answer: `{"status":403,"error":"Forbidden","message":"Insufficient permissions: settings_users: delete required"}`},
	)
	ctx := context.Background()
	if err := c.RemoveUsersFromWorkspace(ctx, 11405, 11406, 11407); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveUsersFromWorkspace(ctx, 8); !IsForbidden(err) || !strings.Contains(err.Error(), "settings_users: delete required") {
		t.Errorf("error = %v", err)
	}
	// No ids: no request (the script would fail on an extra one).
	if err := c.RemoveUsersFromWorkspace(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSetUserAccessExpiration(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "PUT", path: "/uauth/users/7/access-time", body: `{"expirationDate": "2027-01-31T11:00:00Z"}`},
		exchange{method: "PUT", path: "/uauth/users/7/access-time", body: `{"expirationDate": null}`},
	)
	ctx := context.Background()
	at := time.Date(2027, 1, 31, 12, 0, 0, 999_000_000, time.FixedZone("CET", 3600))
	if err := c.SetUserAccessExpiration(ctx, 7, &at); err != nil {
		t.Fatal(err)
	}
	if err := c.SetUserAccessExpiration(ctx, 7, nil); err != nil {
		t.Fatal(err)
	}
}

func TestActivateAndDeactivateUsers(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/uauth/users/activate", body: `{"ids": [1, 2]}`},
		exchange{method: "POST", path: "/uauth/users/deactivate", body: `{"ids": [3]}`},
	)
	ctx := context.Background()
	if err := c.ActivateUsers(ctx, 1, 2); err != nil {
		t.Fatal(err)
	}
	if err := c.DeactivateUsers(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if err := c.DeactivateUsers(ctx); err != nil {
		t.Fatal(err)
	}
}
