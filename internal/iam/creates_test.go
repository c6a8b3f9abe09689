package iam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// lossyAPI holds the objects created through it and loses answers as told, like a flaky network.
type lossyAPI struct {
	mu    sync.Mutex
	posts int
	// faults are applied to the POSTs in turn: "commit-502" processes then answers 502, "drop"
	// processes then closes the connection, "commit-hang" processes then never answers, "hang" never
	// processes nor answers, "503" refuses without processing, "" answers normally.
	faults []string
	// outage is how many listing requests answer 503 after the first POST that met a fault.
	outage  int
	faulted bool
	roles   []Role
	users   []User
	// attempts are the AttemptHeader values of the POSTs; listings counts the listing requests.
	attempts []string
	listings int
}

func (a *lossyAPI) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		defer a.mu.Unlock()
		if r.Method == http.MethodGet && a.serveListing(w, r) {
			return
		}
		a.servePost(t, w, r, body)
	}
}

// serveListing answers a listing request, unless it is none; it tells whether it answered.
func (a *lossyAPI) serveListing(w http.ResponseWriter, r *http.Request) bool {
	a.listings++
	if a.outage > 0 && a.faulted {
		a.outage--
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	}
	switch r.URL.Path {
	case "/uauth/users/available-roles":
		_ = json.NewEncoder(w).Encode(a.roles)
		return true
	case "/uauth/users/listing":
		search := r.URL.Query().Get("search")
		matching := slices.DeleteFunc(slices.Clone(a.users), func(u User) bool { return !strings.Contains(strings.ToLower(u.Email), strings.ToLower(search)) })
		_ = json.NewEncoder(w).Encode(map[string]any{"content": matching, "last": true})
		return true
	}
	return false
}

// servePost processes a POST, or not, and answers it, or not, as the next fault says.
func (a *lossyAPI) servePost(t *testing.T, w http.ResponseWriter, r *http.Request, body []byte) {
	a.attempts = append(a.attempts, r.Header.Get(AttemptHeader))
	fault := ""
	if a.posts < len(a.faults) {
		fault = a.faults[a.posts]
	}
	a.posts++
	a.faulted = a.faulted || fault != ""
	switch fault {
	case "503":
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	case "hang":
		a.hang(r)
		return
	}
	status, answer := a.create(t, r.URL.Path, body)
	switch fault {
	case "commit-502":
		w.WriteHeader(http.StatusBadGateway)
	case "commit-hang":
		a.hang(r)
	case "drop":
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("dropping the connection: %v", err)
			return
		}
		_ = conn.Close()
	default:
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(answer)
	}
}

// hang waits, without holding the lock, until the client gives up on r.
func (a *lossyAPI) hang(r *http.Request) {
	a.mu.Unlock()
	<-r.Context().Done()
	a.mu.Lock()
}

// create processes a POST; like the API, it refuses (409) to invite an address that is invited already.
func (a *lossyAPI) create(t *testing.T, path string, body []byte) (int, any) {
	invite := func(email string) (User, bool) {
		if slices.ContainsFunc(a.users, func(u User) bool { return strings.EqualFold(u.Email, email) }) {
			return User{}, false
		}
		user := User{ID: int64(len(a.users) + 20), Email: email, Status: UserStatusPending}
		a.users = append(a.users, user)
		return user, true
	}
	conflict := map[string]any{"status": 409, "message": "already invited"}
	switch path {
	case "/uauth/roles/role":
		var in RoleInput
		_ = json.Unmarshal(body, &in)
		role := Role{ID: int64(len(a.roles) + 10), Name: in.Name, Group: in.Group, Description: in.Description}
		a.roles = append(a.roles, role)
		return http.StatusOK, role
	case "/uauth/users/invitations/invite":
		var in Invitation
		_ = json.Unmarshal(body, &in)
		if user, ok := invite(in.Email); ok {
			return http.StatusOK, user
		}
		return http.StatusConflict, conflict
	case "/uauth/users/invitations/invite-bulk":
		var in bulkInvitationRequest
		_ = json.Unmarshal(body, &in)
		for _, inv := range in.Invitations {
			if slices.ContainsFunc(a.users, func(u User) bool { return strings.EqualFold(u.Email, inv.Email) }) {
				return http.StatusConflict, conflict
			}
		}
		var created []User
		for _, inv := range in.Invitations {
			user, _ := invite(inv.Email)
			created = append(created, user)
		}
		return http.StatusOK, created
	}
	t.Errorf("unexpected POST %s", path)
	return http.StatusNotFound, nil
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

// The tests below are those of issue 14: timeouts, the snapshot rule and the lookup's retries.

func TestATimedOutCreateIsAdoptedOrSentAgainAsTheLookupSays(t *testing.T) {
	t.Parallel()
	for fault, wantPosts := range map[string]int{"commit-hang": 1, "hang": 2} {
		api := &lossyAPI{faults: []string{fault}}
		c := newTestClient(t, api.handler(t), Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond, RequestTimeout: 100 * time.Millisecond})
		role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Auditor"})
		if err != nil {
			t.Fatalf("%s: %v", fault, err)
		}
		api.mu.Lock()
		if len(api.roles) != 1 || role.ID != api.roles[0].ID || api.posts != wantPosts {
			t.Errorf("%s: %d roles after %d posts, want 1 after %d", fault, len(api.roles), api.posts, wantPosts)
		}
		api.mu.Unlock()
	}
}

