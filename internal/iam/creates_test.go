package iam

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// lossyAPI holds the objects created through it and loses answers as told, like a flaky network.
type lossyAPI struct {
	mu    sync.Mutex
	posts int
	// faults are applied to the POSTs in turn: "commit-502" processes then answers 502, "drop"
	// processes then closes the connection, "503" refuses without processing, "" answers normally.
	faults []string
	roles  []Role
	users  []User
	// attempts are the AttemptHeader values of the POSTs.
	attempts []string
}

func (a *lossyAPI) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		defer a.mu.Unlock()
		switch r.Method + " " + r.URL.Path {
		case "GET /uauth/users/available-roles":
			_ = json.NewEncoder(w).Encode(a.roles)
			return
		case "GET /uauth/users/listing":
			_ = json.NewEncoder(w).Encode(map[string]any{"content": a.users, "last": true})
			return
		}
		a.attempts = append(a.attempts, r.Header.Get(AttemptHeader))
		fault := ""
		if a.posts < len(a.faults) {
			fault = a.faults[a.posts]
		}
		a.posts++
		if fault == "503" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var answer any
		switch r.URL.Path {
		case "/uauth/roles/role":
			var in RoleInput
			_ = json.Unmarshal(body, &in)
			role := Role{ID: int64(len(a.roles) + 10), Name: in.Name, Group: in.Group}
			a.roles = append(a.roles, role)
			answer = role
		case "/uauth/users/invitations/invite":
			var in Invitation
			_ = json.Unmarshal(body, &in)
			user := User{ID: int64(len(a.users) + 20), Email: in.Email, Status: UserStatusPending}
			a.users = append(a.users, user)
			answer = user
		case "/uauth/users/invitations/invite-bulk":
			var in bulkInvitationRequest
			_ = json.Unmarshal(body, &in)
			var created []User
			for _, inv := range in.Invitations {
				user := User{ID: int64(len(a.users) + 20), Email: inv.Email, Status: UserStatusPending}
				a.users = append(a.users, user)
				created = append(created, user)
			}
			answer = created
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
		switch fault {
		case "commit-502":
			w.WriteHeader(http.StatusBadGateway)
		case "drop":
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("dropping the connection: %v", err)
				return
			}
			_ = conn.Close()
		default:
			_ = json.NewEncoder(w).Encode(answer)
		}
	}
}

func lossyClient(t *testing.T, api *lossyAPI) *Client {
	return newTestClient(t, api.handler(t), Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond})
}

func TestCreateWhoseAnswerIsLostIsAdoptedNotRepeated(t *testing.T) {
	t.Parallel()
	for _, fault := range []string{"commit-502", "drop"} {
		api := &lossyAPI{faults: []string{fault}}
		c := lossyClient(t, api)
		role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Auditor"})
		if err != nil {
			t.Fatalf("%s: %v", fault, err)
		}
		user, err := c.InviteUser(context.Background(), Invitation{Email: "ada@example.com"})
		if err != nil {
			t.Fatalf("%s: %v", fault, err)
		}
		if len(api.roles) != 1 || role.ID != api.roles[0].ID || len(api.users) != 1 || user.ID != api.users[0].ID || api.posts != 2 {
			t.Errorf("%s: %d roles and %d users after %d creates; the lost answers were not adopted", fault, len(api.roles), len(api.users), api.posts)
		}
	}
}

func TestCreateRefusedBeforeProcessingIsSentAgain(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"503", "503"}}
	c := lossyClient(t, api)
	role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Auditor"})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.roles) != 1 || role.ID != api.roles[0].ID || api.posts != 3 {
		t.Errorf("%d roles after %d posts, want 1 after 3", len(api.roles), api.posts)
	}
	if want := []string{"", "2", "3"}; !slices.Equal(api.attempts, want) {
		t.Errorf("%s headers of the posts = %q, want %q", AttemptHeader, api.attempts, want)
	}
}

func TestBulkInvitationWhoseAnswerIsLostIsAdopted(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"drop"}}
	c := lossyClient(t, api)
	users, err := c.InviteUsers(context.Background(), []Invitation{{Email: "a@example.com"}, {Email: "b@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.users) != 2 || len(users) != 2 || users[1].Email != "b@example.com" || api.posts != 1 {
		t.Errorf("%d users exist, %d returned after %d posts", len(api.users), len(users), api.posts)
	}
}

func TestCreateGivesUpAfterTheRetries(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"503", "503", "503", "503", "503"}}
	c := lossyClient(t, api)
	if _, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Auditor"}); !hasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("error = %v, want the last 503", err)
	}
	if api.posts != 4 || len(api.roles) != 0 {
		t.Errorf("%d posts and %d roles, want 1 + 3 retries and none", api.posts, len(api.roles))
	}
}

func TestCancellationEndsTheWaitBeforeACreateIsSentAgain(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"503", "503", "503"}}
	c := newTestClient(t, api.handler(t), Config{MaxRetries: 3, MinRetryWait: time.Hour, MaxRetryWait: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.CreateRole(ctx, RoleInput{Group: 1, Name: "Auditor"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want the context's deadline", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the create returned %s after its context ended", elapsed)
	}
}
