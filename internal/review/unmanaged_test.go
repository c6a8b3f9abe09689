package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// goldenWorkspace is a workspace as the API could describe it beside testdata/unmanaged.state.json
// (the state the real CLI wrote, see testdata/unmanaged-config): its own ids, so the golden files do
// not depend on the mock's.
var goldenWorkspace = Workspace{
	Members: []WorkspaceMember{
		{ID: 1, Email: "admin@example.com", Status: "ACTIVE", Roles: []string{"Admin"}},
		// The state's Lead@Example.com, id 2 while pending, accepted since: a new id, the same address.
		{ID: 17, Email: "lead@example.com", Status: "ACTIVE", Roles: []string{"Developer", "Auditor"}},
		{ID: 3, Email: "ada@example.com", Status: "PENDING", Roles: []string{"Developer"}},
		{ID: 4, Email: "alan@example.com", Status: "PENDING", Roles: []string{"Developer"}},
		{ID: 9, Email: "breakglass@example.com", Status: "ACTIVE", Roles: []string{"Owner", "Admin"}},
		{ID: 12, Email: "contractor@example.com", Status: "EXPIRED", Roles: []string{"Marketer"}},
		{ID: 13, Email: "former@example.com", Status: "INACTIVE"},
		{ID: 14, Email: "invited@partner.example", Status: "PENDING", Roles: []string{"Analyst"}},
	},
	Roles: []WorkspaceRole{
		{ID: 1, Name: "Admin", Group: "Administrators"},
		{ID: 2, Name: "Owner", Group: "Administrators"},
		{ID: 3, Name: "Marketer", Group: "Default"},
		{ID: 4, Name: "Analyst", Group: "Default"},
		{ID: 5, Name: "Developer", Group: "Engineering"},
		{ID: 6, Name: "Auditor", Group: "Security"},
		// Made by hand in a group the state manages.
		{ID: 7, Name: "Support | tier 2", Group: "Engineering"},
	},
	RoleGroups: []WorkspaceRoleGroup{{ID: 1, Name: "Administrators"}, {ID: 2, Name: "Default"}, {ID: 3, Name: "Engineering"}, {ID: 4, Name: "Security"}},
}