func TestCreateDoesNotAdoptARoleOfItsNameThatExistedBefore(t *testing.T) {
	t.Parallel()
	for _, fault := range []string{"503", "hang"} {
		api := &lossyAPI{faults: []string{fault}, roles: []Role{{ID: 5, Group: 1, Name: "Same", Description: "first"}}}
		c := newTestClient(t, api.handler(t), Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond, RequestTimeout: 100 * time.Millisecond})
		role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Same", Description: "second"})
		if err != nil {
			t.Fatalf("%s: %v", fault, err)
		}
		api.mu.Lock()
		if role.ID == 5 || role.Description != "second" || len(api.roles) != 2 || api.posts != 2 {
			t.Errorf("%s: created %+v; %d roles after %d posts: the role that was there before was adopted", fault, role, len(api.roles), api.posts)
		}
		api.mu.Unlock()
	}
}

func TestInvitationsDoNotAdoptMembersWhoWereThereBefore(t *testing.T) {
	t.Parallel()
	// The API refuses the invitation of a member; the refusal's answer is lost. The lookup finds the
	// member, who must not be taken for the invitation's result: the create is sent again and refused.
	api := &lossyAPI{faults: []string{"commit-502", "", "commit-502", ""}, users: []User{{ID: 3, Email: "Ada@example.com", Status: UserStatusActive}}}
	c := lossyClient(t, api)
	if user, err := c.InviteUser(context.Background(), Invitation{Email: "ada@example.com"}); !IsConflict(err) {
		t.Errorf("InviteUser = %+v, %v; want the 409 of the repeat, not the member who was there", user, err)
	}
	if users, err := c.InviteUsers(context.Background(), []Invitation{{Email: "bob@example.com"}, {Email: "ADA@example.com"}}); !IsConflict(err) {
		t.Errorf("InviteUsers = %+v, %v; want the 409 of the repeat", users, err)
	}
	if len(api.users) != 1 {
		t.Errorf("%d users, want the one who was there", len(api.users))
	}
}

func TestConcurrentCreatesOfOneNameDoNotClaimEachOthersRole(t *testing.T) {
	t.Parallel()
	// One create succeeds, the other meets a 503 and looks its role up. Were both listings of same-named
	// roles taken before either create (the handler holds the first back for the second), the second
	// would take the first's role for its own.
	api := &lossyAPI{faults: []string{"", "503"}}
	var listings atomic.Int32
	both := make(chan struct{})
	lossy := api.handler(t)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch listings.Add(1) {
		case 1:
			select {
			case <-both:
			case <-time.After(300 * time.Millisecond):
			}
		case 2:
			close(both)
		}
		lossy(w, r)
	}, Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond})
	ids := make([]int64, 2)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Same"})
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = role.ID
		})
	}
	wg.Wait()
	if ids[0] == ids[1] || len(api.roles) != 2 {
		t.Errorf("the creates returned the roles %v; %d roles exist", ids, len(api.roles))
	}
}

func TestALookupThatFailsIsTriedAgainAfterABackoff(t *testing.T) {
	t.Parallel()
	// With 3 retries a lookup is 4 requests: an outage of 5 fails the first lookup and one request of
	// the second, which then finds the role.
	api := &lossyAPI{faults: []string{"drop"}, outage: 5}
	c := lossyClient(t, api)
	role, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: "Auditor"})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.roles) != 1 || role.ID != api.roles[0].ID || api.posts != 1 || api.listings != 7 {
		t.Errorf("%d roles after %d posts and %d listings, want 1 after 1 post and 1 + 6 listings", len(api.roles), api.posts, api.listings)
	}
}

