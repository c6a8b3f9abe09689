package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

func TestCheckAPIURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url     string
		wantErr string
	}{
		{url: "https://api.synerise.com"},
		{url: "http://127.0.0.1:8080"},
		{url: "http://localhost:8080"},
		{url: "http://[::1]:8080"},
		{url: "http://127.0.0.2"},
		{url: "http://api.synerise.com", wantErr: "not loopback"},
		{url: "http://10.0.0.1:8080", wantErr: "not loopback"},
		{url: "ftp://api.synerise.com", wantErr: "must use https"},
		{url: "api.synerise.com", wantErr: "not an absolute URL"},
	}
	for _, tt := range tests {
		err := checkAPIURL(tt.url)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("checkAPIURL(%q) = %v, want no error", tt.url, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("checkAPIURL(%q) = %v, want an error containing %q", tt.url, err, tt.wantErr)
		}
	}
}

func TestAccProvider_configurationErrors(t *testing.T) {
	t.Setenv(envAPIToken, "")
	t.Setenv(envAPIURL, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "synerise" {
  api_url   = "http://api.example.com"
  api_token = "t"
}
resource "synerise_role_group" "x" { name = "x" }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Synerise API URL.*not loopback`),
			},
			{
				Config: `
provider "synerise" {
  api_url = "http://127.0.0.1:1"
}
resource "synerise_role_group" "x" { name = "x" }`,
				ExpectError: regexp.MustCompile(`(?s)Missing Synerise API token.*SYNERISE_API_TOKEN`),
			},
		},
	})
}

func TestAccProvider_wrongToken(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = "expired-token"
}
resource "synerise_role_group" "x" { name = "x" }`, w.url),
				ExpectError: regexp.MustCompile(`(?s)401 Unauthorized.*The API token is missing, expired or invalid`),
			},
		},
	})
}

func TestAccProvider_missingPermission(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{LimitedTokens: map[string][]string{"reader": {"settings_users: read"}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = "reader"
}
resource "synerise_role_group" "x" { name = "x" }`, w.url),
				ExpectError: wrappedError(`403 Forbidden(?s).*lacks the permission "settings_users: create"`),
			},
		},
	})
}

// A gateway that fails twice is survived with the default retries, and fails the run with none.
func TestAccProvider_retriesAreConfigurable(t *testing.T) {
	flaky := func(failures int32) *httptest.Server {
		mock := mockserver.New(mockserver.Options{Token: testToken})
		var seen atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && seen.Add(1) <= failures {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			mock.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	config := func(url, retries string) string {
		return fmt.Sprintf(`
provider "synerise" {
  api_url        = %q
  api_token      = %q
  max_retry_wait = "10ms"
  %s
}
data "synerise_role_groups" "all" {}`, url, testToken, retries)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(flaky(0).URL, `max_retries = 99`), ExpectError: wrappedError(`value must be between 0 and 50`)},
			{Config: config(flaky(1).URL, "max_retries = 0"), ExpectError: wrappedError(`503 Service Unavailable`)},
			{Config: config(flaky(2).URL, "")},
		},
	})
}

func TestAccProvider_requestTimeoutMustBePositive(t *testing.T) {
	w := newTestWorkspace(t)
	t.Setenv(envRequestTimeout, "soon")
	config := func(timeout string) string {
		return fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = %q
  %s
}
data "synerise_role_groups" "all" {}`, w.url, testToken, timeout)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(`request_timeout = "0s"`), ExpectError: wrappedError(`Invalid request timeout(?s).*request_timeout must be a positive duration such as 30s, got "0s"`)},
			{Config: config(""), ExpectError: wrappedError(`The SYNERISE_REQUEST_TIMEOUT environment variable must be a positive Go duration such as 60s, got "soon"`)},
		},
	})
}

// SYNERISE_REQUEST_TIMEOUT stands in for request_timeout: a hung listing is given up after a second
// and retried, where the default would wait a minute.
func TestAccProvider_requestTimeoutFromTheEnvironment(t *testing.T) {
	w := newTestWorkspaceWith(t, mockserver.Options{Faults: mockserver.Faults{Script: map[string][]string{
		"GET /uauth/roles/listing": {mockserver.FaultHang},
	}}})
	t.Setenv(envRequestTimeout, "1s")
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: hostileProvider(w, "") + `data "synerise_role_groups" "all" {}`},
		},
	})
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Errorf("the run took %s; the environment's request timeout was not applied", elapsed)
	}
}