func readTestdata[T any](t *testing.T, name string, read func(r *os.File) (T, error)) T {
	t.Helper()
	file, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	v, err := read(file)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func goldenReport(t *testing.T) *UnmanagedReport {
	t.Helper()
	state := readTestdata(t, "unmanaged.state.json", func(f *os.File) (*tfjson.State, error) { return ReadState(f) })
	exceptions := readTestdata(t, "unmanaged.exceptions.json", func(f *os.File) (Exceptions, error) { return ReadExceptions(f) })
	return FindUnmanaged(state, goldenWorkspace, exceptions)
}

func TestUnmanagedGolden(t *testing.T) {
	t.Parallel()
	report := goldenReport(t)
	compareGolden(t, filepath.Join("testdata", "unmanaged.md"), report.Markdown())
	var out bytes.Buffer
	if err := report.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	compareGolden(t, filepath.Join("testdata", "unmanaged.json"), out.String())
}

// The golden files are checked by eye once; this holds the facts they rest on.
func TestUnmanagedFindsWhatTheStateDoesNotManage(t *testing.T) {
	t.Parallel()
	report := goldenReport(t)
	if report.SyneriseResources != 6 {
		t.Errorf("synerise resources in the state = %d, want 6 (root and child module, no data source, no terraform_data)", report.SyneriseResources)
	}
	var emails []string
	for _, m := range report.Members {
		emails = append(emails, m.Email)
	}
	if got, want := strings.Join(emails, " "), "admin@example.com contractor@example.com former@example.com invited@partner.example"; got != want {
		t.Errorf("unmanaged members = %s, want %s", got, want)
	}
	var roles []string
	for _, r := range report.Roles {
		roles = append(roles, r.Group+"/"+r.Name)
	}
	if got, want := strings.Join(roles, " "), "Administrators/Owner Default/Analyst Default/Marketer Engineering/Support | tier 2"; got != want {
		t.Errorf("unmanaged roles = %s, want %s", got, want)
	}
	if len(report.RoleGroups) != 1 || report.RoleGroups[0].Name != "Default" {
		t.Errorf("unmanaged groups = %v, want Default alone", report.RoleGroups)
	}
	accepted := report.Accepted
	if len(accepted.Members) != 1 || accepted.Members[0].ID != 9 || !strings.HasPrefix(accepted.Members[0].Reason, "Break-glass") ||
		len(accepted.Roles) != 1 || accepted.Roles[0].ID != 1 || len(accepted.RoleGroups) != 1 || accepted.RoleGroups[0].ID != 1 {
		t.Errorf("accepted = %+v, want breakglass@example.com, Admin and Administrators", accepted)
	}
	if got, want := report.Stale.String(), `member "gone@example.com", role "id 42"`; got != want {
		t.Errorf("stale exceptions = %s, want %s", got, want)
	}
	if report.Unmanaged() != 9 {
		t.Errorf("Unmanaged() = %d, want 9", report.Unmanaged())
	}
}

func stateOf(t *testing.T, rootResources string, children ...string) *tfjson.State {
	t.Helper()
	modules := make([]string, len(children))
	for i, c := range children {
		modules[i] = fmt.Sprintf(`{"address": "module.m%d", "resources": [%s]}`, i, c)
	}
	return parseState(t, fmt.Sprintf(`{"format_version": "1.0", "values": {"root_module": {"resources": [%s], "child_modules": [%s]}}}`,
		rootResources, strings.Join(modules, ", ")))
}

func parseState(t *testing.T, doc string) *tfjson.State {
	t.Helper()
	state, err := ReadState(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("%v in %s", err, doc)
	}
	return state
}

func stateResource(mode, resourceType, values string) string {
	return fmt.Sprintf(`{"address": "%s.x", "mode": %q, "type": %q, "name": "x", "values": %s}`, resourceType, mode, resourceType, values)
}

func TestWhatAStateManages(t *testing.T) {
	t.Parallel()
	member := Workspace{Members: []WorkspaceMember{{ID: 7, Email: "Ada@Example.com", Status: "ACTIVE"}}}
	role := Workspace{Roles: []WorkspaceRole{{ID: 7, Name: "Developer", Group: "Engineering"}}}
	group := Workspace{RoleGroups: []WorkspaceRoleGroup{{ID: 7, Name: "Engineering"}}}
	for _, tt := range []struct {
		name      string
		state     *tfjson.State
		workspace Workspace
		managed   bool
	}{
		{"an invitation by id", stateOf(t, stateResource("managed", "synerise_invitation", `{"id": 7, "email": "other@example.com"}`)), member, true},
		{"an invitation by email, whatever its case", stateOf(t, stateResource("managed", "synerise_invitation", `{"id": 2, "email": "ADA@example.COM"}`)), member, true},
		{"an invitation of somebody else", stateOf(t, stateResource("managed", "synerise_invitation", `{"id": 2, "email": "alan@example.com"}`)), member, false},
		{"an invitation not yet created", stateOf(t, stateResource("managed", "synerise_invitation", `{"id": null, "email": null}`)), member, false},
		{"a member of invitations by id", stateOf(t, stateResource("managed", "synerise_invitations", `{"members": {"a": {"id": 7, "email": "x@example.com"}}}`)), member, true},
		{"a member of invitations by email", stateOf(t, stateResource("managed", "synerise_invitations", `{"members": {"a": {"id": 1, "email": "ada@example.com"}}}`)), member, true},
		{"an invitation in a child module", stateOf(t, "", stateResource("managed", "synerise_invitation", `{"id": 7, "email": "ada@example.com"}`)), member, true},
		{"a data source that lists the member", stateOf(t, stateResource("data", "synerise_users", `{"id": 7, "email": "ada@example.com"}`)), member, false},
		{"another provider's resource", stateOf(t, stateResource("managed", "other_invitation", `{"id": 7, "email": "ada@example.com"}`)), member, false},
		{"a role by id", stateOf(t, stateResource("managed", "synerise_role", `{"id": 7, "name": "Renamed"}`)), role, true},
		{"a role of another id and the same name", stateOf(t, stateResource("managed", "synerise_role", `{"id": 8, "name": "Developer"}`)), role, false},
		{"a role by a group's id", stateOf(t, stateResource("managed", "synerise_role_group", `{"id": 7}`)), role, false},
		{"a group by id", stateOf(t, stateResource("managed", "synerise_role_group", `{"id": 7, "name": "Renamed"}`)), group, true},
		{"a group by a role's id", stateOf(t, stateResource("managed", "synerise_role", `{"id": 7}`)), group, false},
		{"a role group in a grandchild module", parseState(t, `{"format_version": "1.0", "values": {"root_module": {"child_modules": [
			{"address": "module.a", "child_modules": [{"address": "module.a.module.b", "resources": [`+
			stateResource("managed", "synerise_role_group", `{"id": 7}`)+`]}]}]}}}`), group, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			report := FindUnmanaged(tt.state, tt.workspace, Exceptions{})
			if managed := report.Unmanaged() == 0; managed != tt.managed {
				t.Errorf("managed = %v, want %v; report:\n%s", managed, tt.managed, report.Markdown())
			}
		})
	}
}

