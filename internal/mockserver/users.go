package mockserver

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) userRoutes() []route {
	return []route{
		{"GET /uauth/users/listing", s.listUsers},
		{"GET /uauth/v2/users/listing", s.listUsers},
		{"GET /uauth/users/listing/autocomplete", s.autocompleteUsers},
		{"GET /uauth/users/{userId}", s.getUser},
		{"POST /uauth/users/{userId}", s.updateUser},
		{"POST /uauth/users/activate", s.setActivation(statusActive)},
		{"POST /uauth/users/deactivate", s.setActivation(statusInactive)},
		{"PUT /uauth/users/{userId}/access-time", s.setAccessTime},
		{"POST /uauth/users/{userId}/password-reset", s.resetUserPassword},
		{"PUT /uauth/users/{userId}/mfa-reset", s.resetUserMFA},
		{"DELETE /uauth/users/{ids}", s.deleteUsers},
		{"DELETE /uauth/users/profile-association/{ids}", s.removeUsersFromWorkspace},
	}
}

type userJSON struct {
	ID                   int64          `json:"id"`
	Email                string         `json:"email"`
	FirstName            string         `json:"firstName"`
	LastName             string         `json:"lastName"`
	Status               string         `json:"status"`
	Roles                []userRoleJSON `json:"roles"`
	AccessExpirationDate *string        `json:"accessExpirationDate"`
	MFAEnabled           bool           `json:"mfaEnabled"`
	CreatedAt            string         `json:"createdAt"`
	Avatar               *string        `json:"avatar"`
	Phone                *string        `json:"phone"`
	Language             *string        `json:"language"`
	OrganizationRole     *string        `json:"organizationRole"`
	Introduction         *string        `json:"introduction"`
	Description          *string        `json:"description"`
	Confirmed            bool           `json:"confirmed"`
	DateFormatNotation   *string        `json:"dateFormatNotation"`
	TimeFormatNotation   *string        `json:"timeFormatNotation"`
	NumberFormatNotation *string        `json:"numberFormatNotation"`
}

type userRoleJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type autocompleteJSON struct {
	ID        int64  `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// profileRequest is the editable profile of a user (ReactUserEditRequest). A user's update of their
// own profile keeps the fields the request leaves out; an update of another user clears them (see
// updateUser).
type profileRequest struct {
	FirstName        optional[string] `json:"firstName"`
	LastName         optional[string] `json:"lastName"`
	Avatar           optional[string] `json:"avatar"`
	Phone            optional[string] `json:"phone"`
	Language         optional[string] `json:"language"`
	OrganizationRole optional[string] `json:"organizationRole"`
	Introduction     optional[string] `json:"introduction"`
	Confirmed        optional[bool]   `json:"confirmed"`
	// MailAccountID is accepted because the reference lists it, and ignored because it says it is unused.
	MailAccountID        optional[int64]  `json:"mailAccountId"`
	Description          optional[string] `json:"description"`
	DateFormatNotation   optional[string] `json:"dateFormatNotation"`
	TimeFormatNotation   optional[string] `json:"timeFormatNotation"`
	NumberFormatNotation optional[string] `json:"numberFormatNotation"`
}

// otherUserRequest edits another user (ReactOtherUserEditRequest); Roles replaces the user's roles.
type otherUserRequest struct {
	profileRequest
	Roles []int64 `json:"roles"`
}

// omittedAsNull makes every field the request leaves out a carried null. An update of another user is
// a full update, and the reference does not say what becomes of omitted fields: the mock takes the
// harshest reading, that they are cleared, so that a client that does not send them back loses them.
func (p *profileRequest) omittedAsNull() {
	for _, o := range []interface{ carryNull() }{
		&p.FirstName, &p.LastName, &p.Avatar, &p.Phone, &p.Language, &p.OrganizationRole, &p.Introduction,
		&p.Confirmed, &p.Description, &p.DateFormatNotation, &p.TimeFormatNotation, &p.NumberFormatNotation,
	} {
		o.carryNull()
	}
}

func (p *profileRequest) apply(u *user) {
	p.FirstName.apply(&u.firstName)
	p.LastName.apply(&u.lastName)
	p.Avatar.applyNullable(&u.avatar)
	p.Phone.applyNullable(&u.phone)
	p.Language.applyNullable(&u.language)
	p.OrganizationRole.applyNullable(&u.organizationRole)
	p.Introduction.applyNullable(&u.introduction)
	p.Confirmed.apply(&u.confirmed)
	p.Description.applyNullable(&u.description)
	p.DateFormatNotation.applyNullable(&u.dateFormatNotation)
	p.TimeFormatNotation.applyNullable(&u.timeFormatNotation)
	p.NumberFormatNotation.applyNullable(&u.numberFormatNotation)
}

func (st *store) userJSON(u *user) userJSON {
	out := userJSON{
		ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName,
		Status: st.statusOf(u), Roles: []userRoleJSON{},
		MFAEnabled: u.mfa.active != "", CreatedAt: formatTime(u.createdAt),
		Avatar: u.avatar, Phone: u.phone, Language: u.language, OrganizationRole: u.organizationRole,
		Introduction: u.introduction, Description: u.description, Confirmed: u.confirmed,
		DateFormatNotation: u.dateFormatNotation, TimeFormatNotation: u.timeFormatNotation,
		NumberFormatNotation: u.numberFormatNotation,
	}
	if u.accessExpiration != nil {
		at := formatTime(*u.accessExpiration)
		out.AccessExpirationDate = &at
	}
	for _, id := range u.roles {
		if r, ok := st.roles[id]; ok {
			out.Roles = append(out.Roles, userRoleJSON{ID: r.id, Name: r.name})
		}
	}
	return out
}

// Bounds of the users listing's page size (an assumption of the project: the reference gives none).
const (
	minUserPageSize = 1
	maxUserPageSize = 1000
)

// listUsers serves both listings (v1 and v2): pages from 0, ordered by id.
func (s *Server) listUsers(r *http.Request) (reply, error) {
	q := r.URL.Query()
	page, err := queryInt(r, "page", 0)
	if err != nil {
		return reply{}, err
	}
	size, err := queryInt(r, "size", 0)
	if err != nil {
		return reply{}, err
	}
	if page < 0 {
		return reply{}, badRequest("page must be 0 or more, got %d", page)
	}
	if size < minUserPageSize || size > maxUserPageSize {
		return reply{}, badRequest("size must be between %d and %d, got %d", minUserPageSize, maxUserPageSize, size)
	}
	// The description restricts status to ALL and the user statuses.
	status := q.Get("status")
	search := strings.ToLower(q.Get("search"))

	s.mu.Lock()
	defer s.mu.Unlock()
	var matched []userJSON
	for _, u := range s.st.membersByID() {
		if status != "ALL" && s.st.statusOf(u) != status {
			continue
		}
		if search != "" && !strings.Contains(strings.ToLower(u.firstName), search) &&
			!strings.Contains(strings.ToLower(u.lastName), search) &&
			!strings.Contains(strings.ToLower(u.email), search) {
			continue
		}
		matched = append(matched, s.st.userJSON(u))
	}
	return ok(paginate(matched, page, size, 0)), nil
}

func (s *Server) autocompleteUsers(r *http.Request) (reply, error) {
	prefix := strings.ToLower(r.URL.Query().Get("email"))
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []autocompleteJSON{}
	for _, u := range s.st.membersByID() {
		if strings.HasPrefix(strings.ToLower(u.email), prefix) {
			out = append(out, autocompleteJSON{ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName})
		}
	}
	return ok(out), nil
}

func (s *Server) getUser(r *http.Request) (reply, error) {
	return onObject(s, r, "userId", (*store).member, func(st *store, u *user) (reply, error) {
		return ok(st.userJSON(u)), nil
	})
}

func (s *Server) updateUser(r *http.Request) (reply, error) {
	return onObjectWithBody(s, r, "userId", (*store).member, func(st *store, u *user, in otherUserRequest) (reply, error) {
		if err := st.checkRoles(in.Roles); err != nil {
			return reply{}, err
		}
		in.omittedAsNull()
		in.apply(u)
		u.roles = append([]int64{}, in.Roles...)
		return ok(st.userJSON(u)), nil
	})
}

// deleteUsers deletes accounts for good, all or none.
func (s *Server) deleteUsers(r *http.Request) (reply, error) {
	ids, err := pathIDs(r, "ids")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if _, ok := s.st.users[id]; !ok {
			return reply{}, notFound("User %d not found", id)
		}
	}
	for _, id := range ids {
		delete(s.st.users, id)
	}
	return okEmpty, nil
}

// removeUsersFromWorkspace takes users out of the workspace, all or none; their accounts stay.
func (s *Server) removeUsersFromWorkspace(r *http.Request) (reply, error) {
	ids, err := pathIDs(r, "ids")
	if err != nil {
		return reply{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	users, err := s.st.members(ids)
	if err != nil {
		return reply{}, err
	}
	for _, u := range users {
		s.st.leave(u)
	}
	return okEmpty, nil
}

// members finds several users of the workspace, failing on the first that is not one.
func (st *store) members(ids []int64) ([]*user, error) {
	users := make([]*user, 0, len(ids))
	for _, id := range ids {
		u, err := st.member(id)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, nil
}

// leave takes a user out of the workspace. A person who never registered exists only as the
// invitation, so nothing of them is kept.
func (st *store) leave(u *user) {
	if !u.registered {
		delete(st.users, u.id)
		return
	}
	u.member, u.status, u.roles = false, "", nil
	u.accessExpiration, u.invitationToken = nil, ""
}

// pathIDs reads a path parameter holding comma-separated integer ids.
func pathIDs(r *http.Request, name string) ([]int64, error) {
	raw := r.PathValue(name)
	parts := strings.Split(raw, ",")
	ids := make([]int64, 0, len(parts))
	for _, p := range parts {
		id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return nil, badRequest("Path parameter %s must be comma-separated integer ids, got %q", name, raw)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// queryInt reads an integer query parameter, def when it is absent.
func queryInt(r *http.Request, name string, def int) (int, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.Atoi(raw)
	if err != nil {
		return 0, badRequest("Query parameter %s must be an integer, got %q", name, raw)
	}
	return v, nil
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// parseTime reads an ISO 8601 date-time; one without a zone is UTC, as the reference says.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, badRequest("%q is not an ISO 8601 date-time", s)
}

// carryNull makes a field the request left out a carried null.
func (o *optional[T]) carryNull() {
	if !o.set {
		o.set, o.value = true, nil
	}
}
