package iam

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// These tests run a destroy in a synctest bubble: its clock moves only when every goroutine of the test
// waits, so Terraform's time per resource can be minutes of the bubble's time and the test still takes
// no longer than its requests do, whatever the machine's load.

// inMemoryTransport answers the client with the mock in the caller's goroutine, with no network, so that
// the bubble's clock stands still while a request is served. It notes when each id's DELETE was sent.
type inMemoryTransport struct {
	mock *mockserver.Server

	mu     sync.Mutex
	sentAt map[int64]time.Time
}

func (tr *inMemoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodDelete {
		tr.mu.Lock()
		for _, id := range strings.Split(r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:], ",") {
			n, _ := strconv.ParseInt(id, 10, 64)
			if _, seen := tr.sentAt[n]; !seen {
				tr.sentAt[n] = time.Now()
			}
		}
		tr.mu.Unlock()
	}
	rec := httptest.NewRecorder()
	tr.mock.ServeHTTP(rec, r)
	answer := rec.Result()
	answer.Request = r
	return answer, nil
}

// terraformDestroy models how Terraform feeds the deletes of a destroy: slots goroutines
// (-parallelism) take the resources in turn; each resource first costs Terraform perResource of its own
// work, of which at most cores run at once (Terraform's work per resource grows with the state, and the
// machine has few cores), and then its delete: an invitation's through the client, any other
// resource's a request that takes otherRequest. Every pauseEvery, where set, Terraform stops its work
// on every core for pauseFor.
type terraformDestroy struct {
	slots, cores         int
	perResource          time.Duration
	otherRequest         time.Duration
	invitations          int
	otherDeletes         int
	pauseEvery, pauseFor time.Duration
}

// destroyRun is what a modelled destroy did.
type destroyRun struct {
	requests int
	elapsed  time.Duration
	// longestWait is the longest an invitation's delete waited before its request was sent.
	longestWait time.Duration
	left        int
}

