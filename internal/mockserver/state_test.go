package mockserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// seededTeam is a seed as a user writes one by hand: some ids given, others left to the mock.
const seededTeam = `{
  "version": 1,
  "tokenOwner": "lead@example.com",
  "roleGroups": [
    {"id": 10, "name": "Engineering", "description": "Builds the product", "roles": [
      {"id": 20, "name": "Developer", "permissions": {"analytics": ["read"]}},
      {"name": "Data steward", "piiAccess": true, "permissions": {"settings_users": ["read", "update"]}}
    ]},
    {"name": "Security", "roles": []}
  ],
  "users": [
    {"email": "lead@example.com", "firstName": "Lea", "lastName": "Lead", "roles": [20, 21], "phone": "+48 123"},
    {"id": 7, "email": "former@example.com", "status": "INACTIVE", "roles": [],
     "accessExpirationDate": "2030-01-31T12:00:00Z", "mfaType": "EMAIL"},
    {"email": "new@example.com", "firstName": "New", "status": "PENDING", "roles": [20]}
  ],
  "settings": {
    "passwordPolicy": {"minLength": 12, "digits": 1},
    "ipPolicy": {"enabled": true, "ipPolicy": ["203.0.113.7"]}
  },
  "managedDomains": [{"domain": "example.com", "verificationMethod": "TXT_RECORD", "createdAt": "2025-03-01T08:00:00Z"}],
  "mfaRequired": true
}`

func newSeededAPI(t *testing.T, seed string) *testAPI {
	t.Helper()
	api := newTestAPI(t)
	if err := api.mock.LoadState(strings.NewReader(seed)); err != nil {
		t.Fatalf("LoadState: %v", err)
	}
	return api
}

func TestLoadStateServesTheSeededWorkspace(t *testing.T) {
	t.Parallel()
	api := newSeededAPI(t, seededTeam)
	checkSeededGroups(t, api)
	checkSeededUsers(t, api)
	checkSeededSettings(t, api)

	// What the mock creates next gets ids after the seeded ones.
	if r := api.createRole(11, "Auditor"); r.ID != 22 {
		t.Errorf("a new role has id %d, want 22", r.ID)
	}
}

// checkSeededGroups checks the role groups and roles of seededTeam: the seed replaces the new
// workspace's groups; left-out ids follow the highest one given.
func checkSeededGroups(t *testing.T, api *testAPI) {
	t.Helper()
	groups := api.groups()
	if len(groups) != 2 || groups[0].ID != 10 || groups[0].Name != "Engineering" || groups[1].ID != 11 || groups[1].Name != "Security" {
		t.Fatalf("role groups %+v, want Engineering (10) and Security (11)", groups)
	}
	if roles := groups[0].Roles; len(roles) != 2 || roles[0].ID != 20 || roles[1].ID != 21 || roles[1].Name != "Data steward" || roles[1].Group != 10 {
		t.Fatalf("roles of Engineering %+v, want Developer (20) and Data steward (21)", roles)
	}
	var pii struct {
		PIIAccess bool `json:"piiAccess"`
	}
	api.expect(http.MethodGet, "/uauth/roles/21/pii", nil, http.StatusOK, &pii)
	if !pii.PIIAccess {
		t.Error("Data steward has no PII access, the seed grants it")
	}
	var tree []permissionGroupJSON
	api.expect(http.MethodGet, "/uauth/permissions/group/role/21", nil, http.StatusOK, &tree)
	if got := permissionTree(permissionCatalogue, map[string][]string{"settings_users": {"read", "update"}}); !jsonEqual(t, tree, got) {
		t.Errorf("permissions of Data steward %+v, want settings_users read and update only", tree)
	}
}

