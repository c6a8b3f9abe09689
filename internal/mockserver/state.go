package mockserver

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// StateVersion is the version of the workspace snapshot format that LoadState reads and WriteState
// writes. A change that an older mock would misread gets a new version.
const StateVersion = 1

// workspaceState is a workspace snapshot: what a seed file holds and what a dump writes. Its fields
// are named as the API names them where the API has the field; see doc.go for the format.
type workspaceState struct {
	Version int `json:"version"`
	// TokenOwner is the email of the user the accepted token belongs to (my-account).
	TokenOwner     string                `json:"tokenOwner,omitempty"`
	RoleGroups     elements[stateGroup]  `json:"roleGroups"`
	Users          elements[stateUser]   `json:"users"`
	Settings       map[string]any        `json:"settings"`
	ManagedDomains elements[stateDomain] `json:"managedDomains"`
	MFARequired    bool                  `json:"mfaRequired"`
}

// seedState is a workspaceState as a seed is read: each settings object is decoded later, over its
// defaults, by the object that knows its fields.
type seedState struct {
	workspaceState
	Settings map[string]json.RawMessage `json:"settings"`
}

type stateGroup struct {
	ID          int64               `json:"id,omitempty"`
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Roles       elements[stateRole] `json:"roles"`
}

func (stateGroup) label() string { return "roleGroups" }

