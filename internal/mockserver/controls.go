package mockserver

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// controlPrefix is where the test controls live over HTTP. They need no token, are not part of the
// API description and are neither validated, delayed nor counted.
const controlPrefix = "/_mock/"

// Kinds of Mail the workspace sends.
const (
	MailInvitation    = "INVITATION"
	MailConfirmation  = "CONFIRMATION"
	MailPasswordReset = "PASSWORD_RESET"
)

// Mail is an email the workspace sent: the only way the API hands out its tokens.
type Mail struct {
	To string `json:"to"`
	// Kind is MailInvitation, MailConfirmation or MailPasswordReset.
	Kind  string `json:"kind"`
	Token string `json:"token"`
}

// Snapshot counts the objects of the workspace, so that a test can tell whether a retried create
// left a second object behind.
type Snapshot struct {
	// RoleGroups and Roles count groups and roles by name.
	RoleGroups map[string]int `json:"roleGroups"`
	Roles      map[string]int `json:"roles"`
	// Users counts the workspace's members and invitations by lower-case email.
	Users map[string]int `json:"users"`
	// ManagedDomains lists the managed domains in the order they were verified.
	ManagedDomains []string `json:"managedDomains"`
	// MFARequired is the workspace's MFA requirement, which the API has no GET for.
	MFARequired bool `json:"mfaRequired"`
}

// AcceptInvitation does what the invitee does by following the invitation: the PENDING user becomes
// an ACTIVE member with an account.
func (s *Server) AcceptInvitation(id int64) error {
	return s.settleInvitation(id, (*user).accept)
}

// ExpireInvitation lets time pass on an invitation: the PENDING user becomes EXPIRED.
func (s *Server) ExpireInvitation(id int64) error {
	return s.settleInvitation(id, func(u *user) { u.status = statusExpired })
}

func (s *Server) settleInvitation(id int64, settle func(*user)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.st.users[id]
	if !ok || !u.member {
		return notFound("Invitation %d not found", id)
	}
	if u.status != statusPending {
		return conflict("Invitation %d is %s, not %s", id, u.status, statusPending)
	}
	settle(u)
	return nil
}

// PublishDomainProof publishes the workspace's verification code for domain the way method
// (TXT_RECORD, FILE_CHECK) looks for it, so that verifying the domain with that method succeeds.
func (s *Server) PublishDomainProof(domain, method string) {
	s.PublishDomainProofAfter(domain, method, 0)
}

// PublishDomainProofAfter publishes the proof as PublishDomainProof does, but verification finds it
// only after d, as it would find a DNS record that is still propagating.
func (s *Server) PublishDomainProofAfter(domain, method string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.proofs[strings.ToLower(domain)] = domainProof{method: method, from: time.Now().Add(d)}
}

// PublishDomainProofAfterMisses publishes the proof as PublishDomainProof does, but the next misses
// verifications of the domain do not see it yet, as while DNS propagates; unlike a delay, this does
// not depend on how fast the client is.
func (s *Server) PublishDomainProofAfterMisses(domain, method string, misses int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.proofs[strings.ToLower(domain)] = domainProof{method: method, misses: misses}
}

// RequestCounts returns how many API requests each route received, keyed by its ServeMux pattern
// ("GET /uauth/roles/{roleId}"). Routes that received none are absent.
func (s *Server) RequestCounts() map[string]int {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	return maps.Clone(s.stats.routes)
}

// IDLists returns, by route, the requests since the last ResetCounts to the routes that take a list of
// ids, in the order they arrived.
func (s *Server) IDLists() map[string][]IDList {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	lists := make(map[string][]IDList, len(s.stats.idLists))
	for route, l := range s.stats.idLists {
		lists[route] = slices.Clone(l)
	}
	return lists
}

// TotalRequests returns how many API requests the server received, including those that matched no route.
func (s *Server) TotalRequests() int {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	return s.stats.total
}

// ResetCounts sets every request counter back to zero.
func (s *Server) ResetCounts() {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	s.stats.total = 0
	clear(s.stats.routes)
	clear(s.stats.routeFaults)
	clear(s.stats.idLists)
}

