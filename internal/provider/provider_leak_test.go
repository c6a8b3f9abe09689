package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Secrets must not reach Terraform's logs at the most verbose level, nor error messages. The test
// cannot run in parallel: the log destination is process-wide.
func TestAccProvider_secretsStayOutOfLogs(t *testing.T) {
	const headerSecret = "header-secret-5f1d2c"
	logPath := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	w := newTestWorkspace(t)
	oauth := w.config(fmt.Sprintf(`
resource "synerise_role_group" "ops" {
  name = "Operations"
}

resource "synerise_oauth_settings" "this" {
  enabled  = true
  endpoint = "https://auth.example.com/verify"
  headers  = { Authorization = "Bearer %s" }
}`, headerSecret))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: oauth},
			{ResourceName: "synerise_oauth_settings.this", ImportState: true, ImportStateId: "oauth_settings", ImportStateVerify: true},
			{
				Config: fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = %q
}
resource "synerise_role_group" "x" { name = "x" }`, w.url, testToken+"-wrong"),
				ExpectError: wrappedError(`401 Unauthorized`),
			},
			{
				Config: oauth,
				Check: func(s *terraform.State) error {
					for _, r := range s.RootModule().Resources {
						for k, v := range r.Primary.Attributes {
							if strings.Contains(v, testToken) {
								return fmt.Errorf("state attribute %s holds the API token", k)
							}
						}
					}
					return nil
				},
			},
		},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := providerEntries(string(raw))
	if !strings.Contains(log, "API request") {
		t.Fatalf("the log (%d bytes) holds none of the client's request lines; the test would prove nothing", len(log))
	}
	for name, secret := range map[string]string{"API token": testToken, "OAuth header": headerSecret} {
		if i := strings.Index(log, secret); i >= 0 {
			t.Errorf("the %s appears in the TRACE log: …%s…", name, log[max(0, i-200):min(len(log), i+100)])
		}
	}
}

// providerEntries drops the test harness's own entries (sdk.helper_resource), which quote the test's
// configuration and with it the secrets the test planted; in real use that text is the user's own file.
// An entry starts with a timestamp; its continuation lines are indented.
func providerEntries(log string) string {
	var kept strings.Builder
	harness := false
	for line := range strings.Lines(log) {
		if line != "" && line[0] >= '0' && line[0] <= '9' {
			harness = strings.Contains(line, " sdk.helper_resource: ")
		}
		if !harness {
			kept.WriteString(line)
		}
	}
	return kept.String()
}