type stateRole struct {
	ID          int64  `json:"id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	PIIAccess   bool   `json:"piiAccess"`
	// Permissions maps a permission key of the catalogue to the actions of it granted to the role.
	Permissions map[string][]string `json:"permissions"`
}

func (stateRole) label() string { return "roles" }

// stateUser is a member of the workspace, or an invitation (status PENDING or EXPIRED), as the
// users listing shows both; Roles are role ids, as an invitation sends them.
type stateUser struct {
	ID                   int64   `json:"id,omitempty"`
	Email                string  `json:"email"`
	FirstName            string  `json:"firstName"`
	LastName             string  `json:"lastName"`
	Status               string  `json:"status,omitempty"`
	Roles                []int64 `json:"roles"`
	AccessExpirationDate *string `json:"accessExpirationDate,omitempty"`
	// MFAType is the multi-factor authentication the user has set up (TOTP_AUTHENTICATOR, EMAIL).
	MFAType   *string `json:"mfaType,omitempty"`
	CreatedAt string  `json:"createdAt,omitempty"`
	// Password is the password of a user with an account; invitees have none unless one is given.
	Password             *string `json:"password,omitempty"`
	Confirmed            *bool   `json:"confirmed,omitempty"`
	Avatar               *string `json:"avatar,omitempty"`
	Phone                *string `json:"phone,omitempty"`
	Language             *string `json:"language,omitempty"`
	OrganizationRole     *string `json:"organizationRole,omitempty"`
	Introduction         *string `json:"introduction,omitempty"`
	Description          *string `json:"description,omitempty"`
	DateFormatNotation   *string `json:"dateFormatNotation,omitempty"`
	TimeFormatNotation   *string `json:"timeFormatNotation,omitempty"`
	NumberFormatNotation *string `json:"numberFormatNotation,omitempty"`
}

func (stateUser) label() string { return "users" }

type stateDomain struct {
	Domain             string `json:"domain"`
	VerificationMethod string `json:"verificationMethod"`
	CreatedAt          string `json:"createdAt,omitempty"`
}

func (stateDomain) label() string { return "managedDomains" }

// elements is a list in a snapshot whose items are decoded strictly, one by one, so that an error
// names where it is ("roleGroups[1]: roles[0]: unknown field ...").
type elements[T interface{ label() string }] []T

func (l *elements[T]) UnmarshalJSON(b []byte) error {
	var zero T
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return fmt.Errorf("%s: want a list: %w", zero.label(), err)
	}
	*l = make(elements[T], len(raws))
	for i, raw := range raws {
		if err := decodeStrict(raw, &(*l)[i]); err != nil {
			return fmt.Errorf("%s[%d]: %w", zero.label(), i, err)
		}
	}
	return nil
}

// decodeStrict decodes one JSON value into v, refusing fields v does not have: a typo in a seed
// must not silently vanish.
func decodeStrict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// Default password of a seeded user with an account and no password in the seed.
const seededPassword = seedAdminPassword

// mfaTypes are the kinds of multi-factor authentication the API knows.
var mfaTypes = []string{"TOTP_AUTHENTICATOR", "EMAIL"}

// LoadState replaces the whole workspace with the snapshot r holds (the format WriteState writes,
// see doc.go). Nothing changes when the snapshot is refused; the error says what to fix.
func (s *Server) LoadState(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var in seedState
	if err := decodeStrict(data, &in); err != nil {
		return err
	}
	st, err := storeFromState(in, time.Now())
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st.expiredWhenAccessEnds = s.st.expiredWhenAccessEnds
	s.st = st
	return nil
}

// storeFromState builds the workspace a snapshot describes; now is the creation time of what the
// snapshot gives none.
func storeFromState(in seedState, now time.Time) (*store, error) {
	if in.Version != StateVersion {
		return nil, fmt.Errorf("version: this mock reads snapshots of version %d, got %d (a snapshot starts with \"version\": %d)",
			StateVersion, in.Version, StateVersion)
	}
	now = now.UTC().Truncate(time.Second)
	st := emptyStore(now)
	st.mfaRequired = in.MFARequired

	if err := st.loadGroups(in.RoleGroups); err != nil {
		return nil, err
	}
	if err := st.loadUsers(in.Users, now); err != nil {
		return nil, err
	}
	if err := st.loadOwner(in.TokenOwner, now); err != nil {
		return nil, err
	}
	if err := st.loadSettings(in.Settings); err != nil {
		return nil, err
	}
	if err := st.loadDomains(in.ManagedDomains, now); err != nil {
		return nil, err
	}
	return st, nil
}

// assignIDs checks the ids a snapshot gives (positive, unique) and gives the others the next ids
// after the highest given, in the snapshot's order. It returns the highest id.
func assignIDs(kind string, ids []*int64) (int64, error) {
	var highest int64
	seen := map[int64]bool{}
	for _, id := range ids {
		switch {
		case *id < 0:
			return 0, fmt.Errorf("%s: ids are positive, got %d", kind, *id)
		case *id > 0 && seen[*id]:
			return 0, fmt.Errorf("%s: the id %d is given twice; give each one its own id, or leave ids out to have them assigned", kind, *id)
		}
		seen[*id] = true
		highest = max(highest, *id)
	}
	for _, id := range ids {
		if *id == 0 {
			highest++
			*id = highest
		}
	}
	return highest, nil
}

func (st *store) loadGroups(groups []stateGroup) error {
	var groupIDs, roleIDs []*int64
	for i := range groups {
		groupIDs = append(groupIDs, &groups[i].ID)
		for j := range groups[i].Roles {
			roleIDs = append(roleIDs, &groups[i].Roles[j].ID)
		}
	}
	var err error
	if st.nextGroupID, err = assignIDs("roleGroups", groupIDs); err != nil {
		return err
	}
	if st.nextRoleID, err = assignIDs("roles", roleIDs); err != nil {
		return err
	}
	catalogue := grantAll()
	for i, g := range groups {
		where := fmt.Sprintf("roleGroups[%d]", i)
		if g.Name == "" {
			return fmt.Errorf("%s: name is required", where)
		}
		st.groups[g.ID] = &roleGroup{id: g.ID, name: g.Name, description: g.Description}
		for j, r := range g.Roles {
			where := fmt.Sprintf("%s: roles[%d] (%q)", where, j, r.Name)
			if r.Name == "" {
				return fmt.Errorf("%s: name is required", where)
			}
			granted := map[string][]string{}
			for _, key := range slices.Sorted(maps.Keys(r.Permissions)) {
				actions, known := catalogue[key]
				if !known {
					return fmt.Errorf("%s: permissions: unknown permission %q; the mock knows %s",
						where, key, strings.Join(slices.Sorted(maps.Keys(catalogue)), ", "))
				}
				for _, action := range r.Permissions[key] {
					if !slices.Contains(actions, action) {
						return fmt.Errorf("%s: permissions: %s has no action %q; it has %s", where, key, action, strings.Join(actions, ", "))
					}
				}
				granted[key] = slices.Clone(r.Permissions[key])
			}
			st.roles[r.ID] = &role{id: r.ID, name: r.Name, description: r.Description, group: g.ID, piiAccess: r.PIIAccess, granted: granted}
		}
	}
	return nil
}

var userStatuses = []string{statusActive, statusInactive, statusPending, statusExpired}

func (st *store) loadUsers(users []stateUser, now time.Time) error {
	ids := make([]*int64, len(users))
	for i := range users {
		ids[i] = &users[i].ID
	}
	var err error
	if st.nextUserID, err = assignIDs("users", ids); err != nil {
		return err
	}
	for i, in := range users {
		u, err := st.loadUser(in, now)
		if err != nil {
			return fmt.Errorf("users[%d] (%q): %w", i, in.Email, err)
		}
		st.users[u.id] = u
	}
	return nil
}

func (st *store) loadUser(in stateUser, now time.Time) (*user, error) {
	if err := checkEmail(in.Email); err != nil {
		return nil, err
	}
	if st.userByEmail(in.Email) != nil {
		return nil, errors.New("the email is given twice; a workspace has one user per address")
	}
	status := cmp.Or(in.Status, statusActive)
	if !slices.Contains(userStatuses, status) {
		return nil, fmt.Errorf("status must be one of %s, got %q", strings.Join(userStatuses, ", "), status)
	}
	for _, id := range in.Roles {
		if _, known := st.roles[id]; !known {
			return nil, fmt.Errorf("roles: no role has the id %d in roleGroups", id)
		}
	}
	u := &user{
		id: in.ID, email: in.Email, firstName: in.FirstName, lastName: in.LastName, createdAt: now,
		member: true, status: status, roles: append([]int64{}, in.Roles...),
		avatar: in.Avatar, phone: in.Phone, language: in.Language, organizationRole: in.OrganizationRole,
		introduction: in.Introduction, description: in.Description, dateFormatNotation: in.DateFormatNotation,
		timeFormatNotation: in.TimeFormatNotation, numberFormatNotation: in.NumberFormatNotation,
	}
	if in.CreatedAt != "" {
		t, err := seedTime("createdAt", in.CreatedAt)
		if err != nil {
			return nil, err
		}
		u.createdAt = t
	}
	if in.AccessExpirationDate != nil {
		t, err := seedTime("accessExpirationDate", *in.AccessExpirationDate)
		if err != nil {
			return nil, err
		}
		u.accessExpiration = &t
	}
	if err := u.seedAccount(in); err != nil {
		return nil, err
	}
	if status == statusPending {
		// The invitation is mailed as it would have been, so that a test can read its token.
		u.invitationToken = newToken()
		st.send(u.email, MailInvitation, u.invitationToken)
	}
	return u, nil
}

// seedTime reads a date-time of a snapshot, as the API reads them.
func seedTime(field, value string) (time.Time, error) {
	t, err := parseTime(value)
	if err != nil {
		return t, fmt.Errorf("%s: want an ISO 8601 date-time such as 2025-01-31T12:00:00Z, got %q", field, value)
	}
	return t.UTC(), nil
}

// seedAccount gives a seeded user their account, if they have one, and their MFA.
func (u *user) seedAccount(in stateUser) error {
	// An invitee has no account unless the seed gives them a password (they have one elsewhere);
	// everyone else has one, confirmed unless the seed says otherwise.
	invitee := u.status == statusPending || u.status == statusExpired
	u.registered = !invitee || in.Password != nil
	if u.registered {
		u.password = seededPassword
		if in.Password != nil {
			u.password = *in.Password
		}
		u.confirmed = true
	}
	if in.Confirmed != nil {
		u.confirmed = *in.Confirmed
	}
	if in.MFAType != nil {
		if !slices.Contains(mfaTypes, *in.MFAType) {
			return fmt.Errorf("mfaType must be one of %s, got %q", strings.Join(mfaTypes, ", "), *in.MFAType)
		}
		u.mfa = mfaState{active: *in.MFAType, backupCode: strings.ToLower(newToken())}
	}
	return nil
}

// loadOwner gives the token to the user named tokenOwner; without one, to admin@example.com, who is
// added (ACTIVE, no roles) when the snapshot lacks them, as a new workspace has them.
func (st *store) loadOwner(tokenOwner string, now time.Time) error {
	if tokenOwner == "" {
		if u := st.userByEmail(seedAdminEmail); u != nil {
			st.owner = u.id
			return nil
		}
		st.addTokenOwner(now)
		return nil
	}
	u := st.userByEmail(tokenOwner)
	if u == nil {
		return fmt.Errorf("tokenOwner: no user has the email %q; name one of users, or leave tokenOwner out for %s", tokenOwner, seedAdminEmail)
	}
	st.owner = u.id
	return nil
}

func (st *store) loadSettings(raw map[string]json.RawMessage) error {
	known := make([]string, 0, len(settingsObjects))
	for _, o := range settingsObjects {
		known = append(known, o.key)
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		i := slices.Index(known, key)
		if i < 0 {
			return fmt.Errorf("settings: unknown settings object %q; the objects are %s", key, strings.Join(known, ", "))
		}
		if err := settingsObjects[i].load(&st.settings, raw[key]); err != nil {
			return fmt.Errorf("settings.%s: %w", key, err)
		}
	}
	return nil
}

var verificationMethods = []string{"TXT_RECORD", "FILE_CHECK"}

func (st *store) loadDomains(domains []stateDomain, now time.Time) error {
	for i, in := range domains {
		where := fmt.Sprintf("managedDomains[%d] (%q)", i, in.Domain)
		if !hostname.MatchString(in.Domain) {
			return fmt.Errorf("%s: domain must be a DNS name such as example.com", where)
		}
		if st.domainIndex(in.Domain) >= 0 {
			return fmt.Errorf("%s: the domain is given twice", where)
		}
		if !slices.Contains(verificationMethods, in.VerificationMethod) {
			return fmt.Errorf("%s: verificationMethod must be one of %s, got %q", where, strings.Join(verificationMethods, ", "), in.VerificationMethod)
		}
		d := &managedDomain{domain: in.Domain, method: in.VerificationMethod, createdAt: now}
		if in.CreatedAt != "" {
			t, err := seedTime("createdAt", in.CreatedAt)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			d.createdAt = t
		}
		st.domains = append(st.domains, d)
	}
	return nil
}

// WriteState writes the workspace as a snapshot that LoadState reads back: role groups with their
// roles, members and invitations, settings, managed domains and the MFA requirement (see doc.go).
func (s *Server) WriteState(w io.Writer) error {
	s.mu.Lock()
	state := s.st.state()
	s.mu.Unlock()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(state)
}

func (st *store) state() workspaceState {
	out := workspaceState{
		Version:        StateVersion,
		RoleGroups:     elements[stateGroup]{},
		Users:          elements[stateUser]{},
		Settings:       map[string]any{},
		ManagedDomains: elements[stateDomain]{},
		MFARequired:    st.mfaRequired,
	}
	roles := sortedByID(st.roles)
	for _, g := range sortedByID(st.groups) {
		sg := stateGroup{ID: g.id, Name: g.name, Description: g.description, Roles: elements[stateRole]{}}
		for _, r := range roles {
			if r.group == g.id {
				sg.Roles = append(sg.Roles, stateRole{
					ID: r.id, Name: r.name, Description: r.description, PIIAccess: r.piiAccess, Permissions: maps.Clone(r.granted),
				})
			}
		}
		out.RoleGroups = append(out.RoleGroups, sg)
	}
	for _, u := range st.membersByID() {
		out.Users = append(out.Users, u.state())
		if u.id == st.owner {
			out.TokenOwner = u.email
		}
	}
	for _, o := range settingsObjects {
		out.Settings[o.key] = o.dump(&st.settings)
	}
	for _, d := range st.domains {
		out.ManagedDomains = append(out.ManagedDomains, stateDomain{Domain: d.domain, VerificationMethod: d.method, CreatedAt: formatTime(d.createdAt)})
	}
	return out
}

func (u *user) state() stateUser {
	out := stateUser{
		ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName, Status: u.status,
		Roles: slices.Clone(u.roles), CreatedAt: formatTime(u.createdAt), Confirmed: new(u.confirmed),
		Avatar: u.avatar, Phone: u.phone, Language: u.language, OrganizationRole: u.organizationRole,
		Introduction: u.introduction, Description: u.description, DateFormatNotation: u.dateFormatNotation,
		TimeFormatNotation: u.timeFormatNotation, NumberFormatNotation: u.numberFormatNotation,
	}
	if out.Roles == nil {
		out.Roles = []int64{}
	}
	if u.accessExpiration != nil {
		at := formatTime(*u.accessExpiration)
		out.AccessExpirationDate = &at
	}
	if u.mfa.active != "" {
		out.MFAType = new(u.mfa.active)
	}
	if u.registered {
		out.Password = new(u.password)
	}
	return out
}

// stateControls serve the snapshot over HTTP: GET dumps the workspace, PUT replaces it.
func (s *Server) stateControls() []route {
	return []route{
		{"GET /_mock/state", func(*http.Request) (reply, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return ok(s.st.state()), nil
		}},
		{"PUT /_mock/state", func(r *http.Request) (reply, error) {
			if err := s.LoadState(r.Body); err != nil {
				return reply{}, badRequest("Workspace snapshot refused: %v", err)
			}
			return noContent, nil
		}},
	}
}
