package review

import (
	"strings"
	"testing"
)

func TestReadExceptions(t *testing.T) {
	t.Parallel()
	e, err := ReadExceptions(strings.NewReader(`{
		"members": [{"email": "breakglass@example.com", "reason": "Break-glass account"}],
		"roles": [{"name": "Admin", "group": "Administrators", "reason": "Built in"}, {"name": "Owner", "reason": "Built in"}, {"id": 42, "reason": "Billing"}],
		"role_groups": [{"name": "Administrators", "reason": "Built in"}, {"id": 7, "reason": "Legacy"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `member "breakglass@example.com", role "Admin in Administrators", role "Owner in any group", role "id 42", ` +
		`role group "Administrators", role group "id 7"`
	if got := e.String(); got != want {
		t.Errorf("exceptions = %s, want %s", got, want)
	}
	if e, err := ReadExceptions(strings.NewReader(`{}`)); err != nil || e.Count() != 0 {
		t.Errorf("an empty object: %v, %d exceptions", err, e.Count())
	}
}

func TestReadExceptionsRefusesMistakes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, input, want string
	}{
		{"nothing", "\n", "the exceptions file is empty; want a JSON object such as"},
		{"not JSON", "members:\n  - email: x", "the exceptions file is not JSON"},
		{"a list", `[{"email": "x@example.com"}]`, "the exceptions file: json: cannot unmarshal array"},
		{"two documents", `{} {}`, "the exceptions file: more than one JSON value"},
		{"a misspelt section", `{"member": []}`, `the exceptions file: unknown key "member"; the keys here are members, roles, role_groups`},
		{"a misspelt key of a member", `{"members": [{"email": "a@example.com", "reason": "r"}, {"emial": "b@example.com", "reason": "r"}]}`,
			`members[1]: unknown key "emial"; the keys here are email, reason`},
		{"a misspelt key of a role", `{"roles": [{"name": "Admin", "groupe": "Administrators", "reason": "r"}]}`,
			`roles[0]: unknown key "groupe"; the keys here are name, group, id, reason`},
		{"a misspelt key of a group", `{"role_groups": [{"nme": "Default", "reason": "r"}]}`,
			`role_groups[0]: unknown key "nme"; the keys here are name, id, reason`},
		{"a member without a reason", `{"members": [{"email": "a@example.com"}]}`, `members[0]: "reason" is empty: say why`},
		{"a reason of blanks", `{"members": [{"email": "a@example.com", "reason": "  "}]}`, `members[0]: "reason" is empty`},
		{"a member without an email", `{"members": [{"reason": "r"}]}`, `members[0]: "email" is empty`},
		{"a role without a name or id", `{"roles": [{"group": "Default", "reason": "r"}]}`, `roles[0]: a role exception names the role by "name"`},
		{"a role by name and id", `{"roles": [{"name": "Admin", "id": 1, "reason": "r"}]}`, `roles[0]: a role exception names the role by "name" or by "id", not both`},
		{"a role by id with a group", `{"roles": [{"id": 1, "group": "Default", "reason": "r"}]}`, `roles[0]: "group" narrows a "name"`},
		{"a group without a name or id", `{"role_groups": [{"reason": "r"}]}`, `role_groups[0]: a role group exception names the group by "name" or by "id"`},
		{"an id that is text", `{"role_groups": [{"id": "7", "reason": "r"}]}`, "role_groups[0]: json: cannot unmarshal string"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadExceptions(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadExceptions: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// Every mistake of a file is reported at once, so that one run shows what to correct.
func TestReadExceptionsReportsEveryMistake(t *testing.T) {
	t.Parallel()
	_, err := ReadExceptions(strings.NewReader(`{"members": [{"email": "a@example.com"}], "roles": [{"nme": "Admin", "reason": "r"}]}`))
	if err == nil || !strings.Contains(err.Error(), "members[0]") || !strings.Contains(err.Error(), "roles[0]") {
		t.Errorf("error %v, want both members[0] and roles[0]", err)
	}
}

func TestExceptionsMatch(t *testing.T) {
	t.Parallel()
	ws := Workspace{
		Members: []WorkspaceMember{{ID: 1, Email: "BreakGlass@Example.com"}, {ID: 2, Email: "ops@example.com"}},
		Roles: []WorkspaceRole{
			{ID: 1, Name: "Admin", Group: "Administrators"}, {ID: 2, Name: "Admin", Group: "Legacy"}, {ID: 3, Name: "Owner", Group: "Administrators"},
		},
		RoleGroups: []WorkspaceRoleGroup{{ID: 1, Name: "Administrators"}, {ID: 2, Name: "Legacy"}},
	}
	exceptions := Exceptions{
		Members: []MemberException{{Email: "breakglass@example.com", Reason: "first"}, {Email: "BREAKGLASS@example.com", Reason: "second"}},
		Roles:   []RoleException{{Name: "Admin", Group: "Administrators", Reason: "built in"}, {ID: 3, Reason: "by id"}, {Name: "admin", Reason: "wrong case"}},
		RoleGroups: []RoleGroupException{
			{ID: 2, Reason: "legacy"}, {Name: "Gone", Reason: "gone"},
		},
	}
	r := FindUnmanaged(stateOf(t, ""), ws, exceptions)
	if len(r.Accepted.Members) != 1 || r.Accepted.Members[0].Reason != "first" || len(r.Members) != 1 || r.Members[0].ID != 2 {
		t.Errorf("members: accepted %+v, unmanaged %+v; want BreakGlass@Example.com accepted for the first reason", r.Accepted.Members, r.Members)
	}
	if len(r.Accepted.Roles) != 2 || r.Accepted.Roles[0].ID != 1 || r.Accepted.Roles[1].ID != 3 || len(r.Roles) != 1 || r.Roles[0].ID != 2 {
		t.Errorf("roles: accepted %+v, unmanaged %+v; want Admin of Administrators and Owner accepted, Admin of Legacy not", r.Accepted.Roles, r.Roles)
	}
	if len(r.Accepted.RoleGroups) != 1 || r.Accepted.RoleGroups[0].Name != "Legacy" || len(r.RoleGroups) != 1 {
		t.Errorf("groups: accepted %+v, unmanaged %+v", r.Accepted.RoleGroups, r.RoleGroups)
	}
	// A second exception of one member is not stale: it matches, only the first one's reason shows.
	if got, want := r.Stale.String(), `role "admin in any group", role group "Gone"`; got != want {
		t.Errorf("stale = %s, want %s", got, want)
	}
}

// An exception of something the state manages now is stale: the exception is no longer needed.
func TestAnExceptionOfManagedAccessIsStale(t *testing.T) {
	t.Parallel()
	state := stateOf(t, stateResource("managed", "synerise_invitation", `{"id": 5, "email": "ada@example.com"}`))
	ws := Workspace{Members: []WorkspaceMember{{ID: 5, Email: "ada@example.com", Status: "ACTIVE"}}}
	r := FindUnmanaged(state, ws, Exceptions{Members: []MemberException{{Email: "ada@example.com", Reason: "until Terraform manages her"}}})
	if r.Unmanaged() != 0 || len(r.Accepted.Members) != 0 || len(r.Stale.Members) != 1 {
		t.Errorf("unmanaged %d, accepted %v, stale %v; want the exception stale", r.Unmanaged(), r.Accepted.Members, r.Stale.Members)
	}
	markdown := r.Markdown()
	for _, want := range []string{
		"Nothing unmanaged: the state manages every member, role and role group of the workspace. **1 exception matches nothing.**",
		"### Stale exceptions\n\nThis exception matches nothing unmanaged: what it names is gone, or the state manages it now. Remove it from the exceptions file.",
		"| member | ada@example.com | until Terraform manages her |",
	} {
		if !strings.Contains(markdown, want) {
			t.Errorf("the report lacks %q:\n%s", want, markdown)
		}
	}
}