// Snapshot counts the objects of the workspace as they are now.
func (s *Server) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := Snapshot{
		RoleGroups:     map[string]int{},
		Roles:          map[string]int{},
		Users:          map[string]int{},
		ManagedDomains: []string{},
		MFARequired:    s.st.mfaRequired,
	}
	for _, g := range s.st.groups {
		snap.RoleGroups[g.name]++
	}
	for _, r := range s.st.roles {
		snap.Roles[r.name]++
	}
	for _, u := range s.st.users {
		if u.member {
			snap.Users[strings.ToLower(u.email)]++
		}
	}
	for _, d := range s.st.domains {
		snap.ManagedDomains = append(snap.ManagedDomains, d.domain)
	}
	return snap
}

// Mails returns the emails the workspace sent to an address (compared case-insensitively), oldest first.
func (s *Server) Mails(to string) []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Mail{}
	for _, m := range s.st.outbox {
		if strings.EqualFold(m.To, to) {
			out = append(out, m)
		}
	}
	return out
}

type countsJSON struct {
	Total   int                 `json:"total"`
	Routes  map[string]int      `json:"routes"`
	IDLists map[string][]IDList `json:"idLists"`
}

// registerControls serves the controls over HTTP, for a server that runs on its own.
func (s *Server) registerControls() {
	for _, rt := range slices.Concat([]route{
		{"POST /_mock/invitations/{id}/accept", s.invitationControl(s.AcceptInvitation)},
		{"POST /_mock/invitations/{id}/expire", s.invitationControl(s.ExpireInvitation)},
		{"POST /_mock/domains/{domain}/publish", s.publishControl},
		{"GET /_mock/counts", func(*http.Request) (reply, error) {
			return ok(countsJSON{Total: s.TotalRequests(), Routes: s.RequestCounts(), IDLists: s.IDLists()}), nil
		}},
		{"DELETE /_mock/counts", func(*http.Request) (reply, error) {
			s.ResetCounts()
			return noContent, nil
		}},
		{"GET /_mock/snapshot", func(*http.Request) (reply, error) { return ok(s.Snapshot()), nil }},
		{"GET /_mock/mails", func(r *http.Request) (reply, error) { return ok(s.Mails(r.URL.Query().Get("to"))), nil }},
	}, s.stateControls()) {
		s.controls.handle(rt.pattern, serve(rt.serve))
	}
}

func (s *Server) invitationControl(settle func(int64) error) endpoint {
	return func(r *http.Request) (reply, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return reply{}, err
		}
		if err := settle(id); err != nil {
			return reply{}, err
		}
		return noContent, nil
	}
}

// publishControl takes the method (TXT_RECORD unless given) and an optional propagation delay
// ("after", a Go duration) from the query.
func (s *Server) publishControl(r *http.Request) (reply, error) {
	q := r.URL.Query()
	method := q.Get("method")
	if method == "" {
		method = "TXT_RECORD"
	}
	var after time.Duration
	if raw := q.Get("after"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return reply{}, badRequest("after must be a Go duration such as 30s, got %q", raw)
		}
		after = d
	}
	s.PublishDomainProofAfter(r.PathValue("domain"), method, after)
	return noContent, nil
}

// FaultCounts returns how many of each route's requests met an injected fault since the last
// ResetCounts, keyed like RequestCounts.
func (s *Server) FaultCounts() map[string]int {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	return maps.Clone(s.stats.routeFaults)
}

// Totals returns the counts of the server's whole life; ResetCounts leaves them alone.
func (s *Server) Totals() Totals {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	t := s.stats.lifetime
	t.Faults = maps.Clone(t.Faults)
	return t
}

// Duplicates lists every natural key that more than one object holds: a role group's name, a role's
// name within its group, a member's email. A client that repeats a create whose answer it lost
// leaves one behind.
func (s *Server) Duplicates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	counts := map[string]int{}
	for _, g := range s.st.groups {
		counts["role group "+g.name]++
	}
	for _, r := range s.st.roles {
		counts[fmt.Sprintf("role %s in group %d", r.name, r.group)]++
	}
	for _, u := range s.st.users {
		if u.member {
			counts["member "+strings.ToLower(u.email)]++
		}
	}
	var dups []string
	for key, n := range counts {
		if n > 1 {
			dups = append(dups, fmt.Sprintf("%s (%d times)", key, n))
		}
	}
	slices.Sort(dups)
	return dups
}
