package iam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// listingServer answers the role-group listing with one group holding role 7 (whose group the listing
// leaves out), counts the listings, and accepts role updates. release, when set, holds each listing
// until it is closed.
type listingServer struct {
	listings atomic.Int32
	started  chan struct{}
	release  chan struct{}
}

func (s *listingServer) handle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/uauth/roles/listing":
		s.listings.Add(1)
		if s.started != nil {
			s.started <- struct{}{}
		}
		if s.release != nil {
			<-s.release
		}
		_, _ = io.WriteString(w, `[{"id": 3, "name": "Team", "roles": [{"id": 7, "name": "Auditor", "description": "Reads"}]}]`)
	case r.Method == http.MethodPost && r.URL.Path == "/uauth/roles/role/7":
		_, _ = io.WriteString(w, `{"id": 7, "name": "Auditor", "description": "", "group": 3}`)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func TestConcurrentReadersShareOneListing(t *testing.T) {
	t.Parallel()
	srv := &listingServer{started: make(chan struct{}, 4), release: make(chan struct{})}
	c := newTestClient(t, srv.handle, Config{})

	const readers = 20
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for range readers {
		wg.Go(func() {
			role, err := c.RoleFromListing(context.Background(), 7)
			if err == nil && (role.Group != 3 || role.Name != "Auditor") {
				err = errors.New("wrong role")
			}
			errs <- err
		})
	}
	<-srv.started
	// Readers that arrive while the listing is in flight wait for it instead of asking again.
	time.Sleep(50 * time.Millisecond)
	close(srv.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if group, err := c.RoleGroupFromListing(context.Background(), 3); err != nil || group.Name != "Team" || len(group.Roles) != 1 {
		t.Fatalf("RoleGroupFromListing = %+v, %v", group, err)
	}
	if got := srv.listings.Load(); got != 1 {
		t.Errorf("%d listings for %d role reads and a group read; want 1", got, readers)
	}
}

func TestAWriteMakesTheNextReaderListAgain(t *testing.T) {
	t.Parallel()
	srv := &listingServer{}
	c := newTestClient(t, srv.handle, Config{})
	ctx := context.Background()
	for range 3 {
		if _, err := c.RoleFromListing(ctx, 7); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.UpdateRole(ctx, 7, RoleInput{Group: 3, Name: "Auditor"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RoleFromListing(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if got := srv.listings.Load(); got != 2 {
		t.Errorf("%d listings; want 1 before the write and 1 after it", got)
	}
}

// A listing that was answered while a write ran may not show the write, so it is handed to the
// readers that waited for it and then forgotten.
func TestAListingThatOverlappedAWriteIsNotKept(t *testing.T) {
	t.Parallel()
	srv := &listingServer{started: make(chan struct{}, 4), release: make(chan struct{})}
	c := newTestClient(t, srv.handle, Config{})
	ctx := context.Background()

	read := make(chan error, 1)
	go func() {
		_, err := c.RoleFromListing(ctx, 7)
		read <- err
	}()
	<-srv.started
	if _, err := c.UpdateRole(ctx, 7, RoleInput{Group: 3, Name: "Auditor"}); err != nil {
		t.Fatal(err)
	}
	close(srv.release)
	if err := <-read; err != nil {
		t.Fatal(err)
	}
	if _, err := c.RoleFromListing(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if got := srv.listings.Load(); got != 2 {
		t.Errorf("%d listings; the read after the write must list again, want 2", got)
	}
}

func TestACancelledReaderLeavesTheOthersTheirListing(t *testing.T) {
	t.Parallel()
	srv := &listingServer{started: make(chan struct{}, 4), release: make(chan struct{})}
	c := newTestClient(t, srv.handle, Config{})

	cancelled, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := c.RoleFromListing(cancelled, 7)
		first <- err
	}()
	<-srv.started
	second := make(chan error, 1)
	go func() {
		_, err := c.RoleFromListing(context.Background(), 7)
		second <- err
	}()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled reader got %v, want context.Canceled at once", err)
	}
	close(srv.release)
	if err := <-second; err != nil {
		t.Errorf("the other reader got %v, want the listing", err)
	}
}

func TestObjectsMissingFromTheListingAreNotFound(t *testing.T) {
	t.Parallel()
	srv := &listingServer{}
	c := newTestClient(t, srv.handle, Config{})
	ctx := context.Background()
	if _, err := c.RoleFromListing(ctx, 8); !IsNotFound(err) {
		t.Errorf("RoleFromListing(8) = %v, want not found", err)
	}
	if _, err := c.RoleGroupFromListing(ctx, 4); !IsNotFound(err) {
		t.Errorf("RoleGroupFromListing(4) = %v, want not found", err)
	}
}

func TestUserFromListing(t *testing.T) {
	t.Parallel()
	var listings atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		listings.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, userPage(0, true, 3, 1, 1, 2, 3))
	}, Config{})
	ctx := context.Background()
	for _, id := range []int64{1, 2, 3} {
		if u, err := c.UserFromListing(ctx, id); err != nil || u.ID != id {
			t.Fatalf("UserFromListing(%d) = %+v, %v", id, u, err)
		}
	}
	if _, err := c.UserFromListing(ctx, 4); !IsNotFound(err) {
		t.Errorf("UserFromListing(4) = %v, want not found", err)
	}
	if got := listings.Load(); got != 1 {
		t.Errorf("%d listings for four reads; want 1", got)
	}
}

// The reference does not promise that the role-group listing carries the roles. When it carries none,
// a role is read on its own, after the one shared listing; when it carries them, never.
func TestRolesReadOneByOneWhenTheListingCarriesNone(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/uauth/roles/listing", answer: `[{"id": 3, "name": "Team"}, {"id": 4, "name": "Other", "roles": null}]`},
		exchange{method: "GET", path: "/uauth/roles/7", answer: `{"id": 7, "name": "Auditor", "description": "Reads", "group": 3}`},
		exchange{method: "GET", path: "/uauth/roles/8", status: 404, answer: `{"status": 404, "error": "Not Found", "message": "Role 8 not found"}`},
		// Every group and its roles, for the data source: ids from the available roles, groups from the roles.
		exchange{method: "GET", path: "/uauth/roles/listing", answer: `[{"id": 3, "name": "Team"}, {"id": 4, "name": "Other"}]`},
		exchange{method: "GET", path: "/uauth/users/available-roles", answer: `[{"id": 7, "name": "Auditor"}]`},
		exchange{method: "GET", path: "/uauth/roles/7", answer: `{"id": 7, "name": "Auditor", "description": "Reads", "group": 3}`},
		// A listing that carries roles, even none, is taken as it is.
		exchange{method: "GET", path: "/uauth/roles/listing", answer: `[{"id": 3, "name": "Team", "roles": []}]`},
	)
	ctx := context.Background()
	role, err := c.RoleFromListing(ctx, 7)
	if err != nil || *role != (Role{ID: 7, Name: "Auditor", Description: "Reads", Group: 3}) {
		t.Errorf("RoleFromListing(7) = %+v, %v", role, err)
	}
	if _, err := c.RoleFromListing(ctx, 8); !IsNotFound(err) {
		t.Errorf("RoleFromListing(8): %v, want not found", err)
	}
	groups, err := c.ListRoleGroupsWithRoles(ctx)
	if err != nil || len(groups) != 2 || len(groups[0].Roles) != 1 || groups[0].Roles[0].Name != "Auditor" || groups[1].Roles == nil || len(groups[1].Roles) != 0 {
		t.Errorf("ListRoleGroupsWithRoles = %+v, %v", groups, err)
	}
	if groups, err := c.ListRoleGroupsWithRoles(ctx); err != nil || len(groups) != 1 || len(groups[0].Roles) != 0 {
		t.Errorf("ListRoleGroupsWithRoles = %+v, %v", groups, err)
	}
}