func TestAStateWithoutSyneriseResources(t *testing.T) {
	t.Parallel()
	state := stateOf(t, stateResource("managed", "aws_s3_bucket", `{"id": "b"}`)+", "+stateResource("data", "synerise_users", `{"users": []}`))
	report := FindUnmanaged(state, goldenWorkspace, Exceptions{})
	if report.SyneriseResources != 0 || report.Unmanaged() != len(goldenWorkspace.Members)+len(goldenWorkspace.Roles)+len(goldenWorkspace.RoleGroups) {
		t.Errorf("report of a state of another provider: %d synerise resources, %d unmanaged", report.SyneriseResources, report.Unmanaged())
	}
	if markdown := report.Markdown(); !strings.HasPrefix(markdown, "## Unmanaged access\n\n> **The state manages no Synerise resource.**") {
		t.Errorf("the report does not open with the warning:\n%s", markdown)
	}
	empty := FindUnmanaged(stateOf(t, ""), goldenWorkspace, Exceptions{})
	if empty.SyneriseResources != 0 || !strings.Contains(empty.Markdown(), "The state manages no Synerise resource") {
		t.Errorf("an empty state: %d synerise resources, report:\n%s", empty.SyneriseResources, empty.Markdown())
	}
}

func TestAnEmptyWorkspace(t *testing.T) {
	t.Parallel()
	state := readTestdata(t, "unmanaged.state.json", func(f *os.File) (*tfjson.State, error) { return ReadState(f) })
	report := FindUnmanaged(state, Workspace{}, Exceptions{})
	want := "## Unmanaged access\n\nNothing unmanaged: the state manages every member, role and role group of the workspace.\n"
	if got := report.Markdown(); got != want || report.Unmanaged() != 0 {
		t.Errorf("report of an empty workspace: %d unmanaged,\n%q\nwant\n%q", report.Unmanaged(), got, want)
	}
	var out bytes.Buffer
	if err := report.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"unmanaged", "accepted", "stale_exceptions"} {
		lists, _ := doc[part].(map[string]any)
		for _, kind := range []string{"members", "roles", "role_groups"} {
			if list, ok := lists[kind].([]any); !ok || len(list) != 0 {
				t.Errorf("%s.%s = %v, want []", part, kind, lists[kind])
			}
		}
	}
	if doc["format_version"] != UnmanagedFormatVersion || doc["synerise_resources_in_state"] != 6.0 {
		t.Errorf("format_version %v, synerise_resources_in_state %v", doc["format_version"], doc["synerise_resources_in_state"])
	}
}

func TestLongListsFold(t *testing.T) {
	t.Parallel()
	var ws Workspace
	for i := range foldAfter + 1 {
		ws.Members = append(ws.Members, WorkspaceMember{ID: int64(i + 1), Email: fmt.Sprintf("m%d@example.com", i), Status: "ACTIVE"})
	}
	ws.Roles = []WorkspaceRole{{ID: 1, Name: "Admin", Group: "Administrators"}}
	markdown := FindUnmanaged(stateOf(t, ""), ws, Exceptions{}).Markdown()
	if !strings.Contains(markdown, "<details><summary>9 members</summary>\n\n| Member | Status | Roles | Id |") {
		t.Errorf("9 members are not folded:\n%s", markdown)
	}
	if !strings.Contains(markdown, "### Roles\n\n| Role | Group | Id |\n|---|---|---|\n| Admin | Administrators | 1 |\n") {
		t.Errorf("one role is folded or missing:\n%s", markdown)
	}
}
