package mockserver

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// postGroup creates a role group with a raw request and reports the status, or 0 when the connection
// was dropped.
func postGroup(t *testing.T, url, name string, header map[string]string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url+"/uauth/roles/role-group", strings.NewReader(fmt.Sprintf(`{"name":%q}`, name)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	_ = res.Body.Close()
	return res.StatusCode
}

func TestFaultsHappenBeforeOrAfterTheWriteAsTheirKindSays(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken, Faults: Faults{Rate: 1, Seed: 7}})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)

	const requests = 200
	committed := 0
	for i := range requests {
		switch status := postGroup(t, srv.URL, fmt.Sprintf("group-%d", i), nil); status {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		case http.StatusBadGateway, 0:
			committed++
		default:
			t.Fatalf("request %d: status %d, want an injected fault", i, status)
		}
	}
	if got := len(mock.Snapshot().RoleGroups); got != 2+committed {
		t.Errorf("%d role groups, want the 2 seeded and the %d committed before their answer was lost", got, committed)
	}
	totals := mock.Totals()
	sum := 0
	for _, kind := range faultKinds {
		if totals.Faults[kind] == 0 {
			t.Errorf("no %q among %d faults: %v", kind, requests, totals.Faults)
		}
		sum += totals.Faults[kind]
	}
	if sum != requests || totals.Requests != requests || mock.FaultCounts()["POST /uauth/roles/role-group"] != requests {
		t.Errorf("totals %+v and route faults %v, want %d requests, all faulted", totals, mock.FaultCounts(), requests)
	}
}

func TestFaultRateIsAShareOfRequests(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken, Faults: Faults{Rate: 0.2, Seed: 1}})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	for i := range 1000 {
		postGroup(t, srv.URL, fmt.Sprintf("group-%d", i), nil)
	}
	faults := 0
	for _, n := range mock.Totals().Faults {
		faults += n
	}
	if faults < 150 || faults > 250 {
		t.Errorf("%d of 1000 requests met a fault at rate 0.2", faults)
	}
}

func TestRequestsMayBeExemptedFromFaults(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken, Faults: Faults{Rate: 1}})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	if status := postGroup(t, srv.URL, "Support", map[string]string{NoFaultsHeader: "1"}); status != http.StatusOK {
		t.Errorf("exempted request: status %d, want 200", status)
	}
	if totals := mock.Totals(); len(totals.Faults) != 0 || totals.Exempt != 1 {
		t.Errorf("totals %+v, want 1 exempt request and no fault", totals)
	}
}

func TestRetriesAreCountedAndResetCountsKeepsTheTotals(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	postGroup(t, srv.URL, "Support", nil)
	postGroup(t, srv.URL, "Support", map[string]string{AttemptHeader: "2"})
	mock.ResetCounts()
	if totals := mock.Totals(); totals.Requests != 2 || totals.Retries != 1 {
		t.Errorf("totals %+v, want 2 requests of which 1 retry", totals)
	}
	if len(mock.RequestCounts()) != 0 {
		t.Errorf("route counts %v after ResetCounts", mock.RequestCounts())
	}
}

func TestDuplicatesNamesEveryRepeatedNaturalKey(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	if dups := api.mock.Duplicates(); len(dups) != 0 {
		t.Fatalf("a new workspace has duplicates: %v", dups)
	}
	api.expect(http.MethodPost, "/uauth/roles/role-group", `{"name":"Support"}`, http.StatusOK, nil)
	api.expect(http.MethodPost, "/uauth/roles/role-group", `{"name":"Support"}`, http.StatusOK, nil)
	api.expect(http.MethodPost, "/uauth/roles/role", `{"group":1,"name":"Auditor"}`, http.StatusOK, nil)
	api.expect(http.MethodPost, "/uauth/roles/role", `{"group":1,"name":"Auditor"}`, http.StatusOK, nil)
	want := []string{"role Auditor in group 1 (2 times)", "role group Support (2 times)"}
	if dups := api.mock.Duplicates(); strings.Join(dups, "|") != strings.Join(want, "|") {
		t.Errorf("duplicates %q, want %q", dups, want)
	}
}

func TestScriptedFaultsMeetTheNthRequestsOfTheirRoute(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken, Faults: Faults{
		Script: map[string][]string{"POST /uauth/roles/role-group": {"", FaultUnavailable, FaultGatewayAfterCommit}},
		// The lost answer is followed by two 503s on any route; then the script has ended.
		OutageAfterLostAnswer: 2,
	}})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	var got []int
	for i := range 6 {
		header := map[string]string{}
		if i == 1 {
			// Exempt requests neither meet nor advance the script.
			header[NoFaultsHeader] = "1"
		}
		got = append(got, postGroup(t, srv.URL, fmt.Sprintf("group-%d", i), header))
	}
	want := []int{200, 200, 503, 502, 503, 503}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if status := postGroup(t, srv.URL, "after", nil); status != http.StatusOK {
		t.Errorf("after the script and the outage: status %d, want 200", status)
	}
	// Seeded 2, then group-0, group-1, group-3 (committed before its answer was lost) and "after".
	if n := len(mock.Snapshot().RoleGroups); n != 6 {
		t.Errorf("%d role groups, want 6", n)
	}
	if faults := mock.Totals().Faults; faults[FaultUnavailable] != 3 || faults[FaultGatewayAfterCommit] != 1 {
		t.Errorf("faults %v, want 3 × 503 and 1 × 502", faults)
	}
}

func TestAHungRequestIsNeitherProcessedNorAnsweredUntilTheClientGivesUp(t *testing.T) {
	t.Parallel()
	mock := New(Options{Token: testToken, Faults: Faults{Script: map[string][]string{"POST /uauth/roles/role-group": {FaultHang}}}})
	srv := httptest.NewServer(mock)
	// Close waits for every handler: it returns only if the hung one ended with the client's request.
	t.Cleanup(srv.Close)
	client := &http.Client{Timeout: 200 * time.Millisecond}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/uauth/roles/role-group", strings.NewReader(`{"name":"Hung"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	res, err := client.Do(req)
	if err == nil {
		_ = res.Body.Close()
		t.Fatalf("the hung request was answered %d", res.StatusCode)
	}
	if elapsed := time.Since(start); elapsed < 200*time.Millisecond {
		t.Errorf("the client gave up after %s, before its timeout", elapsed)
	}
	if status := postGroup(t, srv.URL, "Next", nil); status != http.StatusOK {
		t.Errorf("the request after the hung one: status %d, want 200", status)
	}
	if groups := mock.Snapshot().RoleGroups; groups["Hung"] != 0 || groups["Next"] != 1 {
		t.Errorf("role groups %v: the hung request must not be processed", groups)
	}
}

func TestAScriptWithAnUnknownFaultIsRefused(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("New accepted a script with an unknown fault")
		}
	}()
	New(Options{Faults: Faults{Script: map[string][]string{"GET /uauth/roles/listing": {"teapot"}}}})
}