// checkSeededUsers checks the members and the invitation of seededTeam, and the token's owner.
func checkSeededUsers(t *testing.T, api *testAPI) {
	t.Helper()
	var page pageDoc[userDoc]
	api.expect(http.MethodGet, "/uauth/users/listing?status=ALL&page=0&size=10&search=", nil, http.StatusOK, &page)
	byEmail := map[string]userDoc{}
	for _, u := range page.Content {
		byEmail[u.Email] = u
	}
	if len(page.Content) != 3 {
		t.Fatalf("users %+v, want the three of the seed and no admin@example.com", page.Content)
	}
	if lead := byEmail["lead@example.com"]; lead.ID != 8 || lead.Status != statusActive || len(lead.Roles) != 2 || lead.Phone == nil || *lead.Phone != "+48 123" {
		t.Errorf("lead %+v, want id 8 (after 7), ACTIVE, two roles and the phone", lead)
	}
	if former := byEmail["former@example.com"]; former.Status != statusInactive || former.AccessExpirationDate == nil || *former.AccessExpirationDate != "2030-01-31T12:00:00Z" {
		t.Errorf("former %+v, want INACTIVE with its access expiration", former)
	}
	invitee := byEmail["new@example.com"]
	if invitee.Status != statusPending {
		t.Errorf("invitee %+v, want PENDING", invitee)
	}
	// The invitation was mailed, so it can be accepted as a real one.
	if mails := api.mock.Mails("new@example.com"); len(mails) != 1 || mails[0].Kind != MailInvitation {
		t.Errorf("mails to the invitee %+v, want one invitation", mails)
	}
	if err := api.mock.AcceptInvitation(invitee.ID); err != nil {
		t.Errorf("accepting the seeded invitation: %v", err)
	}

	// The token belongs to tokenOwner.
	var me userDoc
	api.expect(http.MethodGet, "/uauth/users/my-account", nil, http.StatusOK, &me)
	if me.Email != "lead@example.com" {
		t.Errorf("my-account is %s, want tokenOwner lead@example.com", me.Email)
	}
}

// checkSeededSettings checks the settings, managed domains and MFA requirement of seededTeam.
func checkSeededSettings(t *testing.T, api *testAPI) {
	t.Helper()
	var policy map[string]any
	api.expect(http.MethodGet, "/uauth/settings/password-policy", nil, http.StatusOK, &policy)
	if policy["minLength"] != 12.0 || policy["digits"] != 1.0 || policy["maxLength"] != 0.0 {
		t.Errorf("password policy %v, want minLength 12 and digits 1 over the defaults", policy)
	}
	var device map[string]any
	api.expect(http.MethodGet, "/sauth/settings/device-control", nil, http.StatusOK, &device)
	if device["deviceControlMode"] != "OFF" {
		t.Errorf("device control %v, want its default, the seed leaves it out", device)
	}
	var domains pageDoc[managedDomainJSON]
	api.expect(http.MethodGet, "/uauth/managed-domains", nil, http.StatusOK, &domains)
	if len(domains.Content) != 1 || domains.Content[0].Domain != "example.com" || domains.Content[0].CreatedAt != "2025-03-01T08:00:00Z" {
		t.Errorf("managed domains %+v, want example.com verified 2025-03-01", domains.Content)
	}
	if !api.mock.Snapshot().MFARequired {
		t.Error("MFA is not required, the seed requires it")
	}
}

func TestLoadStateWithoutTokenOwnerAddsTheAdmin(t *testing.T) {
	t.Parallel()
	api := newSeededAPI(t, `{"version": 1, "roleGroups": [{"name": "Only", "roles": [{"name": "Viewer"}]}]}`)
	var me userDoc
	api.expect(http.MethodGet, "/uauth/users/my-account", nil, http.StatusOK, &me)
	if me.Email != seedAdminEmail || me.Status != statusActive || len(me.Roles) != 0 {
		t.Errorf("my-account %+v, want %s, ACTIVE, with no roles", me, seedAdminEmail)
	}
	if groups := api.groups(); len(groups) != 1 || groups[0].ID != 1 || groups[0].Roles[0].ID != 1 {
		t.Errorf("role groups %+v, want the one of the seed, with ids from 1", groups)
	}
}

