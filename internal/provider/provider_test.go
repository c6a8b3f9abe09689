package provider

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

const testToken = "acceptance-test-token"

func TestMain(m *testing.M) {
	if answers := os.Getenv(envMockAnswers); answers != "" && answers != mockAnswersAssumed && answers != mockAnswersSparse {
		fmt.Fprintf(os.Stderr, "%s must be %s or %s, not %q\n", envMockAnswers, mockAnswersAssumed, mockAnswersSparse, answers)
		os.Exit(2)
	}
	code := m.Run()
	if faultRun.rate > 0 {
		if err := faultRun.writeReport(os.Getenv(envFaultReport), code); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// testWorkspace is one acceptance test's own mock API, so tests run in parallel without sharing state.
type testWorkspace struct {
	mock *mockserver.Server
	url  string
	// client arranges and inspects the workspace around the code under test; its requests are exempt
	// from injected faults.
	client *iam.Client
	faulty bool
}

func newTestWorkspace(t *testing.T) *testWorkspace {
	t.Helper()
	return newTestWorkspaceWith(t, mockserver.Options{})
}

// newTestWorkspaceWith starts a mock with opts; the token is always testToken. In a fault run
// (SYNERISE_MOCK_FAULT_RATE, see make test-faults) the mock injects faults unless opts sets its own,
// by rate or by script. In a sparse run (SYNERISE_MOCK_ANSWERS=sparse, see make test-sparse) it
// answers as sparsely as the API reference allows.
func newTestWorkspaceWith(t *testing.T, opts mockserver.Options) *testWorkspace {
	t.Helper()
	opts.Token = testToken
	if opts.Faults.Rate == 0 && opts.Faults.Script == nil && faultRun.rate > 0 {
		opts.Faults = mockserver.Faults{Rate: faultRun.rate, Seed: faultRun.seedFor(t.Name())}
	}
	if os.Getenv(envMockAnswers) == mockAnswersSparse {
		opts.SparseAnswers = true
	}
	mock := mockserver.New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	client, err := iam.New(iam.Config{BaseURL: srv.URL, Token: testToken, HTTPClient: &http.Client{Transport: exemptFromFaults{}}})
	if err != nil {
		t.Fatal(err)
	}
	w := &testWorkspace{mock: mock, url: srv.URL, client: client, faulty: opts.Faults.Rate > 0}
	t.Cleanup(func() {
		// A create repeated after its answer was lost leaves a second object behind.
		if dups := mock.Duplicates(); len(dups) > 0 {
			t.Errorf("the workspace holds duplicates: %v", dups)
		}
		if w.faulty && faultRun.rate > 0 {
			faultRun.add(t, mock)
		}
	})
	return w
}

// inTheApp is a PreConfig that changes the workspace between two steps as someone in the Synerise app
// would, through w.client (exempt from faults); the test stops if the change fails.
func (w *testWorkspace) inTheApp(t *testing.T, change func(context.Context) error) func() {
	return func() {
		if err := change(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// testRemovedInTheApp applies config, has remove delete one of its objects as someone in the Synerise
// app would (through w.client), and applies config again: its plan must pass planned, its apply check
// (nil for none).
func testRemovedInTheApp(t *testing.T, w *testWorkspace, config string, remove func(context.Context) error,
	check resource.TestCheckFunc, planned ...plancheck.PlanCheck,
) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:        w.inTheApp(t, remove),
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: planned},
				Check:            check,
			},
		},
	})
}

// sameValue is the AddStateValue of a statecheck.CompareValue, for step builders (its type is not
// exported): each state check it makes requires the value to be the one the checks before it saw.
type sameValue func(resourceAddress string, attributePath tfjsonpath.Path) statecheck.StateCheck

// exemptFromFaults marks the requests of the test's own client.
type exemptFromFaults struct{}

func (exemptFromFaults) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(mockserver.NoFaultsHeader, "1")
	return http.DefaultTransport.RoundTrip(r)
}

// config prefixes a configuration with the provider block for this workspace. Against a faulty mock
// the provider retries more often and waits less, as one would configure it for a flaky network.
func (w *testWorkspace) config(body string) string {
	retries := ""
	if w.faulty {
		retries = "\n  max_retries    = 10\n  max_retry_wait = \"200ms\""
	}
	return fmt.Sprintf(`
provider "synerise" {
  api_url   = %q
  api_token = %q%s
}
%s`, w.url, testToken, retries, body)
}

// expectRequests checks how many requests the routes received since the last ResetCounts. Each
// injected fault may add one request to its route (the retry, or the create sent again), so against
// a faulty mock a count may exceed want by at most the faults its route met, and by those of the
// routes an extraCalls names for it.
func (w *testWorkspace) expectRequests(want map[string]int, extras ...extraCalls) error {
	counts, faults := w.mock.RequestCounts(), w.mock.FaultCounts()
	for route, n := range want {
		allowed := n + faults[route]
		for _, extra := range extras {
			if extra.route == route {
				for _, cause := range extra.causes {
					allowed += faults[cause]
				}
			}
		}
		if got := counts[route]; got < n || got > allowed {
			return fmt.Errorf("%s was called %d times (%d of them met an injected fault), want %d (at most %d with the injected faults)",
				route, got, faults[route], n, allowed)
		}
	}
	return nil
}

// extraCalls lets each fault on one of causes add a call of route: a request the API committed before
// the fault, answered 404 when sent again, can lead the provider down another path that calls route.
type extraCalls struct {
	route  string
	causes []string
}

// testProtoV6ProviderFactories serve the provider as the release binary does (see protocolServer).
var testProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"synerise": func() (tfprotov6.ProviderServer, error) { return protocolServer(New("test")()) },
}

// providerFactoriesWith serve a provider whose API client's configuration adjust changes first.
func providerFactoriesWith(adjust func(*iam.Config)) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"synerise": func() (tfprotov6.ProviderServer, error) {
			return protocolServer(&SyneriseProvider{version: "test", adjustClient: adjust})
		},
	}
}

// envFaultRate and envFaultSeed turn every acceptance test's mock into a faulty one (make test-faults).
const (
	envFaultRate = "SYNERISE_MOCK_FAULT_RATE"
	envFaultSeed = "SYNERISE_MOCK_FAULT_SEED"
	// envFaultReport names the file the figures of a fault run go to; standard output when empty.
	envFaultReport = "SYNERISE_FAULT_REPORT"
	// envMockAnswers set to mockAnswersSparse makes every acceptance test's mock answer the endpoints
	// whose success the API reference gives no JSON body with no body at all (make test-sparse);
	// mockAnswersAssumed, or nothing, lets it answer as api/openapi.yaml assumes.
	envMockAnswers     = "SYNERISE_MOCK_ANSWERS"
	mockAnswersSparse  = "sparse"
	mockAnswersAssumed = "assumed"
)

var faultRun = newFaultRun()

func newFaultRun() *faultReport {
	rate, err := strconv.ParseFloat(os.Getenv(envFaultRate), 64)
	if err != nil || rate <= 0 {
		return &faultReport{}
	}
	seed, err := strconv.ParseUint(os.Getenv(envFaultSeed), 10, 64)
	if err != nil {
		seed = uint64(os.Getpid())
	}
	return &faultReport{rate: min(rate, 1), seed: seed, faults: map[string]int{}}
}

func (r *faultReport) seedFor(test string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(test))
	return r.seed ^ h.Sum64()
}
