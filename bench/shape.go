package main

import (
	"fmt"
	"strings"
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
func (s shape) providerConfig() string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    synerise = { source = "synerise-oss/synerise" }
  }
}

provider "synerise" {}
`)
	fmt.Fprintf(&b, `
resource "synerise_role_group" "g" {
  count       = %d
  name        = "group-${count.index}"
  description = "Benchmark group ${count.index}"
}

resource "synerise_role" "r" {
  count       = %d
  group_id    = synerise_role_group.g[count.index %% %d].id
  name        = "role-${count.index}"
  description = "Benchmark role ${count.index}"
}

resource "synerise_role_pii" "p" {
  count   = %d
  role_id = synerise_role.r[count.index].id
}

resource "synerise_invitation" "i" {
  count      = %d
  email      = "user-${count.index}@bench.example.com"
  first_name = "User ${count.index}"
  role_ids   = [synerise_role.r[count.index %% %d].id]
}

resource "synerise_invitations" "team" {
  members = {
    for i in range(%d) : "member-${i}" => { email = "member-${i}@bench.example.com", role_ids = [synerise_role.r[i %% %d].id] }
  }
}

resource "synerise_password_policy" "this" {
  min_length = 14
}

resource "synerise_ip_policy" "this" {
  enabled   = false
  ip_policy = ["203.0.113.7"]
}

resource "synerise_ban_settings" "this" {
  first_ban_threshold = 5
}
`, s.groups, s.roles, s.groups, s.pii, s.invitations, s.roles, s.teamMembers, s.roles)
	return b.String()
}

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

// frameworkFloorConfig is the same graph of the framework floor's resources (floorprovider): what any
// provider of terraform-plugin-framework costs for N resources, and no more. Each block carries about
// the values of the provider's block it stands for.
func (s shape) frameworkFloorConfig() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    floor = { source = "bench/floor" }
  }
}

provider "floor" {}

resource "floor_object" "g" {
  count       = %d
  name        = "group-${count.index}"
  description = "Benchmark group ${count.index}"
}

resource "floor_object" "r" {
  count       = %d
  parent_id   = floor_object.g[count.index %% %d].id
  name        = "role-${count.index}"
  description = "Benchmark role ${count.index}"
}

resource "floor_object" "p" {
  count     = %d
  name      = "pii-${count.index}"
  parent_id = floor_object.r[count.index].id
}

resource "floor_object" "i" {
  count       = %d
  name        = "user-${count.index}@bench.example.com"
  description = "User ${count.index}"
  role_ids    = [floor_object.r[count.index %% %d].id]
}

resource "floor_team" "team" {
  members = {
    for i in range(%d) : "member-${i}" => { email = "member-${i}@bench.example.com", role_ids = [floor_object.r[i %% %d].id] }
  }
}

resource "floor_object" "settings" {
  count = %d
  name  = "settings-${count.index}"
}
`, s.groups, s.roles, s.groups, s.pii, s.invitations, s.roles, s.teamMembers, s.roles, settingsResources)
}