func TestLoadStateRefusesBadSeedsWithClearErrors(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct{ seed, want string }{
		"no version":      {`{"roleGroups": []}`, `version: this mock reads snapshots of version 1, got 0`},
		"later version":   {`{"version": 2}`, `version: this mock reads snapshots of version 1, got 2`},
		"not JSON":        {`{"version": 1,`, `unexpected EOF`},
		"top-level typo":  {`{"version": 1, "roleGroup": []}`, `unknown field "roleGroup"`},
		"role field typo": {`{"version": 1, "roleGroups": [{"name": "G", "roles": [{"name": "R"}, {"name": "S", "piiAcess": true}]}]}`, `roleGroups[0]: roles[1]: unknown field "piiAcess"`},
		"user field typo": {`{"version": 1, "users": [{"email": "a@example.com", "role": [1]}]}`, `users[0]: unknown field "role"`},
		"wrong type":      {`{"version": 1, "users": [{"email": "a@example.com", "roles": ["Admin"]}]}`, `users[0]: cannot unmarshal string`},
		"nameless group":  {`{"version": 1, "roleGroups": [{"description": "x"}]}`, `roleGroups[0]: name is required`},
		"duplicate group ids": {`{"version": 1, "roleGroups": [{"id": 3, "name": "A"}, {"id": 3, "name": "B"}]}`,
			`roleGroups: the id 3 is given twice`},
		"negative role id": {`{"version": 1, "roleGroups": [{"name": "A", "roles": [{"id": -1, "name": "R"}]}]}`, `roles: ids are positive, got -1`},
		"unknown permission": {`{"version": 1, "roleGroups": [{"name": "G", "roles": [{"name": "R", "permissions": {"analytic": ["read"]}}]}]}`,
			`roleGroups[0]: roles[0] ("R"): permissions: unknown permission "analytic"; the mock knows analytics,`},
		"unknown action": {`{"version": 1, "roleGroups": [{"name": "G", "roles": [{"name": "R", "permissions": {"analytics": ["write"]}}]}]}`,
			`permissions: analytics has no action "write"; it has read`},
		"unknown role of a user": {`{"version": 1, "users": [{"email": "a@example.com", "roles": [5]}]}`,
			`users[0] ("a@example.com"): roles: no role has the id 5 in roleGroups`},
		"bad email":      {`{"version": 1, "users": [{"email": "not an address"}]}`, `users[0] ("not an address"): Invalid email address`},
		"email twice":    {`{"version": 1, "users": [{"email": "a@example.com"}, {"email": "A@example.com"}]}`, `users[1] ("A@example.com"): the email is given twice`},
		"unknown status": {`{"version": 1, "users": [{"email": "a@example.com", "status": "INVITED"}]}`, `status must be one of ACTIVE, INACTIVE, PENDING, EXPIRED, got "INVITED"`},
		"bad date":       {`{"version": 1, "users": [{"email": "a@example.com", "accessExpirationDate": "tomorrow"}]}`, `accessExpirationDate: want an ISO 8601 date-time`},
		"unknown mfa":    {`{"version": 1, "users": [{"email": "a@example.com", "mfaType": "SMS"}]}`, `mfaType must be one of TOTP_AUTHENTICATOR, EMAIL, got "SMS"`},
		"absent owner": {`{"version": 1, "tokenOwner": "boss@example.com", "users": [{"email": "a@example.com"}]}`,
			`tokenOwner: no user has the email "boss@example.com"`},
		"unknown settings object": {`{"version": 1, "settings": {"password": {"minLength": 3}}}`,
			`settings: unknown settings object "password"; the objects are ban, templates, deviceControl,`},
		"settings field typo": {`{"version": 1, "settings": {"passwordPolicy": {"minLenght": 3}}}`, `settings.passwordPolicy: unknown field "minLenght"`},
		"settings refused by the API's rule": {`{"version": 1, "settings": {"ipPolicy": {"ipPolicy": ["10.0.0.0/8"]}}}`,
			`settings.ipPolicy: Invalid IP address "10.0.0.0/8"`},
		"bad domain": {`{"version": 1, "managedDomains": [{"domain": "localhost", "verificationMethod": "TXT_RECORD"}]}`,
			`managedDomains[0] ("localhost"): domain must be a DNS name`},
		"unknown verification method": {`{"version": 1, "managedDomains": [{"domain": "example.com", "verificationMethod": "EMAIL"}]}`,
			`verificationMethod must be one of TXT_RECORD, FILE_CHECK, got "EMAIL"`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := newTestAPI(t)
			err := api.mock.LoadState(strings.NewReader(c.seed))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("LoadState: error %v, want one containing %q", err, c.want)
			}
			// A refused seed changes nothing.
			if groups := api.groups(); len(groups) != 2 || groups[0].Name != "Administrators" {
				t.Errorf("after a refused seed the role groups are %+v, want the new workspace's", groups)
			}
		})
	}
}

