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
// once none has joined for its idle window, once it has been open for MaxDeleteWait, or once it holds
// MaxDeleteBatch ids. While Terraform feeds a batch it keeps joining; once every one of Terraform's
// slots waits for the batch, nothing joins and the idle window closes it.
//
// The idle window follows the pace of the calls, because a fixed one batches only while Terraform is
// faster than it: in a destroy of 5,000 resources Terraform itself takes about half a second per
// resource, the calls came further apart than a 50 ms window, and 1,911 invitations went out in 1,600
// requests. So the window is deleteWindowPaces times the pace, the longest recent gap between calls,
// within [Config.DeleteBatchWindow, maxIdleWindow]: it spans the gaps of a batch that Terraform still
// feeds, which come unevenly (several at once, then a few hundred milliseconds apart at N = 1,000 on a
// loaded machine), and ends soon after the feeding stops. A gap is measured from the latest of the last
// call, the last batch sent and the last answer, so the time a batch waited is never taken for the
// pace. A wait that only idles Terraform is cut short too: a batch that holds as many calls as any
// batch ever held when its window closed (Terraform's slots, as far as the batcher has seen) goes out
// after DeleteBatchWindow, except for a probe now and then that waits its full window to learn whether
// more can join. The first call, a lone call and the call after a pause longer than streamEnd wait
// DeleteBatchWindow.

// DefaultDeleteBatchWindow is the shortest idle window of a batch of deletes unless
// Config.DeleteBatchWindow says otherwise. It is above the gap between two deletes that Terraform
// starts one after the other in a destroy of a thousand resources (some 30 ms), and short beside the
// time Terraform itself takes per resource.
const DefaultDeleteBatchWindow = 50 * time.Millisecond

// MaxDeleteWait bounds how long a call waits in a batch before its request is sent, however slowly the
// calls trickle in. In batch_pace_test.go's model of the bench's destroy of 5,000 resources, whose 1,911
// invitations come evenly a second or more apart, it is what closes the batches, and it costs the
// destroy little: Terraform's own work, about half a second per resource on two cores, keeps the cores
// busy while a few of its ten slots wait (43 min 33 s against Terraform's own 43 min 19 s). The real
// destroy fed the invitations in bursts: 147 of its 260 requests held the ten calls of Terraform's
// slots, and no batch stayed open six seconds.
const MaxDeleteWait = 12 * time.Second

// maxIdleWindow bounds the idle window however slowly the calls come.
const maxIdleWindow = 5 * time.Second

// streamEnd is the gap that ends a stream of calls. A shorter gap beyond maxIdleWindow is taken for a
// pause, not a pace: Terraform holding thousands of resources in a heap of gigabytes (some 12 GiB in the
// bench's destroy of 5,000) can stop feeding for seconds, and the calls after such a pause batch at the
// pace before it. Were the pace learnt again after each pause, the first call after it would go out
// alone and the next ones in small batches: batch_pace_test.go's model of that destroy sends 296
// requests for its 1,911 invitations when its Terraform pauses 6 s a minute, against 220 with the
// pauses kept out of the pace. The bench's destroy sent 288 before this and 273 and 260 in two runs
// after, against the model's 217 without pauses, so pauses explain little of what the real destroy
// sends beyond the model (see MaxDeleteWait for what does).
const streamEnd = 30 * time.Second

// deleteWindowPaces is the idle window in paces: a batch still being fed rarely goes twice its longest
// recent gap without a call.
const deleteWindowPaces = 2

// A probe follows firstProbeSpacing batches after one that grew past the most calls, and twice as
// many batches after each probe that did not, up to maxProbeSpacing: learning costs a full window
// rarely where no more can join (-parallelism=1).
const (
	firstProbeSpacing = 4
	maxProbeSpacing   = 64
)

// MaxDeleteBatch bounds the ids of one batched request, so its URL stays well under the lengths
// servers and proxies accept (50 ids of up to 19 digits make about a kilobyte). The API reference states
// no limit for either endpoint.
const MaxDeleteBatch = 50

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
	path string
	// window is the shortest idle window, Config.DeleteBatchWindow.
	window time.Duration

	mu   sync.Mutex
	open *deleteBatch
	// pace is the longest recent gap between calls, zero until a gap was seen; last is the latest of
	// the last call, the last batch sent and the last answer (see observe).
	pace time.Duration
	last time.Time
	// most is the most calls a batch held when its window closed it once the pace was known: as many
	// as Terraform had waiting on the batcher at once. A batch that holds as many closes after d.window.
	most int
	// probe counts down the batches until one that waits its full window even at most calls, to learn
	// whether more can join; probeSpacing doubles after each such batch that learnt nothing.
	probe, probeSpacing int
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
	now := time.Now()
	d.observe(now)
	b := d.open
	if b == nil {
		b = &deleteBatch{values: context.WithoutCancel(ctx), opened: now}
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
	b.timer.Reset(min(d.idleWindow(len(b.calls)), b.opened.Add(MaxDeleteWait).Sub(now)))
}

// observe takes the gap before a call arriving at now into the pace, which follows a longer gap at once
// and a shorter one by an eighth a call, so that a batch's window spans the longest gaps a stream of
// calls had lately; d.mu is held. A gap longer than maxIdleWindow leaves the pace as it was, and one
// longer than streamEnd ends a stream of calls: the pace is learnt again from the next gap, and the call
// after such a pause waits the shortest window.
func (d *deleteBatcher) observe(now time.Time) {
	gap := now.Sub(d.last)
	switch {
	case d.last.IsZero() || gap > streamEnd:
		d.pace = 0
	case gap > maxIdleWindow:
		// A pause of Terraform's own: see streamEnd.
	case d.pace == 0:
		d.pace = gap
	default:
		d.pace = max(gap, d.pace-d.pace/8)
	}
	d.last = now
}

// learn takes in a batch of calls that its window closed; d.mu is held.
func (d *deleteBatcher) learn(calls int) {
	switch {
	case d.probe > 0:
		d.probe--
	case calls > d.most:
		d.probeSpacing = firstProbeSpacing
		d.probe = d.probeSpacing
	default:
		d.probeSpacing = min(max(2*d.probeSpacing, firstProbeSpacing), maxProbeSpacing)
		d.probe = d.probeSpacing
	}
	if d.pace > 0 {
		d.most = max(d.most, calls)
	}
}

// idleWindow is how long the open batch of calls waits for another call: deleteWindowPaces paces within
// [d.window, maxIdleWindow], or d.window once it holds the most calls, unless it is a probe; d.mu is held.
func (d *deleteBatcher) idleWindow(calls int) time.Duration {
	if d.most > 0 && calls >= d.most && d.probe > 0 {
		return d.window
	}
	return max(d.window, min(d.pace*deleteWindowPaces, maxIdleWindow))
}

// close sends b when its window ends, unless it was sent or emptied meanwhile.
func (d *deleteBatcher) close(b *deleteBatch) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.open == b {
		d.learn(len(b.calls))
		d.dispatch(b)
	}
}

// dispatch takes the open batch b out of reach of new calls and sends it; d.mu is held.
func (d *deleteBatcher) dispatch(b *deleteBatch) {
	d.open = nil
	d.last = time.Now()
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
	d.answered()
	outcome := batchOutcome{err: err, alone: len(b.calls) > 1 && concernsOneCall(err)}
	for _, call := range b.calls {
		call.done <- outcome
	}
}

// answered notes when the callers of a batch are let go: Terraform's slots that waited for it are free
// from then on, so the next gap is measured from now.
func (d *deleteBatcher) answered() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last = time.Now()
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