// run invites the model's invitations in a workspace of the bubble and destroys them with the others.
func (m terraformDestroy) run(t *testing.T) destroyRun {
	t.Helper()
	tr := &inMemoryTransport{mock: mockserver.New(mockserver.Options{}), sentAt: map[int64]time.Time{}}
	c, err := New(Config{BaseURL: "http://mock.invalid", Token: mockserver.DefaultToken, HTTPClient: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	w := &batchWorkspace{mock: tr.mock, client: c}
	ids := w.invite(t, m.invitations)
	start := time.Now()
	arrived := m.feed(t, c, ids)
	out := destroyRun{requests: tr.mock.RequestCounts()[invitationDeleteRoute], elapsed: time.Since(start), left: w.remaining(len(ids))}
	for id, at := range arrived {
		out.longestWait = max(out.longestWait, tr.sentAt[id].Sub(at))
	}
	return out
}

// feed runs the slots over the resources, the invitations spread evenly among the others, and returns
// when each invitation's delete was called.
func (m terraformDestroy) feed(t *testing.T, c *Client, ids []int64) map[int64]time.Time {
	t.Helper()
	total := len(ids) + m.otherDeletes
	resources := make(chan int64, total)
	for i := range total {
		// Resource i is an invitation when it reaches the next multiple of total/len(ids); 0 is another.
		if next := i * len(ids) / total; (i+1)*len(ids)/total > next {
			resources <- ids[next]
		} else {
			resources <- 0
		}
	}
	close(resources)
	cores := make(chan struct{}, m.cores)
	// The bubble ends with its last goroutine: the pauses stop once the slots are done.
	fed := make(chan struct{})
	var pausing sync.WaitGroup
	defer func() {
		close(fed)
		pausing.Wait()
	}()
	if m.pauseEvery > 0 {
		pausing.Go(func() { m.pause(cores, fed) })
	}
	var mu sync.Mutex
	arrived := make(map[int64]time.Time, len(ids))
	var slots sync.WaitGroup
	for range m.slots {
		slots.Go(func() {
			for id := range resources {
				cores <- struct{}{}
				time.Sleep(m.perResource)
				<-cores
				if id == 0 {
					time.Sleep(m.otherRequest)
					continue
				}
				mu.Lock()
				arrived[id] = time.Now()
				mu.Unlock()
				if err := c.DeleteInvitations(context.Background(), id); err != nil {
					t.Errorf("delete of invitation %d: %v", id, err)
				}
			}
		})
	}
	slots.Wait()
	return arrived
}

// pause takes every core from the slots for pauseFor, every pauseEvery, until fed is closed. Once it
// is, no slot holds a core.
func (m terraformDestroy) pause(cores chan struct{}, fed <-chan struct{}) {
	for {
		select {
		case <-fed:
			return
		case <-time.After(m.pauseEvery):
		}
		for range m.cores {
			cores <- struct{}{}
		}
		select {
		case <-time.After(m.pauseFor):
		case <-fed:
		}
		for range m.cores {
			<-cores
		}
	}
}

// pacedDestroys are modelled destroys, the most invitation-delete requests each may send and, where
// set, how long it may take in all.
var pacedDestroys = []struct {
	name        string
	model       terraformDestroy
	maxRequests int
	maxElapsed  time.Duration
}{
	// The destroy of the bench's 5,000 resources, 1,911 of them invitations: Terraform takes about half a
	// second per resource on the bench's two cores. A window of 50 ms sent 1,600 requests there. The
	// batches cost it little time: Terraform's own is 43 min 19 s.
	{
		"5,000 resources, Terraform bound by two cores",
		terraformDestroy{slots: 10, cores: 2, perResource: time.Second, otherRequest: 5 * time.Millisecond, invitations: 1911, otherDeletes: 3287},
		250, 45 * time.Minute,
	},
	// The same destroy when Terraform stops 6 s a minute, as a heap of gigabytes can make it: the pauses
	// are not the pace, and the deletes after one batch as before it (296 requests if they were).
	{
		"5,000 resources, Terraform pausing",
		terraformDestroy{slots: 10, cores: 2, perResource: time.Second, otherRequest: 5 * time.Millisecond, invitations: 1911, otherDeletes: 3287, pauseEvery: time.Minute, pauseFor: 6 * time.Second},
		250, 50 * time.Minute,
	},
	// The same destroy when each slot's time is its own: every call that waits keeps a slot from
	// Terraform, so MaxDeleteWait ends the batches before they fill and they stay smaller.
	{
		"5,000 resources, each slot slow",
		terraformDestroy{slots: 10, cores: 10, perResource: 5 * time.Second, otherRequest: 5 * time.Millisecond, invitations: 1911, otherDeletes: 3287},
		1911 / 3, 0,
	},
	// The bench's 1,000 resources, 381 of them invitations, some 50 ms per resource.
	{
		"1,000 resources",
		terraformDestroy{slots: 10, cores: 2, perResource: 100 * time.Millisecond, otherRequest: 5 * time.Millisecond, invitations: 381, otherDeletes: 619},
		55, 0,
	},
	// One slot (-parallelism=1): nothing can join, and each delete goes out on its own, mostly after
	// DeleteBatchWindow (4 s of Terraform's own and 40 windows of 50 ms make 6 s).
	{
		"parallelism 1",
		terraformDestroy{slots: 1, cores: 1, perResource: 100 * time.Millisecond, invitations: 40},
		40, 7 * time.Second,
	},
}

func TestDeleteBatchesFollowTheirPace(t *testing.T) {
	t.Parallel()
	for _, tc := range pacedDestroys {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				got := tc.model.run(t)
				t.Logf("%d requests, destroy of %v, longest wait %v", got.requests, got.elapsed, got.longestWait)
				if got.requests > tc.maxRequests {
					t.Errorf("%d invitations went out in %d requests, want at most %d", tc.model.invitations, got.requests, tc.maxRequests)
				}
				if tc.maxElapsed > 0 && got.elapsed > tc.maxElapsed {
					t.Errorf("the destroy took %v, want at most %v", got.elapsed, tc.maxElapsed)
				}
				if got.longestWait > MaxDeleteWait {
					t.Errorf("a delete waited %v before its request was sent, more than %v", got.longestWait, MaxDeleteWait)
				}
				if got.left != 0 {
					t.Errorf("%d invitations are left", got.left)
				}
			})
		})
	}
}

// A lone delete waits DeleteBatchWindow and no more, before the pace is known and once it is slow.
func TestLoneDeleteWaitsTheShortestWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tr := &inMemoryTransport{mock: mockserver.New(mockserver.Options{}), sentAt: map[int64]time.Time{}}
		c, err := New(Config{BaseURL: "http://mock.invalid", Token: mockserver.DefaultToken, HTTPClient: &http.Client{Transport: tr}})
		if err != nil {
			t.Fatal(err)
		}
		ids := (&batchWorkspace{mock: tr.mock, client: c}).invite(t, 2)
		for i, id := range ids {
			if i > 0 {
				time.Sleep(time.Minute)
			}
			called := time.Now()
			if err := c.DeleteInvitations(context.Background(), id); err != nil {
				t.Fatal(err)
			}
			if waited := tr.sentAt[id].Sub(called); waited != DefaultDeleteBatchWindow {
				t.Errorf("delete %d waited %v before its request was sent, want %v", i+1, waited, DefaultDeleteBatchWindow)
			}
		}
	})
}
