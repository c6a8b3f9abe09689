package iam

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// The API cannot deduplicate creates: sent twice, a role is there twice. So a create whose outcome is
// unknown is not sent again blindly; the object is looked up by its natural key (a role's group and
// name, an invitation's email address) and adopted if the create made it. Two rules keep the lookup
// from adopting what is not the create's own:
//   - only an object that was not there before the create counts, so every create takes the objects
//     of its natural key from its kind's baseline first (baselines.go): a recent listing and what this
//     client created since;
//   - creates of one natural key are serialised within the client, so that two same-named creates of
//     one run cannot take each other's object.

// outcomeUnknown reports whether a failed write may nevertheless have been processed: the server
// answered 5xx, the connection failed after the request was sent, or no answer came within the
// request timeout. A refused connection never reaches here (the retry policy repeats it), and a
// context that ended is the caller's decision. A success whose answer cannot be used is no unknown
// outcome: the write was processed (see processedUnusably).
func outcomeUnknown(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil || processedUnusably(err) {
		return false
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= http.StatusInternalServerError
	}
	return true
}

// processedUnusably reports whether err is a success of the API whose answer does not tell what the
// write made: empty, shaped otherwise than assumed, or naming other objects. The reference describes
// no answer bodies, so a create takes its object from the listing then.
func processedUnusably(err error) bool {
	var unusable *answerError
	return errors.As(err, &unusable)
}

// createOnce sends a create that the API cannot deduplicate, and sends it again only when find says
// the object is not there. find looks the object up by its natural key among the objects that did not
// exist before the create, and the caller holds the key's lock. When find cannot answer, the result is
// an *OutcomeUnknownError. A create the API accepted with an answer that does not name the object is
// never sent again: its object is taken from find, and when find does not list it (yet), the result
// is an *OutcomeUnknownError too.
func createOnce[T any](ctx context.Context, c *Client, kind ObjectKind, object string, create func(context.Context) (T, error), find func(context.Context) (T, bool, error)) (T, error) {
	var zero T
	// One tally for every send, so that a timeout reports all of the create's attempts.
	sendCtx, _ := withTally(ctx)
	for attempt := 0; ; attempt++ {
		created, err := create(withAttempt(sendCtx, attempt+1))
		accepted := processedUnusably(err)
		switch {
		case accepted:
			c.debug(ctx, "the create was accepted without an answer naming the object; looking it up", map[string]any{"object": object, "answer": err.Error()})
		case outcomeUnknown(ctx, err):
			c.debug(ctx, "create outcome unknown; looking the object up before sending it again", map[string]any{"object": object, "error": err.Error()})
		default:
			return created, err
		}
		found, ok, lookupErr := lookUp(ctx, c, object, find)
		if lookupErr != nil {
			return zero, &OutcomeUnknownError{Kind: kind, Object: object, Err: err, LookupErr: lookupErr}
		}
		if ok {
			c.debug(ctx, "the create had happened; adopting the object", map[string]any{"object": object})
			return found, nil
		}
		if accepted {
			return zero, &OutcomeUnknownError{Kind: kind, Object: object, Err: err, LookupErr: errNotListed}
		}
		// Not there: the create certainly did not happen, and may be sent again.
		if attempt >= c.http.RetryMax {
			return created, err
		}
		select {
		case <-ctx.Done():
			return zero, ctx.Err()
		case <-time.After(backoff(c.http.RetryWaitMin, c.http.RetryWaitMax, attempt, nil)):
		}
	}
}

// lookUp runs find until it answers. Each of its requests is retried already; a lookup that fails all
// the same (an outage that outlasts the retries) is tried again after a backoff: until ctx ends when it
// has a deadline, else as many times as a request is retried. A failure that a repeat cannot cure (an
// answer below 500 other than 429) ends the lookup at once.
func lookUp[T any](ctx context.Context, c *Client, object string, find func(context.Context) (T, bool, error)) (T, bool, error) {
	_, hasDeadline := ctx.Deadline()
	for try := 0; ; try++ {
		found, ok, err := find(ctx)
		if err == nil || ctx.Err() != nil || isPermanent(err) || (!hasDeadline && try >= c.http.RetryMax) {
			return found, ok, err
		}
		c.debug(ctx, "looking the object up failed; trying again", map[string]any{"object": object, "error": err.Error()})
		select {
		case <-ctx.Done():
			return found, ok, err
		case <-time.After(backoff(c.http.RetryWaitMin, c.http.RetryWaitMax, try, nil)):
		}
	}
}