// piiServer answers the PII reads and writes of any role, holding each read until release is closed,
// and records how many reads of each role it received and the most it held at once.
type piiServer struct {
	mu          sync.Mutex
	reads       map[string]int
	inFlight    int
	mostAtATime int
	started     chan struct{}
	release     chan struct{}
	access      atomic.Bool
}

func (s *piiServer) handle(w http.ResponseWriter, r *http.Request) {
	roleID := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/uauth/roles/"), "/pii")
	w.Header().Set("Content-Type", "application/json")
	if r.Method == http.MethodPost {
		var body rolePIIRequest
		_ = json.NewDecoder(r.Body).Decode(&body)
		s.access.Store(body.PIIAccess)
		_, _ = fmt.Fprintf(w, `{"roleId": %s, "piiAccess": %t}`, roleID, body.PIIAccess)
		return
	}
	s.mu.Lock()
	s.reads[roleID]++
	s.inFlight++
	s.mostAtATime = max(s.mostAtATime, s.inFlight)
	s.mu.Unlock()
	s.started <- struct{}{}
	<-s.release
	s.mu.Lock()
	s.inFlight--
	s.mu.Unlock()
	_, _ = fmt.Fprintf(w, `{"roleId": %s, "piiAccess": %t}`, roleID, s.access.Load())
}

