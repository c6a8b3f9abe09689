package mockserver

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultToken is the bearer token a Server accepts when Options.Token is empty.
const DefaultToken = "mock-token"

// Options configure a Server. The zero value is a fast server that accepts DefaultToken.
type Options struct {
	// Token is the bearer token the API accepts: requests must carry "Authorization: Bearer <Token>".
	Token string
	// LimitedTokens are further accepted tokens, each granted only the listed permissions, written as
	// the reference writes them ("settings_users: read"). An operation whose x-permission a token lacks
	// answers 403, as the API does for a user without that permission.
	LimitedTokens map[string][]string
	// WrongScopeTokens are tokens the API recognises but of another scope, such as a profile token where
	// a workspace token is required: every operation that needs a token answers them 403, as the
	// reference describes ("wrong JWT scope").
	WrongScopeTokens []string
	// Faults injects throttling, outages and lost answers into a share of the API requests, and those
	// or a hung request into the requests a test scripts.
	Faults Faults
	// Latency delays every API request (not the /_mock/ controls) before it is handled. A request
	// whose context ends during the delay is dropped unanswered.
	Latency time.Duration
	// SparseAnswers makes the operations whose success the reference gives no JSON body (x-sparse in
	// the API description) answer with no body at all, as the API may, instead of the JSON the
	// description assumes; the status stays the same.
	SparseAnswers bool
	// Without lists assumptions about answers that the mock contradicts (see Assumption).
	Without []Assumption
}

// Server is the mock API, an http.Handler. It is safe for concurrent use.
type Server struct {
	token   string
	limited map[string]map[string]bool
	// wrongScope holds the Authorization headers of WrongScopeTokens.
	wrongScope map[string]bool
	latency    time.Duration
	faults     *faultInjector
	spec       *spec
	sparse     bool
	// contradicted holds the assumptions the server answers against (Options.Without).
	contradicted map[Assumption]bool

	// api routes the endpoints of the reference, controls the /_mock/ test controls.
	api      router
	controls router

	mu sync.Mutex
	st *store
	// verifications counts the domain verification requests, for answers against DefiniteVerification.
	verifications int

	stats stats
}

// New returns a server seeded like a new workspace. It panics if the embedded API description
// cannot be loaded, which is a defect of the build rather than of the caller.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	limited := map[string]map[string]bool{}
	for token, permissions := range opts.LimitedTokens {
		limited["Bearer "+token] = map[string]bool{}
		for _, p := range permissions {
			limited["Bearer "+token][p] = true
		}
	}
	wrongScope := map[string]bool{}
	for _, token := range opts.WrongScopeTokens {
		wrongScope["Bearer "+token] = true
	}
	s := &Server{
		token:        opts.Token,
		limited:      limited,
		wrongScope:   wrongScope,
		faults:       newFaultInjector(opts.Faults),
		latency:      opts.Latency,
		spec:         mustLoadSpec(),
		sparse:       opts.SparseAnswers,
		contradicted: newContradictions(opts.Without),
		st:           newStore(time.Now()),
		stats:        stats{routes: map[string]int{}, routeFaults: map[string]int{}, idLists: map[string][]IDList{}, lifetime: Totals{Faults: map[string]int{}}},
	}
	for _, rt := range s.apiRoutes() {
		s.api.handle(rt.pattern, s.handler(rt))
	}
	s.st.expiredWhenAccessEnds = !s.assumes(ExpiredIsAnUnacceptedInvitation)
	s.registerControls()
	return s
}

// ServeHTTP answers an API request, or a test control under /_mock/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		s.controls.serve(w, r)
		return
	}
	_, pattern := s.api.match(r)
	fault := ""
	if pattern != "" {
		fault = s.faults.draw(r, pattern)
	}
	s.stats.record(pattern, fault, r.Header.Get(AttemptHeader) != "", r.Header.Get(NoFaultsHeader) != "", listedIDs(pattern, r.URL.Path))
	if !s.wait(r) {
		return
	}
	serveWithFault(fault, http.HandlerFunc(s.api.serve), w, r)
}

