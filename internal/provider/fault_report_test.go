package provider

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// faultReport sums up a fault run over all the tests' mocks.
type faultReport struct {
	rate float64
	seed uint64

	mu         sync.Mutex
	tests      int
	failed     []string
	requests   int
	exempt     int
	retries    int
	faults     map[string]int
	duplicates int
	// checked counts the objects compared field by field with their configuration after applies
	// against a faulty mock; lost counts those missing or different.
	checked, lost int
}

func (r *faultReport) add(t *testing.T, mock *mockserver.Server) {
	totals := mock.Totals()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tests++
	if t.Failed() {
		r.failed = append(r.failed, t.Name())
	}
	r.requests += totals.Requests
	r.exempt += totals.Exempt
	r.retries += totals.Retries
	for kind, n := range totals.Faults {
		r.faults[kind] += n
	}
	r.duplicates += len(mock.Duplicates())
}

func (r *faultReport) addWrites(checked, lost int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checked += checked
	r.lost += lost
}

func (r *faultReport) report(out io.Writer, exitCode int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	injected := 0
	for _, n := range r.faults {
		injected += n
	}
	fmt.Fprintf(out, "\n## Fault run: rate %.0f %%, seed %d (%s=%d repeats each test's draws, not which request meets each: that follows the order requests arrive)\n\n",
		r.rate*100, r.seed, envFaultSeed, r.seed)
	fmt.Fprintf(out, "| figure | value |\n|---|---|\n")
	fmt.Fprintf(out, "| tests against a faulty mock | %d |\n", r.tests)
	fmt.Fprintf(out, "| API requests of the provider | %d |\n", r.requests-r.exempt)
	fmt.Fprintf(out, "| requests of the tests' own fault-exempt client | %d |\n", r.exempt)
	fmt.Fprintf(out, "| injected faults | %d (%.1f %% of the provider's requests) |\n", injected, percent(injected, r.requests-r.exempt))
	for _, kind := range slices.Sorted(maps.Keys(r.faults)) {
		fmt.Fprintf(out, "| … %s | %d |\n", kind, r.faults[kind])
	}
	fmt.Fprintf(out, "| requests repeating an earlier one (retries) | %d |\n", r.retries)
	fmt.Fprintf(out, "| failed tests | %d %v |\n", len(r.failed), r.failed)
	fmt.Fprintf(out, "| duplicate objects | %d |\n", r.duplicates)
	fmt.Fprintf(out, "| lost writes | %d of %d objects compared with their configuration |\n", r.lost, r.checked)
	fmt.Fprintf(out, "| go test exit code | %d |\n", exitCode)
}

func (r *faultReport) writeReport(path string, exitCode int) error {
	if path == "" {
		r.report(os.Stdout, exitCode)
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing the fault report: %w", err)
	}
	r.report(f, exitCode)
	return f.Close()
}

func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}
