package iam

import (
	"context"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// DefaultBaselineMaxAge is how old a listing may be for a create to take it for what existed before it.
const DefaultBaselineMaxAge = 5 * time.Second

// A create adopts, when its outcome is unknown, only an object of its natural key that did not exist
// before it (see createOnce). Listing every role or user before each create would cost one request per
// create, a thousand for a thousand roles, so the creates of one kind share a baseline instead: one
// listing, while it is younger than the maximum age, together with every object this client created
// since that listing was asked. What the baseline can miss is an object of the same natural key made
// by somebody else within that age before the create, and then only when the create's own answer is
// lost too: the same window a listing per create leaves between its answer and the create, wider by
// the maximum age.

// baseline is the shared "what existed before" of the creates of one kind.
type baseline[T any] struct {
	// maxAge is how old a listing may be and still be taken; list asks for a new one.
	maxAge time.Duration
	list   func(context.Context) ([]T, error)
	flight singleflight.Group

	mu      sync.Mutex
	items   []T
	askedAt time.Time
	valid   bool
	// made are the objects this client created, each with when its create answered.
	made []madeObject[T]
}

type madeObject[T any] struct {
	object T
	at     time.Time
}

// matching returns the objects of the baseline for which keep says yes: those of a listing asked at
// most maxAge ago, listed again when there is none (once for all concurrent creates: rememberedOrAsked),
// and those this client created since.
func (b *baseline[T]) matching(ctx context.Context, keep func(T) bool) ([]T, error) {
	_, err := rememberedOrAsked(ctx, &b.flight, "",
		func() (struct{}, bool) { return struct{}{}, b.current() },
		func(ctx context.Context) (struct{}, error) {
			asked := time.Now()
			items, err := b.list(ctx)
			if err != nil {
				return struct{}{}, err
			}
			b.mu.Lock()
			defer b.mu.Unlock()
			b.items, b.askedAt, b.valid = items, asked, true
			// An object whose create answered before the listing was asked is listed.
			b.made = slices.DeleteFunc(b.made, func(m madeObject[T]) bool { return m.at.Before(asked) })
			return struct{}{}, nil
		})
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []T
	for _, item := range b.items {
		if keep(item) {
			out = append(out, item)
		}
	}
	for _, m := range b.made {
		if keep(m.object) {
			out = append(out, m.object)
		}
	}
	return out, nil
}

// current reports whether the baseline holds a listing young enough to be taken.
func (b *baseline[T]) current() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.valid && time.Since(b.askedAt) < b.maxAge
}

// add records objects this client created, so that the creates after them count them as existing
// although the baseline's listing is older.
func (b *baseline[T]) add(objects ...T) {
	now := time.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, o := range objects {
		b.made = append(b.made, madeObject[T]{object: o, at: now})
	}
}

// baselines are the creates' baselines of the kinds the client creates.
type baselines struct {
	roles      *baseline[Role]
	roleGroups *baseline[RoleGroup]
	users      *baseline[User]
}

func newBaselines(c *Client, maxAge time.Duration) baselines {
	return baselines{
		roles:      &baseline[Role]{maxAge: maxAge, list: c.ListAvailableRoles},
		roleGroups: &baseline[RoleGroup]{maxAge: maxAge, list: c.ListRoleGroups},
		users:      &baseline[User]{maxAge: maxAge, list: c.listAllUsers},
	}
}
