package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const (
	invitationDeleteRoute = "DELETE /uauth/users/invitations/{invitationIds}"
	workspaceRemovalRoute = "DELETE /uauth/users/profile-association/{ids}"
	// testBatchWindow is generous, so that goroutines started together join one batch on a loaded machine.
	testBatchWindow = 200 * time.Millisecond
)

// batchWorkspace is a mock workspace, a client of it, and the paths of the DELETE requests it received.
type batchWorkspace struct {
	mock   *mockserver.Server
	client *Client

	mu      sync.Mutex
	deletes []string
	// hold, when set, keeps each DELETE request from the mock until it is closed; arrived hears of each.
	hold    chan struct{}
	arrived chan *http.Request
}

func newBatchWorkspace(t *testing.T, opts mockserver.Options) *batchWorkspace {
	t.Helper()
	w := &batchWorkspace{mock: mockserver.New(opts)}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			w.mu.Lock()
			w.deletes = append(w.deletes, r.URL.Path)
			hold, arrived := w.hold, w.arrived
			w.mu.Unlock()
			if hold != nil {
				arrived <- r
				select {
				case <-hold:
				case <-r.Context().Done():
					return
				}
			}
		}
		w.mock.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: mockserver.DefaultToken, MaxRetries: 3, MinRetryWait: time.Millisecond,
		MaxRetryWait: 10 * time.Millisecond, DeleteBatchWindow: testBatchWindow})
	if err != nil {
		t.Fatal(err)
	}
	w.client = c
	return w
}

// invite makes n PENDING invitations and returns their ids; the requests are not counted.
func (w *batchWorkspace) invite(t *testing.T, n int) []int64 {
	t.Helper()
	in := make([]Invitation, n)
	for i := range in {
		in[i] = Invitation{Email: fmt.Sprintf("member-%03d@example.com", i)}
	}
	users, err := w.client.InviteUsers(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, n)
	for i, u := range users {
		ids[i] = u.ID
	}
	w.mock.ResetCounts()
	return ids
}

// remaining counts the workspace's users among the first n that invite made.
func (w *batchWorkspace) remaining(n int) int {
	users := w.mock.Snapshot().Users
	left := 0
	for i := range n {
		left += users[fmt.Sprintf("member-%03d@example.com", i)]
	}
	return left
}

// holdDeletes keeps the DELETE requests from the mock from now until release.
func (w *batchWorkspace) holdDeletes() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hold, w.arrived = make(chan struct{}), make(chan *http.Request, 2)
}

func (w *batchWorkspace) release() {
	w.mu.Lock()
	defer w.mu.Unlock()
	close(w.hold)
}

func (w *batchWorkspace) deletePaths() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.deletes...)
}

// deleteEach deletes each id with its own call, all calls at once, and returns each call's error.
func deleteEach(ctx context.Context, ids []int64, call func(context.Context, ...int64) error) []error {
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = call(ctx, id) })
	}
	wg.Wait()
	return errs
}

func TestConcurrentDeletesShareRequests(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{})
	ids := w.invite(t, 30)
	for _, id := range ids[20:] {
		if err := w.mock.AcceptInvitation(id); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	var deleted, removed []error
	var wg sync.WaitGroup
	wg.Go(func() { deleted = deleteEach(ctx, ids[:20], w.client.DeleteInvitations) })
	wg.Go(func() { removed = deleteEach(ctx, ids[20:], w.client.RemoveUsersFromWorkspace) })
	wg.Wait()
	if err := errors.Join(append(deleted, removed...)...); err != nil {
		t.Fatal(err)
	}
	counts := w.mock.RequestCounts()
	// One request of each kind, unless a goroutine came later than a window after the others.
	if counts[invitationDeleteRoute] > 2 || counts[workspaceRemovalRoute] > 2 {
		t.Errorf("20 invitation deletes and 10 removals sent %d and %d requests, want at most 2 each: %v",
			counts[invitationDeleteRoute], counts[workspaceRemovalRoute], w.deletePaths())
	}
	if left := w.remaining(30); left != 0 {
		t.Errorf("%d of the 30 users are still in the workspace", left)
	}
}

func TestDeleteBatchesAreBounded(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{})
	ids := w.invite(t, 2*MaxDeleteBatch+10)
	if err := errors.Join(deleteEach(context.Background(), ids, w.client.DeleteInvitations)...); err != nil {
		t.Fatal(err)
	}
	paths := w.deletePaths()
	for _, p := range paths {
		if n := strings.Count(p, ",") + 1; n > MaxDeleteBatch {
			t.Errorf("a request deleted %d invitations, more than %d: %s", n, MaxDeleteBatch, p)
		}
	}
	if len(paths) < 3 || len(paths) > 5 {
		t.Errorf("%d deletes sent %d requests, want 3 (or a few more on a loaded machine)", len(ids), len(paths))
	}
	if left := w.remaining(len(ids)); left != 0 {
		t.Errorf("%d of the %d invitations are still there", left, len(ids))
	}
	// The ids of one call are never split: more than a batch's worth goes out on its own.
	more := w.invite(t, MaxDeleteBatch+1)
	if err := w.client.DeleteInvitations(context.Background(), more...); err != nil {
		t.Fatal(err)
	}
	if got := w.mock.RequestCounts()[invitationDeleteRoute]; got != 1 {
		t.Errorf("one call of %d ids sent %d requests, want 1", len(more), got)
	}
}

