package mockserver

import (
	"net/http"
	"strconv"
)

// Most handlers open the same way: read the object's id from the path, decode the body, lock the
// store and look the object up. These helpers write that prologue once, so that each handler reads
// as the rule it applies. A rule runs under the lock.

// locked runs rule under the store's lock.
func (s *Server) locked(rule func(st *store) (reply, error)) (reply, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return rule(s.st)
}

// withBody decodes the request body, then runs rule under the lock.
func withBody[In any](s *Server, r *http.Request, rule func(st *store, in In) (reply, error)) (reply, error) {
	var in In
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	return s.locked(func(st *store) (reply, error) { return rule(st, in) })
}

// onObject runs rule on the object whose id the path parameter param holds; find answers 404 for an
// id the store does not have.
func onObject[T any](s *Server, r *http.Request, param string, find func(*store, int64) (*T, error), rule func(st *store, object *T) (reply, error)) (reply, error) {
	id, err := pathID(r, param)
	if err != nil {
		return reply{}, err
	}
	return s.locked(func(st *store) (reply, error) { return found(st, id, find, rule) })
}

// onObjectWithBody is onObject for a request that carries a body, decoded before the lock is taken.
func onObjectWithBody[T, In any](s *Server, r *http.Request, param string, find func(*store, int64) (*T, error), rule func(st *store, object *T, in In) (reply, error)) (reply, error) {
	id, err := pathID(r, param)
	if err != nil {
		return reply{}, err
	}
	var in In
	if err := decodeBody(r, &in); err != nil {
		return reply{}, err
	}
	return s.locked(func(st *store) (reply, error) {
		return found(st, id, find, func(st *store, object *T) (reply, error) { return rule(st, object, in) })
	})
}

func found[T any](st *store, id int64, find func(*store, int64) (*T, error), rule func(st *store, object *T) (reply, error)) (reply, error) {
	object, err := find(st, id)
	if err != nil {
		return reply{}, err
	}
	return rule(st, object)
}

// pathID reads an integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, badRequest("Path parameter %s must be an integer, got %q", name, raw)
	}
	return id, nil
}

// asOwner runs rule on the account of the token's user, under the lock.
func (s *Server) asOwner(rule func(st *store, u *user) (reply, error)) (reply, error) {
	return s.locked(func(st *store) (reply, error) {
		u, err := st.ownAccount()
		if err != nil {
			return reply{}, err
		}
		return rule(st, u)
	})
}
