package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// generatedConfigCase creates one object of a resource type as <type>.this; the import of the same
// object must then generate a configuration that plans nothing but the import.
type generatedConfigCase struct {
	config string
	// prepare arranges the workspace before the first apply.
	prepare func(t *testing.T, w *testWorkspace)
	// importID is the import ID when it is not the id in the state, and importIDAttribute the
	// attribute of the state that holds it.
	importID, importIDAttribute string
}

var generatedConfigCases = map[string]generatedConfigCase{
	"synerise_role_group": {config: `
resource "synerise_role_group" "this" {
  name        = "Security"
  description = "Roles of the security team"
}`},
	"synerise_role": {config: `
resource "synerise_role_group" "security" {
  name = "Security"
}

resource "synerise_role" "this" {
  group_id    = synerise_role_group.security.id
  name        = "Auditor"
  description = "Reviews access, changes nothing"
}`},
	"synerise_role_pii": {
		config: auditorRole + `
resource "synerise_role_pii" "this" {
  role_id = synerise_role.auditor.id
}`,
		importIDAttribute: "role_id",
	},
	"synerise_invitation": {config: memberRoles + `
resource "synerise_invitation" "this" {
  email             = "ada@example.com"
  first_name        = "Ada"
  last_name         = "Lovelace"
  role_ids          = [synerise_role.auditor.id, synerise_role.developer.id]
  access_expires_at = "2030-01-31T00:00:00Z"
}`},
	"synerise_invitations": {
		config: memberRoles + `
resource "synerise_invitations" "this" {
  members = {
    ada_example_com  = { email = "ada@example.com", first_name = "Ada", role_ids = [synerise_role.auditor.id], access_expires_at = "2030-01-31T00:00:00Z" }
    alan_example_com = { email = "alan@example.com", role_ids = [synerise_role.auditor.id, synerise_role.developer.id] }
  }
}`,
		importID: "ada@example.com,alan@example.com",
	},
	"synerise_managed_domain": {
		config: `
resource "synerise_managed_domain" "this" {
  domain              = "example.com"
  verification_method = "FILE_CHECK"
  timeouts {
    create = "1m"
  }
}`,
		prepare: func(_ *testing.T, w *testWorkspace) { w.mock.PublishDomainProof("example.com", "FILE_CHECK") },
	},
	"synerise_mfa_requirement": {
		config: `
resource "synerise_mfa_requirement" "this" {
  enabled = true
}`,
		importID: "enabled",
	},
}

// The settings resources reuse their cases of TestAccSettingsResources: the first configuration, and a
// field changed outside Terraform that the generated configuration must carry as well.
func init() {
	for typeName, tc := range settingsCases {
		generatedConfigCases[typeName] = generatedConfigCase{
			config: fmt.Sprintf("resource %q \"this\" {\n%s\n}\n", typeName, tc.first),
			prepare: func(t *testing.T, w *testWorkspace) {
				w.patchSettings(t, specOf(t, tc.factory), tc.kept)
			},
		}
	}
}

// TestAccGeneratedConfig imports an object of every resource type with an import block and
// `terraform plan -generate-config-out`: the generated configuration must plan the import and nothing
// else, and describe the same object as the configuration that created it.
func TestAccGeneratedConfig(t *testing.T) {
	for _, typeName := range registeredResourceTypes(t) {
		if _, ok := generatedConfigCases[typeName]; !ok {
			t.Errorf("%s has no case in generatedConfigCases", typeName)
		}
	}
	for typeName, tc := range generatedConfigCases {
		t.Run(typeName, func(t *testing.T) {
			w := newTestWorkspace(t)
			if tc.prepare != nil {
				tc.prepare(t, w)
			}
			created := typeName + ".this"
			tfresource.ParallelTest(t, tfresource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				Steps: []tfresource.TestStep{
					{Config: w.config(tc.config)},
					{
						// The framework adds `import { to = <type>.generated }` to the configuration above
						// and fails unless the plan of the generated resource is a no-op import.
						ResourceName:      created,
						ImportState:       true,
						ImportStateKind:   tfresource.ImportBlockWithID,
						ImportStateIdFunc: tc.importIDOf(created),
						GenerateConfig:    true,
						ImportPlanChecks: tfresource.ImportPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(typeName+".generated", plancheck.ResourceActionNoop),
								expectImportedAs{imported: typeName + ".generated", original: created},
							},
						},
					},
				},
			})
		})
	}
}

func (tc generatedConfigCase) importIDOf(address string) tfresource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		r, ok := s.RootModule().Resources[address]
		switch {
		case !ok:
			return "", fmt.Errorf("%s is not in the state", address)
		case tc.importID != "":
			return tc.importID, nil
		case tc.importIDAttribute != "":
			return r.Primary.Attributes[tc.importIDAttribute], nil
		default:
			return r.Primary.ID, nil
		}
	}
}

func registeredResourceTypes(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, factory := range New("test")().Resources(context.Background()) {
		resp := &resource.MetadataResponse{}
		factory().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "synerise"}, resp)
		names = append(names, resp.TypeName)
	}
	slices.Sort(names)
	return names
}

// expectImportedAs compares the planned values of the imported resource with the state of the resource
// that created the object. Timeouts belong to a configuration, not to the object, so they are left out.
type expectImportedAs struct {
	imported, original string
}

func (c expectImportedAs) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var want map[string]any
	if req.Plan.PriorState != nil && req.Plan.PriorState.Values != nil {
		for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
			if r.Address == c.original {
				want = maps.Clone(r.AttributeValues)
			}
		}
	}
	if want == nil {
		resp.Error = fmt.Errorf("%s is not in the prior state", c.original)
		return
	}
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.imported || rc.Change == nil {
			continue
		}
		got, ok := rc.Change.After.(map[string]any)
		if !ok {
			resp.Error = fmt.Errorf("%s has no planned values", c.imported)
			return
		}
		got = maps.Clone(got)
		delete(got, "timeouts")
		delete(want, "timeouts")
		// The prior state holds numbers as json.Number and the planned values as float64: compare JSON.
		gotJSON, err := json.Marshal(got)
		if err != nil {
			resp.Error = err
			return
		}
		wantJSON, err := json.Marshal(want)
		if err != nil {
			resp.Error = err
			return
		}
		if string(gotJSON) != string(wantJSON) {
			resp.Error = fmt.Errorf("%s is planned as\n%s\nbut %s has\n%s", c.imported, gotJSON, c.original, wantJSON)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.imported)
}
