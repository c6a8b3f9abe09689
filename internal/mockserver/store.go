package mockserver

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// store is the state of the one workspace the mock serves. Server.mu guards it.
type store struct {
	nextGroupID, nextRoleID, nextUserID int64

	groups map[int64]*roleGroup
	roles  map[int64]*role
	// users holds every account the mock knows, and every invitation; a user belongs to the
	// workspace while member is set.
	users map[int64]*user
	// owner is the id of the user the accepted token belongs to (my-account).
	owner int64

	settings    settings
	mfaRequired bool

	// domains are the managed domains in the order they were verified; proofs the published
	// verification proofs by lower-case domain name.
	domains []*managedDomain
	proofs  map[string]domainProof

	profiles []*businessProfile

	// outbox is every email the workspace sent, oldest first.
	outbox []Mail

	// expiredWhenAccessEnds answers a member whose access time has passed as EXPIRED (Options.Without
	// ExpiredIsAnUnacceptedInvitation).
	expiredWhenAccessEnds bool
}

type roleGroup struct {
	id          int64
	name        string
	description string
}

type role struct {
	id          int64
	name        string
	description string
	group       int64
	piiAccess   bool
	// granted maps a permission key to the actions of it granted to the role.
	granted map[string][]string
}

// User statuses.
const (
	statusActive   = "ACTIVE"
	statusPending  = "PENDING"
	statusExpired  = "EXPIRED"
	statusInactive = "INACTIVE"
)

type user struct {
	id        int64
	email     string
	firstName string
	lastName  string
	createdAt time.Time

	// member says the user belongs to the workspace, as a member or as an invitation.
	member bool
	status string
	roles  []int64

	// registered says the person has an account (a password), which a new invitee lacks.
	registered bool
	password   string
	confirmed  bool

	accessExpiration *time.Time
	mfa              mfaState

	avatar, phone, language, organizationRole, introduction, description *string
	dateFormatNotation, timeFormatNotation, numberFormatNotation         *string

	// Tokens mailed to the user: to accept the invitation, to confirm the account, to reset the password.
	invitationToken, confirmationToken, resetToken string
}

// unacceptedInvitation reports whether the user is an invitation to the workspace that nobody
// accepted: PENDING, or EXPIRED.
func (u *user) unacceptedInvitation() bool {
	return u.member && (u.status == statusPending || u.status == statusExpired)
}

// statusOf is the status the API answers for u: the one it keeps, unless the workspace reads a member
// whose access time has passed as EXPIRED.
func (st *store) statusOf(u *user) string {
	accepted := u.status == statusActive || u.status == statusInactive
	if st.expiredWhenAccessEnds && accepted && u.accessExpiration != nil && !u.accessExpiration.After(time.Now()) {
		return statusExpired
	}
	return u.status
}

// mfaState is a user's multi-factor authentication: active is the type in use ("" for none), pending
// the type initiated but not confirmed, backupCode the code that removes the active one.
type mfaState struct {
	active, pending, backupCode string
}

type managedDomain struct {
	domain    string
	method    string
	createdAt time.Time
}

type domainProof struct {
	method string
	// from is when the proof becomes visible, as DNS propagation would delay it.
	from time.Time
	// misses is how many more verifications fail to see it, as while DNS propagates.
	misses int
}

type businessProfile struct {
	guid        string
	name        string
	favorite    bool
	identifiers []string
	createdAt   time.Time
}

// Seed of a new workspace.
const (
	seedAdminEmail    = "admin@example.com"
	seedAdminPassword = "mock-password"
	// verificationCode is the workspace's domain verification string; the API keeps it for ever.
	verificationCode = "synerise-domain-verification=3f9a6c2e8b1d4f70a5c9e2b7d1f4a6c8"
)

