package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Hostile input: what a user gets wrong on purpose or by accident, and the error that must name it.

// Importing an object that does not exist names the object, instead of Terraform's generic
// "non-existent remote object" text (which speaks of regions, a notion this API does not have).
func TestAccHostile_importOfAMissingObjectNamesIt(t *testing.T) {
	w := newTestWorkspace(t)
	cases := []struct {
		resource, id string
		want         *regexp.Regexp
	}{
		{"synerise_role_group", "4242", regexp.MustCompile(`(?s)The workspace has no role group 4242.*synerise_role_groups`)},
		{"synerise_role", "4242", regexp.MustCompile(`(?s)The workspace has no role 4242.*synerise_available_roles`)},
		{"synerise_role_pii", "4242", regexp.MustCompile(`(?s)The workspace has no role 4242`)},
		{"synerise_role", "-3", regexp.MustCompile(`Expected the numeric id of a role, such as 12, got "-3"`)},
		{"synerise_password_policy", "passwords", regexp.MustCompile(`(?s)import it with the id\s+"password_policy", not "passwords"`)},
	}
	for _, c := range cases {
		t.Run(c.resource+"/"+c.id, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: w.config(`
import {
  to = ` + c.resource + `.imported
  id = "` + c.id + `"
}
resource "` + c.resource + `" "imported" {` + importedBody(c.resource) + `}
`),
					PlanOnly:    true,
					ExpectError: c.want,
				}},
			})
		})
	}
}

// importedBody is a valid configuration of each type that the import test uses.
func importedBody(resourceType string) string {
	switch resourceType {
	case "synerise_role":
		return "\n  group_id = 1\n  name = \"x\"\n"
	case "synerise_role_group":
		return "\n  name = \"x\"\n"
	case "synerise_role_pii":
		return "\n  role_id = 4242\n"
	}
	return ""
}

// A fractional or oversized number where the API takes an integer is refused at plan time with a
// message that names the attribute, not the framework's "This is always an error in the provider".
func TestAccHostile_numbersThatAreNotWhole(t *testing.T) {
	w := newTestWorkspace(t)
	cases := map[string]struct{ config, want string }{
		"fraction in a setting": {
			config: `resource "synerise_password_policy" "this" { digits = 1.5 }`,
			want:   `(?s)Not a whole number.*digits must be a whole number such as 8, got 1.5`,
		},
		"fraction in an id": {
			config: `resource "synerise_role" "this" {
  group_id = 2.25
  name     = "Auditor"
}`,
			want: `(?s)Not a whole number.*group_id must be a whole number such as 8, got 2.25`,
		},
		"beyond 64 bits": {
			config: `resource "synerise_role_pii" "this" { role_id = 1e30 }`,
			want:   `(?s)Not a whole number.*role_id must be a whole number such as 8, got 1e\+30`,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      w.config(c.config),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
		})
	}
}
