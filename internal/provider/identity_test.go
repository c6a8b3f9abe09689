package provider

import (
	"fmt"
	"maps"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// identityCase is what the identity of the object that generatedConfigCases creates as <type>.this
// must hold.
type identityCase struct {
	identity map[string]knownvalue.Check
	// matchesState names the state attribute each identity attribute must equal, where one does.
	matchesState map[string]string
	// config replaces the configuration of generatedConfigCases where that one sets what belongs to
	// the configuration only (timeouts), which an import cannot know.
	config string
	// changesOnImport marks a type whose import by identity cannot read the whole object, so the plan
	// after it updates the object.
	changesOnImport bool
}

var positiveNumber = knownvalue.Int64Func(func(v int64) error {
	if v <= 0 {
		return fmt.Errorf("%d is not a positive id", v)
	}
	return nil
})

var identityCases = map[string]identityCase{
	"synerise_role_group": {identity: map[string]knownvalue.Check{"id": positiveNumber}, matchesState: map[string]string{"id": "id"}},
	"synerise_role":       {identity: map[string]knownvalue.Check{"id": positiveNumber}, matchesState: map[string]string{"id": "id"}},
	"synerise_role_pii":   {identity: map[string]knownvalue.Check{"role_id": positiveNumber}, matchesState: map[string]string{"role_id": "role_id"}},
	"synerise_invitation": {identity: map[string]knownvalue.Check{"id": positiveNumber}, matchesState: map[string]string{"id": "id"}},
	"synerise_invitations": {identity: map[string]knownvalue.Check{
		"emails": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("ada@example.com"), knownvalue.StringExact("alan@example.com")}),
	}},
	"synerise_managed_domain": {
		identity: map[string]knownvalue.Check{"name": knownvalue.StringExact("example.com")},
		config: `
resource "synerise_managed_domain" "this" {
  domain              = "Example.com"
  verification_method = "FILE_CHECK"
}`,
	},
	"synerise_mfa_requirement": {identity: map[string]knownvalue.Check{"id": knownvalue.StringExact("mfa_requirement")}, changesOnImport: true},
}

// TestAccResourceIdentity creates an object of every resource type, checks the identity Terraform
// keeps for it, and imports the object again with an import block that gives that identity instead
// of an import ID: the plan must import it as it is.
func TestAccResourceIdentity(t *testing.T) {
	cases := maps.Clone(identityCases)
	// A settings singleton's identity is its fixed id.
	for typeName, tc := range settingsCases {
		id := knownvalue.StringExact(specOf(t, tc.factory).ID())
		cases[typeName] = identityCase{identity: map[string]knownvalue.Check{"id": id}, matchesState: map[string]string{"id": "id"}}
	}
	for _, typeName := range registeredResourceTypes(t) {
		if _, ok := cases[typeName]; !ok {
			t.Errorf("%s has no case in identityCases", typeName)
		}
	}
	for typeName, tc := range cases {
		created := generatedConfigCases[typeName]
		t.Run(typeName, func(t *testing.T) {
			w := newTestWorkspace(t)
			if created.prepare != nil {
				created.prepare(t, w)
			}
			config := created.config
			if tc.config != "" {
				config = tc.config
			}
			address := typeName + ".this"
			checks := []statecheck.StateCheck{statecheck.ExpectIdentity(address, tc.identity)}
			for identityAttr, stateAttr := range tc.matchesState {
				checks = append(checks, statecheck.ExpectIdentityValueMatchesStateAtPath(address, tfjsonpath.New(identityAttr), tfjsonpath.New(stateAttr)))
			}
			importAction := plancheck.ResourceActionNoop
			if tc.changesOnImport {
				importAction = plancheck.ResourceActionUpdate
			}
			tfresource.ParallelTest(t, tfresource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				Steps: []tfresource.TestStep{
					{Config: w.config(config), ConfigStateChecks: checks},
					{
						// The framework removes the resource from a copy of the state and adds
						// `import { to = <address>, identity = { ... } }` with the identity above.
						ResourceName:       address,
						ImportState:        true,
						ImportStateKind:    tfresource.ImportBlockWithResourceIdentity,
						ExpectNonEmptyPlan: tc.changesOnImport,
						ImportPlanChecks: tfresource.ImportPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, importAction)},
						},
					},
				},
			})
		})
	}
}

// TestAccResourceIdentity_badInput gives import blocks identities that name nothing: each is refused
// at plan time with an error that names the attribute, and nothing is imported.
func TestAccResourceIdentity_badInput(t *testing.T) {
	w := newTestWorkspace(t)
	importing := func(typeName, identity, arguments string) string {
		return w.config(fmt.Sprintf(`
import {
  to       = %[1]s.adopted
  identity = %[2]s
}

resource %[1]q "adopted" {
%[3]s
}`, typeName, identity, arguments))
	}
	tfresource.ParallelTest(t, tfresource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				// The identity leaves out the attribute it needs.
				Config:      importing("synerise_role_group", `{}`, `name = "Security"`),
				ExpectError: wrappedError(`attribute "id" is required`),
			},
			{
				// A role group's id is a number.
				Config:      importing("synerise_role_group", `{ id = "security" }`, `name = "Security"`),
				ExpectError: wrappedError(`\.id: a number is required`),
			},
			{
				// No role group has this id.
				Config:      importing("synerise_role_group", `{ id = 999 }`, `name = "Security"`),
				ExpectError: wrappedError(`The workspace has no role group 999`),
			},
			{
				Config:      importing("synerise_role_pii", `{ role_id = 0 }`, `role_id = 1`),
				ExpectError: wrappedError(`The identity's role_id must be the numeric id of a role, such as role_id = 12, got 0`),
			},
			{
				Config:      importing("synerise_ip_policy", `{ id = "password_policy" }`, ``),
				ExpectError: wrappedError(`import it with the id "ip_policy", not "password_policy"`),
			},
			{
				Config:      importing("synerise_managed_domain", `{ name = "https://example.com/" }`, `domain = "example.com"`),
				ExpectError: wrappedError(`Invalid import identity: name`),
			},
			{
				Config:      importing("synerise_invitations", `{ emails = [] }`, `members = { ada = { email = "ada@example.com", role_ids = [1] } }`),
				ExpectError: wrappedError(`The identity's emails must list the members' addresses`),
			},
			{
				Config:      importing("synerise_mfa_requirement", `{ id = "enabled" }`, `enabled = true`),
				ExpectError: wrappedError(`import it with the id "mfa_requirement", not "enabled"`),
			},
		},
	})
}
