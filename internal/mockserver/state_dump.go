package mockserver

import (
	"maps"
	"slices"
)

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
