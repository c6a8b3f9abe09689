package main

import (
	"fmt"
	"strings"
	"text/template"
)

// shape is the mix of N resources: role groups, roles across them, PII access of some roles, single
// invitations, one bulk invitation of a team, and three settings objects.
type shape struct {
	groups, roles, pii, invitations, teamMembers int
}

const settingsResources = 3

func shapeFor(n int) shape {
	s := shape{groups: max(1, n/20), pii: n / 10, teamMembers: max(10, n/5)}
	rest := n - settingsResources - 1 - s.groups - s.pii
	s.roles = rest * 55 / 100
	s.invitations = rest - s.roles
	return s
}

// providerConfig is the workspace configuration of the shape.
func (s shape) providerConfig() string { return s.render(providerDialect) }

// frameworkFloorConfig is the same graph of the framework floor's resources (floorprovider): what any
// provider of terraform-plugin-framework costs for N resources, and no more. Each block carries about
// the values of the provider's block it stands for.
func (s shape) frameworkFloorConfig() string { return s.render(frameworkFloorDialect) }

// floorConfig is the same graph of terraform_data resources: Terraform's own cost of N resources.
func (s shape) floorConfig() string {
	return fmt.Sprintf(`
resource "terraform_data" "g" {
  count = %d
  input = "group-${count.index}"
}

resource "terraform_data" "r" {
  count = %d
  input = { group = terraform_data.g[count.index %% %d].id, name = "role-${count.index}" }
}

resource "terraform_data" "p" {
  count = %d
  input = terraform_data.r[count.index].id
}

resource "terraform_data" "i" {
  count = %d
  input = { email = "user-${count.index}@bench.example.com", roles = [terraform_data.r[count.index %% %d].id] }
}

resource "terraform_data" "team" {
  input = { for i in range(%d) : "member-${i}@bench.example.com" => [terraform_data.r[i %% %d].id] }
}

resource "terraform_data" "settings" {
  count = %d
  input = "settings-${count.index}"
}
`, s.groups, s.roles, s.groups, s.pii, s.invitations, s.roles, s.teamMembers, s.roles, settingsResources)
}

// dialect is how one provider writes the graph: its resource types and the attributes that stand for
// the provider's.
type dialect struct {
	// Header declares and configures the provider.
	Header string
	// Group, Role, PII, Invitation and Team are the resource types of role groups, roles, PII settings,
	// single invitations and the bulk invitation.
	Group, Role, PII, Invitation, Team string
	// GroupOf names a role's group, RoleOf a PII setting's role.
	GroupOf, RoleOf string
	// PIIName is a PII setting's further attribute line, if any.
	PIIName string
	// Email and FirstName are an invitation's address and name.
	Email, FirstName string
	// Settings are the three settings objects.
	Settings string
}

// requiredProvider declares the provider at source under name, with an empty provider block.
func requiredProvider(name, source string) string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = { source = %q }\n  }\n}\n\nprovider %q {}\n", name, source, name)
}

var providerDialect = dialect{
	Header: requiredProvider("synerise", "synerise-oss/synerise"),
	Group:  "synerise_role_group", Role: "synerise_role", PII: "synerise_role_pii", Invitation: "synerise_invitation", Team: "synerise_invitations",
	GroupOf: "group_id", RoleOf: "role_id", Email: "email", FirstName: "first_name",
	Settings: `resource "synerise_password_policy" "this" {
  min_length = 14
}

resource "synerise_ip_policy" "this" {
  enabled   = false
  ip_policy = ["203.0.113.7"]
}

resource "synerise_ban_settings" "this" {
  first_ban_threshold = 5
}
`,
}

var frameworkFloorDialect = dialect{
	Header: requiredProvider("floor", "bench/floor"),
	Group:  "floor_object", Role: "floor_object", PII: "floor_object", Invitation: "floor_object", Team: "floor_team",
	GroupOf: "parent_id", RoleOf: "parent_id", PIIName: `name = "pii-${count.index}"`, Email: "name", FirstName: "description",
	Settings: fmt.Sprintf(`resource "floor_object" "settings" {
  count = %d
  name  = "settings-${count.index}"
}
`, settingsResources),
}

// graph is the shape's configuration in a dialect.
var graph = template.Must(template.New("graph").Parse(`{{.D.Header}}
resource "{{.D.Group}}" "g" {
  count       = {{.S.Groups}}
  name        = "group-${count.index}"
  description = "Benchmark group ${count.index}"
}

resource "{{.D.Role}}" "r" {
  count       = {{.S.Roles}}
  {{.D.GroupOf}} = {{.D.Group}}.g[count.index % {{.S.Groups}}].id
  name        = "role-${count.index}"
  description = "Benchmark role ${count.index}"
}

resource "{{.D.PII}}" "p" {
  count = {{.S.PII}}{{with .D.PIIName}}
  {{.}}{{end}}
  {{.D.RoleOf}} = {{.D.Role}}.r[count.index].id
}

resource "{{.D.Invitation}}" "i" {
  count = {{.S.Invitations}}
  {{.D.Email}} = "user-${count.index}@bench.example.com"
  {{.D.FirstName}} = "User ${count.index}"
  role_ids = [{{.D.Role}}.r[count.index % {{.S.Roles}}].id]
}

resource "{{.D.Team}}" "team" {
  members = {
    for i in range({{.S.TeamMembers}}) : "member-${i}" => { email = "member-${i}@bench.example.com", role_ids = [{{.D.Role}}.r[i % {{.S.Roles}}].id] }
  }
}

{{.D.Settings}}`))

// render writes the shape's graph in d.
func (s shape) render(d dialect) string {
	var b strings.Builder
	counts := struct{ Groups, Roles, PII, Invitations, TeamMembers int }{s.groups, s.roles, s.pii, s.invitations, s.teamMembers}
	if err := graph.Execute(&b, struct {
		D dialect
		S any
	}{d, counts}); err != nil {
		panic(err)
	}
	return b.String()
}