// A refresh of many synerise_role_pii asks for many roles at once, some more than once: each role is
// read once, and no more than rolePIIReadsAtOnce reads are in flight however many readers wait.
func TestRolePIIReadsAreSharedAndBounded(t *testing.T) {
	t.Parallel()
	const roles, readersPerRole = 3 * rolePIIReadsAtOnce, 3
	srv := &piiServer{reads: map[string]int{}, started: make(chan struct{}, roles), release: make(chan struct{})}
	c := newTestClient(t, srv.handle, Config{})

	var wg sync.WaitGroup
	errs := make(chan error, roles*readersPerRole)
	for id := range int64(roles) {
		for range readersPerRole {
			wg.Go(func() {
				pii, err := c.RolePIIShared(context.Background(), id+1)
				if err == nil && pii.RoleID != id+1 {
					err = fmt.Errorf("asked for role %d, got role %d", id+1, pii.RoleID)
				}
				errs <- err
			})
		}
	}
	// The first reads fill every slot; the rest wait for one to free, however long the API takes. The
	// pause only gives a read beyond the bound the time to show itself: a correct client sends none.
	for range rolePIIReadsAtOnce {
		<-srv.started
	}
	select {
	case <-srv.started:
		t.Errorf("a read beyond the bound of %d was sent while the first ones were held", rolePIIReadsAtOnce)
	case <-time.After(100 * time.Millisecond):
	}
	close(srv.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.reads) != roles {
		t.Errorf("%d roles read, want %d", len(srv.reads), roles)
	}
	for role, n := range srv.reads {
		if n != 1 {
			t.Errorf("role %s read %d times by %d readers; want once", role, n, readersPerRole)
		}
	}
	if srv.mostAtATime != rolePIIReadsAtOnce {
		t.Errorf("at most %d reads in flight at a time; want the bound, %d", srv.mostAtATime, rolePIIReadsAtOnce)
	}
}

// A PII answer is shared until the client writes; the next read after a write asks the API again and
// sees what was written.
func TestRolePIIReadAfterAWriteIsFresh(t *testing.T) {
	t.Parallel()
	srv := &piiServer{reads: map[string]int{}, started: make(chan struct{}, 8), release: make(chan struct{})}
	close(srv.release)
	c := newTestClient(t, srv.handle, Config{})
	ctx := context.Background()

	for range 2 {
		if pii, err := c.RolePIIShared(ctx, 5); err != nil || pii.PIIAccess {
			t.Fatalf("RolePIIShared(5) = %+v, %v; want no access", pii, err)
		}
	}
	if _, err := c.SetRolePII(ctx, 5, true); err != nil {
		t.Fatal(err)
	}
	if pii, err := c.RolePIIShared(ctx, 5); err != nil || !pii.PIIAccess {
		t.Fatalf("RolePIIShared(5) after granting = %+v, %v; want access", pii, err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.reads["5"] != 2 {
		t.Errorf("role 5 read %d times; want 2: once before the write, once after", srv.reads["5"])
	}
}

// Readers that find nothing remembered and then ask after the request under way has ended take what it
// remembered rather than asking again: readers released at once against an API that answers at once
// ask it once. Without the second look inside the flight, most rounds ask more than once.
func TestReadersRacingAnEndingRequestShareIt(t *testing.T) {
	t.Parallel()
	answerAtOnce := func(asked *atomic.Int32) func(context.Context) ([]int, error) {
		return func(context.Context) ([]int, error) {
			asked.Add(1)
			return []int{1}, nil
		}
	}
	readers := map[string]func(asked *atomic.Int32) func(){
		"a shared listing": func(asked *atomic.Int32) func() {
			var (
				listing sharedListing[int]
				clock   writeClock
			)
			return func() { _, _ = listing.get(context.Background(), &clock, answerAtOnce(asked)) }
		},
		"a shared object": func(asked *atomic.Int32) func() {
			objects := newSharedObjects[int, []int](rolePIIReadsAtOnce)
			var clock writeClock
			read := answerAtOnce(asked)
			return func() {
				_, _ = objects.get(context.Background(), &clock, 7, func(ctx context.Context, _ int) ([]int, error) { return read(ctx) })
			}
		},
		"a create's baseline": func(asked *atomic.Int32) func() {
			b := &baseline[int]{maxAge: time.Hour, list: answerAtOnce(asked)}
			return func() { _, _ = b.matching(context.Background(), func(int) bool { return true }) }
		},
	}
	for name, newReader := range readers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for round := range 1000 {
				var asked atomic.Int32
				read := newReader(&asked)
				start := make(chan struct{})
				var wg sync.WaitGroup
				for range 8 {
					wg.Go(func() {
						<-start
						read()
					})
				}
				close(start)
				wg.Wait()
				if got := asked.Load(); got != 1 {
					t.Fatalf("round %d: %d requests for 8 readers with no write between them; want 1", round, got)
				}
			}
		})
	}
}