func newStore(now time.Time) *store {
	now = now.UTC().Truncate(time.Second)
	st := emptyStore(now)
	admins := st.addGroup("Administrators", "Roles with full access to the workspace")
	defaults := st.addGroup("Default", "Roles for everyday work in the workspace")
	admin := st.addRole(admins.id, "Admin", "Manages every setting of the workspace")
	owner := st.addRole(admins.id, "Owner", "Owns the workspace and its billing")
	marketer := st.addRole(defaults.id, "Marketer", "Runs campaigns and reads analytics")
	analyst := st.addRole(defaults.id, "Analyst", "Reads analytics and builds reports")
	admin.granted = grantAll()
	owner.granted = grantAll()
	marketer.granted = map[string][]string{"analytics": {"read"}}
	analyst.granted = map[string][]string{"analytics": {"read"}}

	st.addTokenOwner(now, admin.id)
	return st
}

// addTokenOwner adds admin@example.com, ACTIVE with roles, and gives them the accepted token.
func (st *store) addTokenOwner(now time.Time, roles ...int64) {
	u := st.addUser(seedAdminEmail, now)
	u.firstName, u.lastName = "Ada", "Admin"
	u.member, u.status, u.roles = true, statusActive, append([]int64{}, roles...)
	u.registered, u.password, u.confirmed = true, seedAdminPassword, true
	st.owner = u.id
}

// emptyStore is a workspace with nothing in it but its business profile and every settings object
// at its default: no role groups, roles or users, not even the token's owner.
func emptyStore(now time.Time) *store {
	return &store{
		groups:   map[int64]*roleGroup{},
		roles:    map[int64]*role{},
		users:    map[int64]*user{},
		settings: defaultSettings(),
		proofs:   map[string]domainProof{},
		profiles: []*businessProfile{{
			guid:        "6f1c2b9e-4d3a-4e8f-9b7c-1a2d3e4f5a6b",
			name:        "Mock workspace",
			identifiers: []string{"mock-workspace"},
			createdAt:   now,
		}},
	}
}

func (st *store) addGroup(name, description string) *roleGroup {
	st.nextGroupID++
	g := &roleGroup{id: st.nextGroupID, name: name, description: description}
	st.groups[g.id] = g
	return g
}

func (st *store) addRole(group int64, name, description string) *role {
	st.nextRoleID++
	r := &role{id: st.nextRoleID, name: name, description: description, group: group, granted: map[string][]string{}}
	st.roles[r.id] = r
	return r
}

func (st *store) addUser(email string, now time.Time) *user {
	st.nextUserID++
	u := &user{id: st.nextUserID, email: email, createdAt: now}
	st.users[u.id] = u
	return u
}

// userByEmail finds the account or invitation of an address; addresses compare case-insensitively.
func (st *store) userByEmail(email string) *user {
	for _, u := range st.users {
		if strings.EqualFold(u.email, email) {
			return u
		}
	}
	return nil
}

// member finds a user of the workspace: a removed or unknown user is a 404 naming the user.
func (st *store) member(id int64) (*user, error) {
	u, ok := st.users[id]
	if !ok || !u.member {
		return nil, notFound("User %d not found", id)
	}
	return u, nil
}

func (st *store) role(id int64) (*role, error) {
	r, ok := st.roles[id]
	if !ok {
		return nil, notFound("Role %d not found", id)
	}
	return r, nil
}

func (st *store) group(id int64) (*roleGroup, error) {
	g, ok := st.groups[id]
	if !ok {
		return nil, notFound("Role group %d not found", id)
	}
	return g, nil
}

// checkRoles answers 404 naming the first role id that does not exist.
func (st *store) checkRoles(ids []int64) error {
	for _, id := range ids {
		if _, err := st.role(id); err != nil {
			return err
		}
	}
	return nil
}

// sortedByID returns the values of m ordered by id, the order in which the API lists objects.
func sortedByID[T any](m map[int64]T) []T {
	out := make([]T, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// membersByID returns the users of the workspace ordered by id.
func (st *store) membersByID() []*user {
	var out []*user
	for _, u := range sortedByID(st.users) {
		if u.member {
			out = append(out, u)
		}
	}
	return out
}

func (st *store) send(to, kind, token string) {
	st.outbox = append(st.outbox, Mail{To: to, Kind: kind, Token: token})
}
