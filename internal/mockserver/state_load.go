package mockserver

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

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

// seedTime reads a date-time of a snapshot, as the API reads them.
func seedTime(field, value string) (time.Time, error) {
	t, err := parseTime(value)
	if err != nil {
		return t, fmt.Errorf("%s: want an ISO 8601 date-time such as 2025-01-31T12:00:00Z, got %q", field, value)
	}
	return t.UTC(), nil
}
