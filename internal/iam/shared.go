package iam

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// A refresh of many objects of one kind asks the API the same question many times over: "what are the
// role groups?", "who are the members?". The *FromListing methods answer those questions from one
// listing shared by every caller of this client until the client next writes, so a plan of a thousand
// roles costs one request instead of a thousand. Concurrent callers wait for the same request;
// a write sent through the client makes the next caller list again, so a read never returns an
// answer older than a write this client made.

// writeClock counts the client's writes. It moves when a write starts and again when it ends, so a
// listing that overlapped a write is never taken for one made after it.
type writeClock struct{ ticks atomic.Uint64 }

func (w *writeClock) now() uint64 { return w.ticks.Load() }
func (w *writeClock) tick()       { w.ticks.Add(1) }

// sharedListing remembers the last answer of one listing and the write clock's time when it was asked.
type sharedListing[T any] struct {
	flight singleflight.Group

	mu      sync.Mutex
	items   []T
	askedAt uint64
	valid   bool
}

// get returns the remembered items while no write has happened since they were listed, and otherwise
// lists again, once for all concurrent callers (rememberedOrAsked).
func (s *sharedListing[T]) get(ctx context.Context, clock *writeClock, list func(context.Context) ([]T, error)) ([]T, error) {
	now := clock.now()
	return rememberedOrAsked(ctx, &s.flight, strconv.FormatUint(now, 10),
		func() ([]T, bool) { return s.remembered(now) },
		func(ctx context.Context) ([]T, error) {
			items, err := list(ctx)
			if err != nil {
				return nil, err
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			// Remembered as of when it was asked: a write since then, even one that overlapped the listing,
			// has moved the clock, and the next reader lists again.
			s.items, s.askedAt, s.valid = items, now, true
			return items, nil
		})
}

// remembered returns the items listed at clock time now, if they are remembered.
func (s *sharedListing[T]) remembered(now uint64) ([]T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.items, s.valid && s.askedAt == now
}

// sharedListings are the listings the client shares between its readers.
type sharedListings struct {
	clock      writeClock
	roleGroups sharedListing[RoleGroup]
	users      sharedListing[User]
	domains    sharedListing[ManagedDomain]
	rolePII    *sharedObjects[int64, *RolePII]
}

// RoleGroupsFromListing returns every role group with its roles from the listing shared by this
// client's readers. The slice is shared: callers must not change it.
func (c *Client) RoleGroupsFromListing(ctx context.Context) ([]RoleGroup, error) {
	return c.shared.roleGroups.get(ctx, &c.shared.clock, c.ListRoleGroups)
}

// RoleGroupFromListing reads role group id out of the role-group listing shared by this client's readers.
// A group that is not listed is an *Error with status 404.
func (c *Client) RoleGroupFromListing(ctx context.Context, id int64) (*RoleGroup, error) {
	groups, err := c.RoleGroupsFromListing(ctx)
	if err != nil {
		return nil, err
	}
	group, err := findRoleGroup(groups, id, http.MethodGet, roleGroupsListingPath)
	if err != nil {
		return nil, err
	}
	group.Roles = slices.Clone(group.Roles)
	return group, nil
}

// RoleFromListing reads role id out of the role-group listing shared by this client's readers, which
// lists every role inside its group. The reference does not promise that the listing carries the
// roles: when it carries none, the role is read on its own (GetRole). A role that is not found is an
// *Error with status 404.
func (c *Client) RoleFromListing(ctx context.Context, id int64) (*Role, error) {
	groups, err := c.RoleGroupsFromListing(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		for _, r := range g.Roles {
			if r.ID != id {
				continue
			}
			// The group a role is listed in is its group, whether or not the listing repeats it on the role.
			r.Group = g.ID
			return &r, nil
		}
	}
	if !rolesListed(groups) {
		return c.GetRole(ctx, id)
	}
	return nil, &Error{Method: http.MethodGet, Path: roleGroupsListingPath, StatusCode: http.StatusNotFound,
		Message: fmt.Sprintf("role %d is in no group of the listing", id)}
}

// UsersFromListing returns every user of the workspace (all statuses) from the listing shared by this
// client's readers. The slice is shared: callers must not change it.
func (c *Client) UsersFromListing(ctx context.Context) ([]User, error) {
	return c.shared.users.get(ctx, &c.shared.clock, c.listAllUsers)
}

// UserFromListing reads user id out of the users listing shared by this client's readers. A user who is
// not listed (never invited, or removed from the workspace) is an *Error with status 404, as GetUser's is.
func (c *Client) UserFromListing(ctx context.Context, id int64) (*User, error) {
	users, err := c.UsersFromListing(ctx)
	if err != nil {
		return nil, err
	}
	user, err := findListed(users, func(u User) bool { return u.ID == id }, http.MethodGet, usersListingPath, fmt.Sprintf("user %d", id))
	if err != nil {
		return nil, err
	}
	user.Roles = slices.Clone(user.Roles)
	return user, nil
}

// ManagedDomainsFromListing returns every managed domain from the listing shared by this client's
// readers. The slice is shared: callers must not change it.
func (c *Client) ManagedDomainsFromListing(ctx context.Context) ([]ManagedDomain, error) {
	return c.shared.domains.get(ctx, &c.shared.clock, c.ListManagedDomains)
}

// ManagedDomainFromListing reads one domain out of the managed-domain listing shared by this client's
// readers. Domain names compare case-insensitively; a domain that is not listed is an *Error with status 404.
func (c *Client) ManagedDomainFromListing(ctx context.Context, domain string) (*ManagedDomain, error) {
	domains, err := c.ManagedDomainsFromListing(ctx)
	if err != nil {
		return nil, err
	}
	return findManagedDomain(domains, domain)
}

func findManagedDomain(domains []ManagedDomain, domain string) (*ManagedDomain, error) {
	return findListed(domains, func(d ManagedDomain) bool { return strings.EqualFold(d.Domain, domain) },
		http.MethodGet, managedDomainsPath, fmt.Sprintf("managed domain %q", domain))
}

// findListed returns a copy of the first item that matches, so a caller cannot change a listing that
// others share. Missing, it is an *Error with status 404 saying that what is missing is not in the
// listing that method and path read.
func findListed[T any](items []T, match func(T) bool, method, path, what string) (*T, error) {
	i := slices.IndexFunc(items, match)
	if i < 0 {
		return nil, &Error{Method: method, Path: path, StatusCode: http.StatusNotFound, Message: what + " is not in the listing"}
	}
	found := items[i]
	return &found, nil
}

// sharedObjects remembers answers about single objects, one request per object, until the client next
// writes: the same freshness as a sharedListing, for what the API only answers one object at a time.
// Concurrent readers of one object wait for the same request, and at most atOnce requests are in
// flight at a time, however many readers ask.
type sharedObjects[K comparable, T any] struct {
	flight singleflight.Group
	slots  chan struct{}

	mu      sync.Mutex
	answers map[K]T
	askedAt uint64
}

func newSharedObjects[K comparable, T any](atOnce int) *sharedObjects[K, T] {
	return &sharedObjects[K, T]{slots: make(chan struct{}, atOnce)}
}

// get returns the answer about key while no write has happened since it was asked, and otherwise
// asks with read, once for all concurrent readers of key (rememberedOrAsked), when a slot is free.
func (s *sharedObjects[K, T]) get(ctx context.Context, clock *writeClock, key K, read func(context.Context, K) (T, error)) (T, error) {
	now := clock.now()
	return rememberedOrAsked(ctx, &s.flight, fmt.Sprintf("%v@%d", key, now),
		func() (T, bool) { return s.remembered(key, now) },
		func(ctx context.Context) (T, error) {
			s.slots <- struct{}{}
			defer func() { <-s.slots }()
			value, err := read(ctx, key)
			if err != nil {
				return value, err
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			// Answers asked before the latest write are forgotten together; one asked before an answer
			// already kept is not kept, since a write may lie between the two.
			if s.askedAt != now || s.answers == nil {
				if now < s.askedAt {
					return value, nil
				}
				s.answers, s.askedAt = make(map[K]T), now
			}
			s.answers[key] = value
			return value, nil
		})
}

// remembered returns the answer about key asked at clock time now, if it is kept.
func (s *sharedObjects[K, T]) remembered(key K, now uint64) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	answer, ok := s.answers[key]
	return answer, ok && s.askedAt == now
}

// rememberedOrAsked returns what look finds remembered, or else asks, once for all concurrent callers
// of key. The flight looks again before it asks: a caller that found nothing, and reached the flight
// only after the one under way had ended and remembered its answer, takes that answer instead of
// asking the API again. ask runs detached from the caller's cancellation, because other callers may be
// waiting for it; each caller still stops waiting when its own context ends.
func rememberedOrAsked[T any](ctx context.Context, flight *singleflight.Group, key string,
	look func() (T, bool), ask func(context.Context) (T, error),
) (T, error) {
	if value, ok := look(); ok {
		return value, nil
	}
	answer := flight.DoChan(key, func() (any, error) {
		if value, ok := look(); ok {
			return value, nil
		}
		return ask(context.WithoutCancel(ctx))
	})
	var zero T
	select {
	case <-ctx.Done():
		return zero, ctx.Err()
	case res := <-answer:
		if res.Err != nil {
			return zero, res.Err
		}
		value, _ := res.Val.(T)
		return value, nil
	}
}

// rolePIIReadsAtOnce bounds the PII reads in flight: the API answers one role's setting per request, and
// a refresh of a workspace asks for hundreds. It is above Terraform's default parallelism (10), so that
// the bound protects the API from a larger -parallelism without slowing an ordinary refresh.
const rolePIIReadsAtOnce = 16

// RolePIIShared reads whether role roleID may see personal data, sharing the answer with this client's
// readers until the client next writes: one request per role however many readers ask, and no more
// than rolePIIReadsAtOnce in flight. The answer is shared: callers must not change it.
func (c *Client) RolePIIShared(ctx context.Context, roleID int64) (*RolePII, error) {
	return c.shared.rolePII.get(ctx, &c.shared.clock, roleID, c.GetRolePII)
}
