package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func oauthWithWriteOnlyHeaders(secret string, version int) string {
	return fmt.Sprintf(`
resource "synerise_oauth_settings" "this" {
  enabled            = true
  endpoint           = "https://auth.example.com/verify"
  headers_wo         = { Authorization = "Bearer %s" }
  headers_wo_version = %d
}`, secret, version)
}

// expectHeaders checks the headers the API holds, and that the state holds no trace of secret.
func (w *testWorkspace) expectHeaders(want map[string]string, secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		settings, err := w.client.ReadSettings(context.Background(), "/sauth/settings/oauth")
		if err != nil {
			return err
		}
		held, _ := settings["headers"].(map[string]any)
		headers := map[string]string{}
		for name, value := range held {
			headers[name] = fmt.Sprint(value)
		}
		if !maps.Equal(headers, want) {
			return fmt.Errorf("the API holds the headers %v, want %v", settings["headers"], want)
		}
		for name, r := range s.RootModule().Resources {
			for k, v := range r.Primary.Attributes {
				if strings.Contains(v, secret) {
					return fmt.Errorf("the state attribute %s.%s holds the write-only secret", name, k)
				}
			}
		}
		return nil
	}
}

func TestAccOAuthSettingsResource_writeOnlyHeaders(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps:                    slices.Concat(headersBothWaysRefusedSteps(w), writeOnlyHeadersSteps(w), headersIntoStateAndOutSteps(w)),
	})
}

// headersBothWaysRefusedSteps refuse write-only headers without a version, and headers given both ways.
func headersBothWaysRefusedSteps(w *testWorkspace) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:      w.config(`resource "synerise_oauth_settings" "this" { headers_wo = { A = "b" } }`),
			ExpectError: wrappedError(`Attribute "headers_wo_version" must be specified when "headers_wo" is specified`),
		},
		{
			Config: w.config(`
resource "synerise_oauth_settings" "this" {
  headers            = { A = "b" }
  headers_wo         = { A = "b" }
  headers_wo_version = 1
}`),
			ExpectError: wrappedError(`Attribute "headers" cannot be specified when "headers_wo" is specified`),
		},
	}
}

// writeOnlyHeadersSteps write headers that never reach the state, sent again only with a new version.
func writeOnlyHeadersSteps(w *testWorkspace) []resource.TestStep {
	return []resource.TestStep{
		{
			Config: w.config(oauthWithWriteOnlyHeaders("first-secret", 1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers"), knownvalue.Null()),
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers_wo_version"), knownvalue.Int64Exact(1)),
			},
			Check: w.expectHeaders(map[string]string{"Authorization": "Bearer first-secret"}, "first-secret"),
		},
		{
			// Without a new version, Terraform cannot see that the value changed: nothing is planned.
			Config: w.config(oauthWithWriteOnlyHeaders("second-secret", 1)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: w.expectHeaders(map[string]string{"Authorization": "Bearer first-secret"}, "first-secret"),
		},
		{
			Config: w.config(oauthWithWriteOnlyHeaders("second-secret", 2)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("synerise_oauth_settings.this", plancheck.ResourceActionUpdate)},
			},
			Check: w.expectHeaders(map[string]string{"Authorization": "Bearer second-secret"}, "second-secret"),
		},
	}
}

// headersIntoStateAndOutSteps move the headers into the state and out of it again.
func headersIntoStateAndOutSteps(w *testWorkspace) []resource.TestStep {
	return []resource.TestStep{
		{
			// Back to headers kept in the state, where changes outside Terraform show.
			Config: w.config(`
resource "synerise_oauth_settings" "this" {
  enabled  = true
  endpoint = "https://auth.example.com/verify"
  headers  = { X-Api-Key = "kept-in-state" }
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers"), knownvalue.MapExact(map[string]knownvalue.Check{
					"X-Api-Key": knownvalue.StringExact("kept-in-state"),
				})),
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers_wo_version"), knownvalue.Null()),
			},
			Check: w.expectHeaders(map[string]string{"X-Api-Key": "kept-in-state"}, "second-secret"),
		},
		{
			// And from there to write-only again: the headers leave the state.
			Config: w.config(oauthWithWriteOnlyHeaders("third-secret", 3)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("synerise_oauth_settings.this", tfjsonpath.New("headers"), knownvalue.Null()),
			},
			Check: w.expectHeaders(map[string]string{"Authorization": "Bearer third-secret"}, "kept-in-state"),
		},
	}
}