// wait applies the configured latency; it reports false when the request was cancelled meanwhile.
func (s *Server) wait(r *http.Request) bool {
	if s.latency <= 0 {
		return true
	}
	t := time.NewTimer(s.latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// route binds a ServeMux pattern ("GET /uauth/roles/{roleId}") to the endpoint that serves it.
type route struct {
	pattern string
	serve   endpoint
}

// endpoint handles one API operation. It returns what to answer, or an error: an *apiError is the
// API's refusal; anything else is a defect of the mock and answers 500.
type endpoint func(r *http.Request) (reply, error)

// reply is a successful answer: a status and a body written as JSON, or no body when nil.
type reply struct {
	status int
	body   any
}

func ok(body any) reply { return reply{status: http.StatusOK, body: body} }

var (
	okEmpty   = reply{status: http.StatusOK}
	noContent = reply{status: http.StatusNoContent}
)

func (s *Server) apiRoutes() []route {
	return slices.Concat(
		s.roleRoutes(),
		s.userRoutes(),
		s.invitationRoutes(),
		s.accountRoutes(),
		s.settingsRoutes(),
		s.accessControlRoutes(),
		s.domainRoutes(),
		s.businessProfileRoutes(),
	)
}

// middleware wraps the handling of one operation. Every operation runs the same chain, so a new
// behaviour (a fault, a permission check) is one more middleware in handler.
type middleware func(http.Handler) http.Handler

// handler builds the handler of one route: authentication, then validation against the API
// description, then the endpoint itself.
func (s *Server) handler(rt route) http.Handler {
	op := s.spec.operation(rt.pattern)
	e := rt.serve
	if s.sparse && op.sparse() {
		e = withoutBody(e)
	}
	h := serve(e)
	for _, mw := range slices.Backward([]middleware{
		s.authenticate(op),
		s.validate(op),
	}) {
		h = mw(h)
	}
	return h
}

// withoutBody keeps the status of an endpoint's successful answer and drops its body.
func withoutBody(e endpoint) endpoint {
	return func(r *http.Request) (reply, error) {
		rep, err := e(r)
		rep.body = nil
		return rep, err
	}
}

func serve(e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep, err := e(r)
		if err != nil {
			var refusal *apiError
			if errors.As(err, &refusal) {
				writeError(w, r, refusal.status, refusal.message)
				return
			}
			writeError(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		if rep.body == nil {
			w.WriteHeader(rep.status)
			return
		}
		writeJSON(w, rep.status, rep.body)
	})
}

// authenticate refuses a request without the accepted bearer token, unless the operation is one the
// API description marks as open (security: []). The token is the seeded admin's, so it stops working
// once that user deleted their own account.
func (s *Server) authenticate(op *operation) middleware {
	return func(next http.Handler) http.Handler {
		if !op.needsAuth() {
			return next
		}
		want := "Bearer " + s.token
		required := op.permissions()
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			header := r.Header.Get("Authorization")
			if s.wrongScope[header] {
				writeError(w, r, http.StatusForbidden, "Wrong JWT scope: a workspace token is required")
				return
			}
			granted, limited := s.limited[header]
			if (header != want && !limited) || !s.ownerExists() {
				w.Header().Set("WWW-Authenticate", "Bearer")
				writeError(w, r, http.StatusUnauthorized, errUnauthenticated.message)
				return
			}
			if limited && len(required) > 0 && !slices.ContainsFunc(required, func(p string) bool { return granted[p] }) {
				writeError(w, r, http.StatusForbidden, "Insufficient permissions: "+strings.Join(required, " or ")+" required")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func (s *Server) ownerExists() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.st.ownAccount()
	return err == nil
}

// AttemptHeader is the header a client sends, with the attempt's number, on a request that repeats an
// earlier one; the server counts such requests as retries.
const AttemptHeader = "X-Request-Attempt"

// stats counts the API requests the server received: by route since the last ResetCounts, and in
// total since the server started.
type stats struct {
	mu          sync.Mutex
	total       int
	routes      map[string]int
	routeFaults map[string]int
	// idLists notes every request to a route that takes a list of ids, by route (see IDLists).
	idLists  map[string][]IDList
	lifetime Totals
}

// IDList is one request to a route whose path ends in a comma-separated list of ids: when it arrived
// and how many ids it named. A client that batches deletes shows its batches in them.
type IDList struct {
	At  time.Time `json:"at"`
	IDs int       `json:"ids"`
}

// listedIDs is how many ids the path names when pattern ends in a list of ids ("{invitationIds}",
// "{ids}"), and 0 for any other route.
func listedIDs(pattern, path string) int {
	if !strings.HasSuffix(pattern, "Ids}") && !strings.HasSuffix(pattern, "{ids}") {
		return 0
	}
	return strings.Count(path[strings.LastIndex(path, "/")+1:], ",") + 1
}

// Totals sums up a server's whole life, for reports of a fault run.
type Totals struct {
	// Requests counts every API request.
	Requests int
	// Exempt counts the requests exempted from faults (NoFaultsHeader).
	Exempt int
	// Retries counts the requests that said they repeat an earlier one (AttemptHeader).
	Retries int
	// Faults counts the injected faults by kind (FaultThrottle…).
	Faults map[string]int
}

// record counts a request; pattern is the ServeMux pattern it matched, or "" when none did, fault the
// kind of fault it meets, or "", and ids how many ids it names when its route takes a list of them.
func (c *stats) record(pattern, fault string, retry, exempt bool, ids int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total++
	c.lifetime.Requests++
	if retry {
		c.lifetime.Retries++
	}
	if exempt {
		c.lifetime.Exempt++
	}
	if pattern != "" {
		c.routes[pattern]++
	}
	if ids > 0 {
		c.idLists[pattern] = append(c.idLists[pattern], IDList{At: time.Now(), IDs: ids})
	}
	if fault != "" {
		c.routeFaults[pattern]++
		c.lifetime.Faults[fault]++
	}
}
