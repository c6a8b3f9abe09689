package mockserver

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// router is a ServeMux in layers. ServeMux refuses two patterns that match a common path when
// neither is more specific than the other, and the API has such pairs: POST /uauth/roles/{roleId}/pii
// and POST /uauth/roles/role-group/{groupId} both match /uauth/roles/role-group/pii, and POST
// /uauth/users/invitations/{invitationId} and POST /uauth/users/{userId}/password-reset both match
// /uauth/users/invitations/password-reset. A pattern that conflicts with those registered before it
// goes to the next layer, which is consulted only when the earlier layers have no route: the route
// registered first wins the shared path, and every pattern keeps its exact form.
type router struct {
	layers []*http.ServeMux
}

func (rt *router) handle(pattern string, h http.Handler) {
	for _, mux := range rt.layers {
		if tryHandle(mux, pattern, h) {
			return
		}
	}
	// A new layer has nothing to conflict with: a panic here is a malformed pattern, a defect.
	mux := http.NewServeMux()
	mux.Handle(pattern, h)
	rt.layers = append(rt.layers, mux)
}

// tryHandle registers a pattern, reporting false when mux refuses it. ServeMux offers no way to ask
// but to register; it checks for conflicts before changing anything, so a refusal leaves it intact.
func tryHandle(mux *http.ServeMux, pattern string, h http.Handler) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	mux.Handle(pattern, h)
	return true
}

// match returns the layer whose pattern matches r and that pattern; nil and "" when none does.
func (rt *router) match(r *http.Request) (*http.ServeMux, string) {
	for _, mux := range rt.layers {
		if _, pattern := mux.Handler(r); pattern != "" {
			return mux, pattern
		}
	}
	return nil, ""
}

// serve routes r, answering a request that matches no pattern as the API does: 405 when the path
// exists under other methods, else 404.
func (rt *router) serve(w http.ResponseWriter, r *http.Request) {
	if mux, _ := rt.match(r); mux != nil {
		mux.ServeHTTP(w, r)
		return
	}
	if allowed := rt.allowedMethods(r); len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeError(w, r, http.StatusMethodNotAllowed, fmt.Sprintf("Request method '%s' is not supported", r.Method))
		return
	}
	writeError(w, r, http.StatusNotFound, fmt.Sprintf("No endpoint %s %s", r.Method, r.URL.Path))
}

// allowedMethods collects the methods other patterns accept for r's path. ServeMux computes them for
// its own 405 answer, which is the only place it tells them; so that answer is recorded and read.
func (rt *router) allowedMethods(r *http.Request) []string {
	var allowed []string
	for _, mux := range rt.layers {
		h, _ := mux.Handler(r)
		rec := &statusRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.status != http.StatusMethodNotAllowed {
			continue
		}
		for _, m := range strings.Split(rec.header.Get("Allow"), ",") {
			if m = strings.TrimSpace(m); m != "" && !slices.Contains(allowed, m) {
				allowed = append(allowed, m)
			}
		}
	}
	slices.Sort(allowed)
	return allowed
}

// statusRecorder keeps the status and headers a handler writes and discards the body.
type statusRecorder struct {
	header http.Header
	status int
}

func (rec *statusRecorder) Header() http.Header         { return rec.header }
func (rec *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (rec *statusRecorder) WriteHeader(status int)      { rec.status = status }