// The API deletes all or none of a list (api/openapi.yaml assumes a 404 for an unknown id): a batch
// that fails so is sent again call by call, and only the call of the unknown id fails.
func TestBatchWithUnknownIDFailsOnlyItsCall(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{})
	ids := append(w.invite(t, 9), 999_999)
	errs := deleteEach(context.Background(), ids, w.client.DeleteInvitations)
	for i, err := range errs[:9] {
		if err != nil {
			t.Errorf("delete of invitation %d: %v", ids[i], err)
		}
	}
	if err := errs[9]; !IsNotFound(err) || !strings.Contains(err.Error(), "/uauth/users/invitations/999999:") {
		t.Errorf("delete of the unknown invitation: error = %v, want its own 404", err)
	}
	if left := w.remaining(9); left != 0 {
		t.Errorf("%d of the 9 invitations are still there", left)
	}
	if got := w.mock.RequestCounts()[invitationDeleteRoute]; got != 1+len(ids) {
		t.Errorf("%d requests, want the batch and then each call on its own (%d): %v", got, 1+len(ids), w.deletePaths())
	}
}

// A permission the token lacks fails every call, each with its own request.
func TestBatchRefusedFailsEveryCall(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{LimitedTokens: map[string][]string{"reader": {"settings_users: read"}}})
	ids := w.invite(t, 3)
	reader, err := New(Config{BaseURL: w.client.baseURL.String(), Token: "reader", DeleteBatchWindow: testBatchWindow})
	if err != nil {
		t.Fatal(err)
	}
	for i, err := range deleteEach(context.Background(), ids, reader.RemoveUsersFromWorkspace) {
		if !IsForbidden(err) || !strings.Contains(err.Error(), fmt.Sprintf("/profile-association/%d:", ids[i])) {
			t.Errorf("removal of %d: error = %v, want its own 403", ids[i], err)
		}
	}
}

func TestDeleteCancelledBeforeItsBatchIsSent(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{})
	ids := w.invite(t, 3)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.client.DeleteInvitations(cancelled, ids[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("delete with a cancelled context: error = %v", err)
	}
	// ids[1] opens a batch and leaves it before the window ends; ids[2] joins it and is sent alone.
	leaving, leave := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	go func() { errs <- w.client.DeleteInvitations(leaving, ids[1]) }()
	time.Sleep(testBatchWindow / 4)
	stay := make(chan error, 1)
	go func() { stay <- w.client.DeleteInvitations(context.Background(), ids[2]) }()
	time.Sleep(testBatchWindow / 4)
	leave()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Errorf("delete cancelled in its window: error = %v", err)
	}
	if err := <-stay; err != nil {
		t.Fatal(err)
	}
	if paths := w.deletePaths(); len(paths) != 1 || paths[0] != fmt.Sprintf("/uauth/users/invitations/%d", ids[2]) {
		t.Errorf("DELETE requests %v, want only the one of invitation %d", paths, ids[2])
	}
	if left := w.remaining(2); left != 2 {
		t.Errorf("%d of the two invitations whose deletes were cancelled are left, want both", left)
	}
}

// The request of a sent batch belongs to every caller of it: it goes on when one caller stops
// waiting, the caller that opened the batch included, and stops when the last one does.
func TestSentBatchOutlivesOneCaller(t *testing.T) {
	t.Parallel()
	w := newBatchWorkspace(t, mockserver.Options{})
	ids := w.invite(t, 4)
	w.holdDeletes()
	ctxs := make([]context.Context, 2)
	cancels := make([]context.CancelFunc, 2)
	for i := range ctxs {
		ctxs[i], cancels[i] = context.WithCancel(context.Background())
	}
	errs := make(chan error, 2)
	go func() { errs <- w.client.DeleteInvitations(ctxs[0], ids[0]) }()
	go func() { errs <- w.client.DeleteInvitations(ctxs[1], ids[1]) }()
	<-w.arrived
	cancels[0]()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Errorf("the caller that stopped waiting: error = %v", err)
	}
	w.release()
	if err := <-errs; err != nil {
		t.Errorf("the caller that kept waiting: %v", err)
	}
	if left := w.remaining(2); left != 0 {
		t.Errorf("%d invitations left: the request was cancelled with its first caller", left)
	}

	w.holdDeletes()
	for i := range ctxs {
		ctxs[i], cancels[i] = context.WithCancel(context.Background())
	}
	go func() { errs <- w.client.DeleteInvitations(ctxs[0], ids[2]) }()
	go func() { errs <- w.client.DeleteInvitations(ctxs[1], ids[3]) }()
	r := <-w.arrived
	for _, cancel := range cancels {
		cancel()
	}
	for range 2 {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Errorf("a caller that stopped waiting: error = %v", err)
		}
	}
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
		t.Error("the request went on after every caller stopped waiting")
	}
}

// A batch is retried like any DELETE: after a 503, and after a lost answer, whose repeat finds the
// ids gone (404). Each call then learns on its own that its invitation is gone, as a single delete
// retried after a lost answer does.
func TestBatchRetried(t *testing.T) {
	t.Parallel()
	for fault, wantRequests := range map[string]int{
		mockserver.FaultUnavailable:     2,
		mockserver.FaultDropAfterCommit: 2 + 5,
	} {
		t.Run(fault, func(t *testing.T) {
			t.Parallel()
			w := newBatchWorkspace(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{invitationDeleteRoute: {fault}}}})
			ids := w.invite(t, 5)
			for i, err := range deleteEach(context.Background(), ids, w.client.DeleteInvitations) {
				if err != nil && !IsNotFound(err) {
					t.Errorf("delete of %d: %v", ids[i], err)
				}
			}
			if left := w.remaining(5); left != 0 {
				t.Errorf("%d invitations left", left)
			}
			if got := w.mock.RequestCounts()[invitationDeleteRoute]; got != wantRequests {
				t.Errorf("%d requests, want %d: %v", got, wantRequests, w.deletePaths())
			}
		})
	}
}
