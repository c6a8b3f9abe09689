package iam

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// listingCounts counts an API's listings (GET requests) by path.
type listingCounts struct {
	mu     sync.Mutex
	byPath map[string]int
}

func (l *listingCounts) add(path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byPath == nil {
		l.byPath = map[string]int{}
	}
	l.byPath[path]++
}

func (l *listingCounts) of(path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byPath[path]
}

// countingLossyClient is a client of api whose listings are counted.
func countingLossyClient(t *testing.T, api *lossyAPI, cfg Config) (*Client, *listingCounts) {
	t.Helper()
	counts := &listingCounts{}
	lossy := api.handler(t)
	cfg.MaxRetries, cfg.MinRetryWait, cfg.MaxRetryWait = 3, time.Millisecond, 2*time.Millisecond
	return newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			counts.add(r.URL.Path)
		}
		lossy(w, r)
	}, cfg), counts
}

func TestCreatesShareOneBaselineWhileItIsRecent(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{}
	c, counts := countingLossyClient(t, api, Config{})
	ctx := context.Background()
	// Eight role creates at once and three in turn, then invitations: one listing of each kind tells
	// all of them what was there before.
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.CreateRole(ctx, RoleInput{Group: 1, Name: fmt.Sprintf("Role %d", i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 3 {
		if _, err := c.CreateRole(ctx, RoleInput{Group: 2, Name: fmt.Sprintf("Role %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		if _, err := c.InviteUser(ctx, Invitation{Email: fmt.Sprintf("user-%d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.InviteUsers(ctx, []Invitation{{Email: "a@example.com"}, {Email: "b@example.com"}}); err != nil {
		t.Fatal(err)
	}
	if got := counts.of("/uauth/users/available-roles"); got != 1 {
		t.Errorf("%d role listings for 11 creates, want 1", got)
	}
	if got := counts.of("/uauth/users/listing"); got != 1 {
		t.Errorf("%d user listings for 4 invitations, want 1", got)
	}
	if len(api.roles) != 11 || len(api.users) != 5 {
		t.Errorf("%d roles and %d users exist, want 11 and 5", len(api.roles), len(api.users))
	}
}

func TestABaselineOlderThanItsMaximumAgeIsListedAgain(t *testing.T) {
	t.Parallel()
	api := &lossyAPI{}
	c, counts := countingLossyClient(t, api, Config{BaselineMaxAge: 20 * time.Millisecond})
	for i := range 2 {
		if _, err := c.CreateRole(context.Background(), RoleInput{Group: 1, Name: fmt.Sprintf("Role %d", i)}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(40 * time.Millisecond)
	}
	if got := counts.of("/uauth/users/available-roles"); got != 2 {
		t.Errorf("%d role listings for 2 creates further apart than the baseline's age, want 2", got)
	}
}

func TestACreateDoesNotAdoptWhatThisClientMadeSinceItsBaseline(t *testing.T) {
	t.Parallel()
	// The second create of one name is refused unprocessed (503) and looks its role up. The role the
	// first create made is not in the shared listing, which is older than both, yet it is not the
	// second's: the create is sent again.
	for _, kind := range []string{"role", "invitation"} {
		api := &lossyAPI{faults: []string{"", "503"}}
		c, _ := countingLossyClient(t, api, Config{})
		ctx := context.Background()
		switch kind {
		case "role":
			first, err := c.CreateRole(ctx, RoleInput{Group: 1, Name: "Same"})
			if err != nil {
				t.Fatal(err)
			}
			second, err := c.CreateRole(ctx, RoleInput{Group: 1, Name: "Same"})
			if err != nil || second.ID == first.ID || len(api.roles) != 2 || api.posts != 3 {
				t.Errorf("role: second create = %+v, %v after %d posts; the first's role %d was adopted", second, err, api.posts, first.ID)
			}
		case "invitation":
			// The API refuses a second invitation of one address; the first's invitee must not be taken
			// for the second's, whose repeat is refused.
			if _, err := c.InviteUser(ctx, Invitation{Email: "ada@example.com"}); err != nil {
				t.Fatal(err)
			}
			if user, err := c.InviteUser(ctx, Invitation{Email: "ADA@example.com"}); !IsConflict(err) {
				t.Errorf("invitation: second invite = %+v, %v; want the 409 of its repeat", user, err)
			}
		}
	}
}

func TestBaselineForgetsWhatItsNewerListingHolds(t *testing.T) {
	t.Parallel()
	listings := 0
	b := baseline[Role]{maxAge: time.Hour, list: func(context.Context) ([]Role, error) {
		listings++
		return []Role{{ID: 1, Name: "Listed"}}, nil
	}}
	all := func(Role) bool { return true }
	if _, err := b.matching(context.Background(), all); err != nil {
		t.Fatal(err)
	}
	b.add(Role{ID: 2, Name: "Made"})
	got, _ := b.matching(context.Background(), all)
	if len(got) != 2 || got[1].ID != 2 || listings != 1 {
		t.Fatalf("baseline = %+v after %d listings, want the listed role and the made one after 1", got, listings)
	}
	// A listing asked after the create answered holds the made role; the baseline keeps no copy of it.
	time.Sleep(time.Millisecond)
	b.maxAge = 0
	got, _ = b.matching(context.Background(), all)
	if len(got) != 1 || got[0].ID != 1 || listings != 2 {
		t.Errorf("baseline = %+v after %d listings, want only the newer listing's role after 2", got, listings)
	}
}
