package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Destroying many members makes Terraform call DeleteInvitations or RemoveUsersFromWorkspace once per
// resource, a few at a time (-parallelism). Both endpoints take a list of ids, so the calls that arrive
// close together are sent as one request: a batch stays open while calls keep joining it, and goes out
// once none has joined for a window, once it has been open for maxHoldWindows windows, or once it holds
// MaxDeleteBatch ids. While Terraform feeds a batch it keeps joining; once every one of Terraform's
// slots waits for the batch, nothing joins and the window closes it. A lone delete waits one window.

// DefaultDeleteBatchWindow is how long a batch of deletes waits for another delete to join it unless
// Config.DeleteBatchWindow says otherwise. It is above the gap between two deletes that Terraform
// starts one after the other in a destroy of a thousand resources (some 30 ms), and short beside the
// time Terraform itself takes per resource.
const DefaultDeleteBatchWindow = 50 * time.Millisecond

// MaxDeleteBatch bounds the ids of one batched request, so its URL stays well under the lengths
// servers and proxies accept (50 ids of up to 19 digits make about a kilobyte).
const MaxDeleteBatch = 50

// maxHoldWindows bounds how long a batch that keeps growing is held, in windows.
const maxHoldWindows = 10

// deleteBatcher sends the deletes of one endpoint that arrive close together as one request. The
// endpoint takes comma-separated ids and deletes all or none of them: the API reference leaves open what
// a list with an id it does not know does, and api/openapi.yaml assumes a 404 that deletes nothing.
// When a batch meets an answer that may be about one id (see concernsOneCall), every call of it is sent
// again on its own, so each caller gets its own answer and the ids that can go, go. That holds whatever
// the API does with the other ids of a failed list: an id it deleted answers 404 on its own, as a single
// delete retried after a lost answer does, and the provider takes a delete's 404 for success.
type deleteBatcher struct {
	client *Client
	// path is the endpoint's path up to the ids, "/uauth/users/invitations/".
	path   string
	window time.Duration

	mu   sync.Mutex
	open *deleteBatch
}

// deleteBatch is the calls sent in one request.
type deleteBatch struct {
	calls []*deleteCall
	ids   int
	// values are the context values of the call that opened the batch, for the request's log lines;
	// the request is not cancelled with that call.
	values context.Context
	opened time.Time
	timer  *time.Timer
	// waiting counts the calls of a sent batch whose callers still wait; the request is cancelled when
	// none does any more.
	waiting int
	cancel  context.CancelFunc
}

// deleteCall is one caller's ids and where it learns the batch's outcome.
type deleteCall struct {
	ids   []int64
	batch *deleteBatch
	// done receives the outcome once; it is buffered, since the caller may have stopped waiting.
	done chan batchOutcome
}

type batchOutcome struct {
	err error
	// alone asks the caller to send its ids on its own: the batch failed in a way that may be about
	// another call's ids.
	alone bool
}

func newDeleteBatcher(c *Client, path string, window time.Duration) *deleteBatcher {
	return &deleteBatcher{client: c, path: path, window: window}
}

// delete deletes ids, in a batch with the calls that arrive close to it. The ids of one call are never
// split: a call of MaxDeleteBatch ids or more is sent on its own. A caller whose context ends before the
// batch is sent leaves it and gets the context's error; the batch's request is cancelled only when
// every caller of it stopped waiting.
func (d *deleteBatcher) delete(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if len(ids) >= MaxDeleteBatch {
		return d.send(ctx, ids)
	}
	if err := ctx.Err(); err != nil {
		return d.stopped(ids, err)
	}
	call := &deleteCall{ids: ids, done: make(chan batchOutcome, 1)}
	d.join(ctx, call)
	select {
	case outcome := <-call.done:
		if outcome.alone {
			return d.send(ctx, ids)
		}
		return outcome.err
	case <-ctx.Done():
		d.leave(call)
		return d.stopped(ids, ctx.Err())
	}
}

// stopped is the error of a call whose context ended before its batch answered.
func (d *deleteBatcher) stopped(ids []int64, err error) error {
	return fmt.Errorf("%s %s%s: %w", http.MethodDelete, d.path, joinIDs(ids), err)
}

// join adds call to the open batch, opening one if there is none, and sends the batch it fills.
func (d *deleteBatcher) join(ctx context.Context, call *deleteCall) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.open != nil && d.open.ids+len(call.ids) > MaxDeleteBatch {
		d.dispatch(d.open)
	}
	b := d.open
	if b == nil {
		b = &deleteBatch{values: context.WithoutCancel(ctx), opened: time.Now()}
		d.open = b
		b.timer = time.AfterFunc(d.window, func() { d.close(b) })
	}
	b.calls = append(b.calls, call)
	b.ids += len(call.ids)
	call.batch = b
	if b.ids >= MaxDeleteBatch {
		d.dispatch(b)
		return
	}
	b.timer.Reset(min(d.window, time.Until(b.opened.Add(maxHoldWindows*d.window))))
}

// close sends b when its window ends, unless it was sent or emptied meanwhile.
func (d *deleteBatcher) close(b *deleteBatch) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.open == b {
		d.dispatch(b)
	}
}

// dispatch takes the open batch b out of reach of new calls and sends it; d.mu is held.
func (d *deleteBatcher) dispatch(b *deleteBatch) {
	d.open = nil
	b.timer.Stop()
	b.waiting = len(b.calls)
	var ctx context.Context
	ctx, b.cancel = context.WithCancel(b.values)
	go d.deliver(ctx, b)
}

// deliver sends the ids of every call of b in one request and tells each call the outcome.
func (d *deleteBatcher) deliver(ctx context.Context, b *deleteBatch) {
	defer b.cancel()
	ids := make([]int64, 0, b.ids)
	for _, call := range b.calls {
		ids = append(ids, call.ids...)
	}
	if len(b.calls) > 1 {
		d.client.debug(ctx, "deletes sent together", map[string]any{"path": d.path, "calls": len(b.calls), "ids": len(ids)})
	}
	err := d.send(ctx, ids)
	outcome := batchOutcome{err: err, alone: len(b.calls) > 1 && concernsOneCall(err)}
	for _, call := range b.calls {
		call.done <- outcome
	}
}

// leave takes call out of its batch when its caller stopped waiting: out of the open batch, or out of
// the waiting callers of a sent one, whose request is cancelled when nobody waits for it any more.
func (d *deleteBatcher) leave(call *deleteCall) {
	d.mu.Lock()
	defer d.mu.Unlock()
	b := call.batch
	if d.open == b {
		b.calls = slices.DeleteFunc(b.calls, func(c *deleteCall) bool { return c == call })
		b.ids -= len(call.ids)
		if len(b.calls) == 0 {
			b.timer.Stop()
			d.open = nil
		}
		return
	}
	b.waiting--
	if b.waiting == 0 {
		b.cancel()
	}
}

func (d *deleteBatcher) send(ctx context.Context, ids []int64) error {
	return d.client.do(ctx, request{method: http.MethodDelete, path: d.path + joinIDs(ids), idempotent: true}, nil)
}

// concernsOneCall reports whether a batch's failure may be about the ids of one of its calls rather
// than about all of them: an answer in 4xx other than 401 (the token) and 429 (throttled still after
// the retries). Failures the retry policy repeats, and lost answers, concern the whole request.
func concernsOneCall(err error) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return false
	}
	status := apiErr.StatusCode
	return status >= 400 && status < 500 && status != http.StatusUnauthorized && status != http.StatusTooManyRequests
}