// errNotListed is the lookup's failure after a create the API accepted: the object is not listed.
var errNotListed = errors.New("it is not listed")

// isPermanent recognises the API's refusals that a repeat cannot change.
func isPermanent(err error) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.StatusCode < http.StatusInternalServerError && apiErr.StatusCode != http.StatusTooManyRequests
}

// keyLocks serialises work on the same keys within one client. A key's lock exists while somebody
// holds or awaits it.
type keyLocks struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	held chan struct{}
	// users counts the holder and the waiters.
	users int
}

// lock takes the locks of keys and returns the function that releases them. Keys are taken in sorted
// order, so that two callers with overlapping keys cannot deadlock. It gives up when ctx ends.
func (l *keyLocks) lock(ctx context.Context, keys ...string) (unlock func(), err error) {
	keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	taken := make([]string, 0, len(keys))
	unlock = func() {
		for _, key := range slices.Backward(taken) {
			l.leave(key, true)
		}
	}
	for _, key := range keys {
		select {
		case l.join(key).held <- struct{}{}:
			taken = append(taken, key)
		case <-ctx.Done():
			l.leave(key, false)
			unlock()
			return nil, ctx.Err()
		}
	}
	return unlock, nil
}

// join counts one more user of key's lock and returns the lock.
func (l *keyLocks) join(key string) *keyLock {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.locks == nil {
		l.locks = map[string]*keyLock{}
	}
	kl, ok := l.locks[key]
	if !ok {
		kl = &keyLock{held: make(chan struct{}, 1)}
		l.locks[key] = kl
	}
	kl.users++
	return kl
}

// leave counts one user of key's lock fewer, freeing the lock first if that user holds it, and forgets
// the lock when nobody uses it.
func (l *keyLocks) leave(key string, holding bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	kl := l.locks[key]
	if holding {
		<-kl.held
	}
	if kl.users--; kl.users == 0 {
		delete(l.locks, key)
	}
}

// memberKey is the natural key of an invitation: the API treats email addresses case-insensitively.
func memberKey(email string) string {
	return "member " + strings.ToLower(email)
}

// idsOf collects the ids of items, the objects that existed before a create.
func idsOf[T any](items []T, id func(T) int64) map[int64]bool {
	ids := make(map[int64]bool, len(items))
	for _, item := range items {
		ids[id(item)] = true
	}
	return ids
}

// freshListing shares a listing between callers that each need one begun after they asked, as the
// lookup of a create whose outcome is unknown does. A caller never joins a listing under way, which may
// have been answered before it asked: it waits for the next one, which starts when the one under way
// ends and serves every caller that arrived meanwhile. A role lookup lists every role of the workspace,
// so concurrent lookups, as an outage that fails many creates at once makes, share one.
type freshListing[T any] struct {
	mu      sync.Mutex
	running bool
	// next is the listing that callers arriving now join; it has not started.
	next *listingCall[T]
}

type listingCall[T any] struct {
	// ctx is the first joiner's, without its cancellation: the others wait for the listing too.
	ctx   context.Context
	done  chan struct{}
	items []T
	err   error
}

// get returns a listing begun after the call, shared with the other callers waiting for it. The slice
// is shared: callers must not change it.
func (f *freshListing[T]) get(ctx context.Context, list func(context.Context) ([]T, error)) ([]T, error) {
	f.mu.Lock()
	if f.next == nil {
		f.next = &listingCall[T]{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
	}
	call := f.next
	if !f.running {
		f.startLocked(list)
	}
	f.mu.Unlock()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-call.done:
		return call.items, call.err
	}
}

// startLocked starts the next listing; f.mu is held.
func (f *freshListing[T]) startLocked(list func(context.Context) ([]T, error)) {
	call := f.next
	f.next, f.running = nil, true
	go func() {
		call.items, call.err = list(call.ctx)
		close(call.done)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.running = false
		if f.next != nil {
			f.startLocked(list)
		}
	}()
}
