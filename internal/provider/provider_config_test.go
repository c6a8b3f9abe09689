package provider

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

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

// busiestSecond is the largest number of requests sent within any one second.
func busiestSecond(sent []time.Time) int {
	busiest := 0
	for i, from := range sent {
		n := 0
		for _, at := range sent[i:] {
			if at.Sub(from) < time.Second {
				n++
			}
		}
		busiest = max(busiest, n)
	}
	return busiest
}

// schedulingJitter bounds how much later than the rate limiter's release a request may be recorded as
// sent, should the goroutine be descheduled in between on a loaded machine.
const schedulingJitter = 250 * time.Millisecond

// sendTimes records when each request of the provider leaves its client, past the rate limiter, one
// series per client: the cap holds per provider configuration, and Terraform configures a provider
// afresh for each operation (and for the plan and the apply of one apply), each with a budget of its
// own, so requests of two clients that follow each other closely may together exceed it. The mock's
// arrival times would not do: on a loaded machine requests that left at their pace can reach the server
// bunched together.
type sendTimes struct {
	mu     sync.Mutex
	series [][]time.Time
}

// seriesTransport records the requests of one client as series i.
type seriesTransport struct {
	times *sendTimes
	i     int
}

func (t seriesTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.times.mu.Lock()
	t.times.series[t.i] = append(t.times.series[t.i], time.Now())
	t.times.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// newSeries is the transport of a new client.
func (s *sendTimes) newSeries() http.RoundTripper {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.series = append(s.series, nil)
	return seriesTransport{times: s, i: len(s.series) - 1}
}

func (s *sendTimes) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.series {
		s.series[i] = nil
	}
}

// factories serve a provider whose every API client sends through a series of s.
func (s *sendTimes) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return providerFactoriesWith(func(c *iam.Config) { c.HTTPClient = &http.Client{Transport: s.newSeries()} })
}

// expectRateWithin checks that no client's requests left faster than perSecond, with the burst of one
// the cap allows and the scheduling jitter, and that there were enough of them for that to say
// something. Without a cap the provider sends hundreds a second.
func (s *sendTimes) expectRateWithin(perSecond, atLeast int) error {
	s.mu.Lock()
	series := make([][]time.Time, len(s.series))
	for i, sent := range s.series {
		series[i] = slices.Clone(sent)
	}
	s.mu.Unlock()
	total := 0
	allowed := perSecond + 1 + int(math.Ceil(float64(perSecond)*schedulingJitter.Seconds()))
	for _, sent := range series {
		total += len(sent)
		if busiest := busiestSecond(sent); busiest > allowed {
			return fmt.Errorf("one client sent %d requests within one second, over the cap of %d a second (%d with the burst and jitter)", busiest, perSecond, allowed)
		}
	}
	if total < atLeast {
		return fmt.Errorf("the provider sent %d requests, want at least %d to measure their rate", total, atLeast)
	}
	return nil
}

// A hundred roles under a cap of 20 requests a second: apply, refresh and destroy never send more
// than that in any second, retries included; a bad cap is refused before anything is sent, and the
// state survives it.
func TestAccProvider_requestRateCap(t *testing.T) {
	w := newTestWorkspace(t)
	config := func(limit string) string {
		return fmt.Sprintf(`
provider "synerise" {
  api_url                 = %q
  api_token               = %q
  max_retries             = 10
  max_retry_wait          = "200ms"
  max_requests_per_second = %s
}

resource "synerise_role_group" "many" {
  name = "Many"
}

resource "synerise_role" "many" {
  count    = 100
  group_id = synerise_role_group.many.id
  name     = "Role ${count.index}"
}`, w.url, testToken, limit)
	}
	sent := &sendTimes{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: sent.factories(),
		CheckDestroy: func(*terraform.State) error {
			return sent.expectRateWithin(20, 200)
		},
		Steps: []resource.TestStep{
			{
				Config: config("20"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_role.many[99]", tfjsonpath.New("name"), knownvalue.StringExact("Role 99")),
				},
				Check: func(*terraform.State) error {
					if roles := w.mock.Snapshot().Roles; roles["Role 0"] != 1 || roles["Role 99"] != 1 {
						return fmt.Errorf("the workspace holds roles %v, want each of the 100 once", roles)
					}
					return sent.expectRateWithin(20, 100)
				},
			},
			{
				Config:      config("-1"),
				ExpectError: wrappedError(`Attribute max_requests_per_second value must be at least 0, got: -1`),
			},
			{
				// The refused cap changed nothing: the roles are all there and in the state.
				Config: config("20"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// SYNERISE_MAX_REQUESTS_PER_SECOND stands in for max_requests_per_second; a value that is not a
// whole number of 0 or more is refused with the variable's name.
func TestAccProvider_requestRateCapFromTheEnvironment(t *testing.T) {
	w := newTestWorkspace(t)
	config := hostileProvider(w, "max_retries = 10") + `
resource "synerise_role_group" "few" {
  count = 6
  name  = "Few ${count.index}"
}`
	sent := &sendTimes{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: sent.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { t.Setenv(envMaxRequestsPerSecond, "fast") },
				Config:      config,
				ExpectError: wrappedError(`The SYNERISE_MAX_REQUESTS_PER_SECOND environment variable must be a whole number of requests per second, 0 for no cap, got "fast"`),
			},
			{
				PreConfig:   func() { t.Setenv(envMaxRequestsPerSecond, "-3") },
				Config:      config,
				ExpectError: wrappedError(`environment variable must be a whole number of requests per second, 0 for no cap, got "-3"`),
			},
			{
				PreConfig: func() {
					t.Setenv(envMaxRequestsPerSecond, "2")
					sent.reset()
				},
				Config: config,
				Check: func(*terraform.State) error {
					return sent.expectRateWithin(2, 6)
				},
			},
		},
	})
}

// A cap known only after apply cannot pace the requests that come before it: refused, never read as
// 0 (no cap).
func TestAccProvider_requestRateCapKnownOnlyAtApply(t *testing.T) {
	w := newTestWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "terraform_data" "cap" {
  input = 5
}

provider "synerise" {
  api_url                 = %q
  api_token               = %q
  max_requests_per_second = terraform_data.cap.output
}

resource "synerise_role_group" "paced" {
  name = "Paced"
}`, w.url, testToken),
				ExpectError: wrappedError(`Unknown request rate cap(?s).*known only after apply`),
			},
		},
	})
}