// TestStateRoundTrip changes a new workspace through the API, dumps it, seeds a second mock with the
// dump and requires that mock to dump the same snapshot and answer the API the same way.
func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	var groups []roleGroupDoc
	api.expect(http.MethodPost, "/uauth/roles/role-group", map[string]any{"name": "Engineering", "description": "Builds"}, http.StatusOK, &groups)
	engineering := groups[len(groups)-1].ID
	developer := api.createRole(engineering, "Developer")
	api.expect(http.MethodPost, fmt.Sprintf("/uauth/roles/%d/pii", developer.ID), map[string]any{"piiAccess": true}, http.StatusOK, nil)
	member := api.invite("member@example.com", developer.ID)
	if err := api.mock.AcceptInvitation(member.ID); err != nil {
		t.Fatal(err)
	}
	api.invite("invitee@example.com", developer.ID, 3)
	api.expect(http.MethodPut, fmt.Sprintf("/uauth/users/%d/access-time", member.ID), map[string]any{"expirationDate": "2031-05-01T00:00:00Z"}, http.StatusOK, nil)
	api.expect(http.MethodPost, "/uauth/settings/password-policy", map[string]any{"minLength": 14, "upperLetters": 1}, http.StatusOK, nil)
	api.expect(http.MethodPost, "/sauth/settings/oauth", map[string]any{"enabled": true, "mode": "SERVER", "headers": map[string]string{"X-Key": "v"}}, http.StatusOK, nil)
	api.expect(http.MethodPost, "/uauth/business-profile/mfa/requirements", nil, http.StatusOK, nil)
	api.mock.PublishDomainProof("example.org", "FILE_CHECK")
	verify := `{"domain":"example.org","verificationMethod":"FILE_CHECK"}`
	api.expect(http.MethodPost, "/uauth/managed-domains/verification", verify, http.StatusOK, nil)

	dump := api.send(http.MethodGet, "/_mock/state", nil, nil)
	if dump.status != http.StatusOK {
		t.Fatalf("GET /_mock/state: status %d, body %s", dump.status, dump.body)
	}
	var written bytes.Buffer
	if err := api.mock.WriteState(&written); err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, json.RawMessage(dump.body), json.RawMessage(written.Bytes())) {
		t.Errorf("GET /_mock/state and WriteState differ:\n%s\n%s", dump.body, written.Bytes())
	}

	// Seeded over HTTP, as a user's CI would between tests.
	other := newTestAPI(t)
	if res := other.send(http.MethodPut, "/_mock/state", string(dump.body), nil); res.status != http.StatusNoContent {
		t.Fatalf("PUT /_mock/state: status %d, body %s", res.status, res.body)
	}
	again := other.send(http.MethodGet, "/_mock/state", nil, nil)
	if !bytes.Equal(again.body, dump.body) {
		t.Errorf("the dump of the seeded mock differs from the seed:\nseed  %s\ndump  %s", dump.body, again.body)
	}
	for _, path := range []string{
		"/uauth/roles/listing",
		"/uauth/users/listing?status=ALL&page=0&size=50&search=",
		fmt.Sprintf("/uauth/roles/%d/pii", developer.ID),
		"/uauth/permissions/group/role/1",
		"/uauth/settings/password-policy",
		"/sauth/settings/oauth",
		"/uauth/managed-domains",
		"/uauth/users/my-account",
	} {
		if want, got := api.call(http.MethodGet, path, nil), other.call(http.MethodGet, path, nil); got.status != want.status || !bytes.Equal(got.body, want.body) {
			t.Errorf("GET %s after the round trip: %d %s, want %d %s", path, got.status, got.body, want.status, want.body)
		}
	}
	if !other.mock.Snapshot().MFARequired {
		t.Error("the MFA requirement did not survive the round trip")
	}
}

func TestPutStateRefusesABadSnapshot(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	res := api.send(http.MethodPut, "/_mock/state", `{"version": 1, "users": [{"email": "a@example.com", "roles": [99]}]}`, nil)
	if res.status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400; body %s", res.status, res.body)
	}
	if got, want := res.message(t), `Workspace snapshot refused: users[0] ("a@example.com"): roles: no role has the id 99 in roleGroups`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// jsonEqual compares two values by their JSON encoding.
func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	normal := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var out any
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatal(err)
		}
		data, _ = json.Marshal(out)
		return string(data)
	}
	return normal(a) == normal(b)
}