func TestALookupThatKeepsFailingLeavesTheOutcomeUnknown(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"drop"}, outage: 1000}
	c := lossyClient(t, api)
	_, err := c.CreateRole(context.Background(), RoleInput{Group: 7, Name: "Auditor"})
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("error = %v, want an *OutcomeUnknownError", err)
	}
	if unknown.Kind != KindRole || unknown.Object != `role "Auditor" in group 7` || !hasStatus(unknown.LookupErr, http.StatusServiceUnavailable) || unknown.Err == nil {
		t.Errorf("error = %#v", unknown)
	}
	if want := `the role "Auditor" in group 7 may have been created, but looking it up afterwards failed`; !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want it to say %q", err, want)
	}
	// The snapshot, then 1 + 3 lookups of 1 + 3 requests each: the budget without a deadline.
	if api.posts != 1 || api.listings != 1+4*4 {
		t.Errorf("%d posts and %d listings, want 1 and 17", api.posts, api.listings)
	}
}

func TestALookupWithinADeadlineIsTriedUntilIt(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{faults: []string{"drop"}, outage: 1_000_000}
	c := lossyClient(t, api)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := c.CreateRole(ctx, RoleInput{Group: 1, Name: "Auditor"})
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("error = %v, want an *OutcomeUnknownError", err)
	}
	api.mu.Lock()
	defer api.mu.Unlock()
	if api.listings <= 1+4*4 {
		t.Errorf("%d listings before the deadline, want more than the 17 of the budget without one", api.listings)
	}
}

func TestAHungAttemptIsRetriedAfterTheRequestTimeout(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			<-r.Context().Done()
			return
		}
		_, _ = io.WriteString(w, `[]`)
	}, Config{MaxRetries: 3, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond, RequestTimeout: 100 * time.Millisecond})
	start := time.Now()
	if _, err := c.ListRoleGroups(context.Background()); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); calls.Load() != 3 || elapsed < 200*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("%d calls in %s, want 3 of which 2 timed out after 100ms", calls.Load(), elapsed)
	}
}

func TestARequestThatTimesOutOnEveryAttemptSaysSo(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	handler := func(w http.ResponseWriter, r *http.Request) {
		// The first attempt is refused, the others hang.
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		<-r.Context().Done()
	}
	// The caller's client is copied, not changed.
	own := &http.Client{}
	c := newTestClient(t, handler, Config{MaxRetries: 2, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond, RequestTimeout: 50 * time.Millisecond, HTTPClient: own})
	_, err := c.ReadSettings(context.Background(), "/uauth/settings/password-policy")
	var timeout *TimeoutError
	if !errors.As(err, &timeout) || timeout.Attempts != 3 || timeout.TimedOut != 2 || timeout.Timeout != 50*time.Millisecond {
		t.Fatalf("error = %#v, want a timeout after 3 attempts of which 2 timed out", err)
	}
	if want := "GET /uauth/settings/password-policy: timed out after 50ms per attempt; 3 attempts were made, 2 of them timed out"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Error("the request timeout reads as the caller's deadline")
	}
	if own.Timeout != 0 {
		t.Errorf("the caller's client got the timeout %s", own.Timeout)
	}
}

func TestKeyLocksSerialiseSharedKeysAndForgetIdleOnes(t *testing.T) {
	t.Parallel()
	var locks keyLocks
	unlock, err := locks.lock(context.Background(), "b", "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := locks.lock(ctx, "c", "b"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a held key was taken again: %v", err)
	}
	if other, err := locks.lock(context.Background(), "c"); err != nil {
		t.Fatalf("a free key was not taken: %v", err)
	} else {
		other()
	}
	unlock()
	if len(locks.locks) != 0 {
		t.Errorf("%d locks remain after every user left", len(locks.locks))
	}
	again, err := locks.lock(context.Background(), "a", "b", "c")
	if err != nil {
		t.Fatal(err)
	}
	again()
}

func TestOutcomeIsUnknownUnlessTheCallersContextEnded(t *testing.T) {
	t.Parallel()
	// An http.Client timeout matches context.DeadlineExceeded, but only an ended context of the caller
	// is the caller's decision.
	timedOut := fmt.Errorf("POST /uauth/roles/role: %w", context.DeadlineExceeded)
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		ctx  context.Context
		err  error
		want bool
	}{
		{context.Background(), timedOut, true},
		{ended, timedOut, false},
		{context.Background(), &Error{StatusCode: http.StatusBadGateway}, true},
		{context.Background(), &Error{StatusCode: http.StatusConflict}, false},
		{context.Background(), nil, false},
	} {
		if got := outcomeUnknown(tt.ctx, tt.err); got != tt.want {
			t.Errorf("outcomeUnknown(ctx ended %t, %v) = %t, want %t", tt.ctx.Err() != nil, tt.err, got, tt.want)
		}
	}
}
