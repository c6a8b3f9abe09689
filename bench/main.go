// Command bench measures the provider with the real terraform CLI against the standalone mock API,
// next to Terraform's own floor: the same number of terraform_data resources in the same graph,
// which costs no plugin and no HTTP. It writes a Markdown table, the raw figures as JSON, and a plot.
//
//	go run . -sizes 50,200,1000 -latencies 0ms,50ms -out results
//
// -max-rps measures again under each request-rate cap it lists (max_requests_per_second); 0 is none.
// -phases leaves phases out (apply always runs, as the plan needs it, but is reported only when listed).
// -profile writes CPU, allocation and peak-heap profiles of the provider process during one more,
// untimed, no-op plan of the largest size at the first latency, with pprof's top summaries of each.
// -users seeds that many members and times plans that read them with the data source synerise_users.
// -floor=false leaves out the terraform_data floor, so a phase of 5,000 resources takes one graph's
// time, not two; its ratios are then left empty.
// -framework-floor=false leaves out the framework floor: the same graph of a provider built with the
// same terraform-plugin-framework that keeps its resources in state only (floorprovider).
// -rewrite writes the report again from the results.json in -out, measuring nothing.
// -merge puts the figures of an earlier results.json in the report too:
//
//	go run . -sizes 5000 -latencies 0ms -users 5000 -merge results/results.json -out results
//
// It lives in a module of its own so that its plotting library stays out of the provider's
// dependencies.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type phase string

const (
	phaseApply   phase = "apply"
	phasePlan    phase = "plan"
	phaseDestroy phase = "destroy"
)

var phases = []phase{phaseApply, phasePlan, phaseDestroy}

// measurement is one phase of one size at one latency.
type measurement struct {
	Latency string `json:"latency"`
	// MaxRPS is the provider's cap on requests per second (max_requests_per_second); 0 is none.
	MaxRPS int   `json:"maxRequestsPerSecond"`
	N      int   `json:"n"`
	Phase  phase `json:"phase"`
	// Runs is how many times the phase was timed; Floor and Provider are the medians.
	Runs     int     `json:"runs"`
	Floor    float64 `json:"floorSeconds"`
	Provider float64 `json:"providerSeconds"`
	Ratio    float64 `json:"ratio"`
	Requests int     `json:"requests"`
	// PeakRSS is the largest resident set of a provider process during the phase, in bytes.
	PeakRSS int64 `json:"peakRssBytes"`
	// FrameworkFloor is the median of the framework floor (floorprovider) in the same runs, with its
	// largest resident set and the ratios to it; all are 0 when it was not measured (-framework-floor=false,
	// or results from before it).
	FrameworkFloor           float64 `json:"frameworkFloorSeconds,omitempty"`
	FrameworkFloorPeakRSS    int64   `json:"frameworkFloorPeakRssBytes,omitempty"`
	ProviderToFrameworkFloor float64 `json:"providerToFrameworkFloor,omitempty"`
	FrameworkFloorToFloor    float64 `json:"frameworkFloorToFloor,omitempty"`
	// Routes counts the requests of the phase by route.
	Routes map[string]int `json:"routes"`
}

func main() {
	log.SetFlags(0)
	sizes := flag.String("sizes", "50,200,1000", "numbers of resources, comma-separated")
	latencies := flag.String("latencies", "0ms,50ms", "latencies of the mock API per request, comma-separated")
	out := flag.String("out", "results", "folder for results.md, results.json and the plots")
	root := flag.String("repo", "..", "the provider's repository")
	maxRPS := flag.String("max-rps", "0", "caps on the provider's requests per second to measure under, comma-separated; 0 is none")
	phaseList := flag.String("phases", "apply,plan,destroy", "phases to report, comma-separated; apply always runs")
	merge := flag.String("merge", "", "a results.json of an earlier run whose figures the report includes too, such as N = 5,000 beside make bench")
	users := flag.Int("users", 0, "members to seed for a plan that reads them with the data source synerise_users, at the first latency; none when 0")
	profile := flag.String("profile", "", "folder for profiles of the provider during a no-op plan of the largest size; none when empty")
	floor := flag.Bool("floor", true, "measure the terraform_data floor too; without it a phase has no ratio, and at N = 5,000 takes half the time")
	frameworkFloor := flag.Bool("framework-floor", true, "measure the framework floor too: the same graph of a terraform-plugin-framework provider that keeps its resources in state only")
	planRuns := flag.Int("plan-runs", defaultPlanRuns, "how many times each no-op plan is timed, the medians compared; at N = 5,000 one plan of this graph takes Terraform alone minutes")
	rewrite := flag.Bool("rewrite", false, "measure nothing: write results.md and the plot again from the results.json in -out")
	flag.Parse()

	if *rewrite {
		if err := rewriteReport(*out); err != nil {
			log.Fatalf("-rewrite: %v", err)
		}
		return
	}

	ns, err := parseList(*sizes, parseSize)
	if err != nil {
		log.Fatalf("-sizes: %v", err)
	}
	caps, err := parseList(*maxRPS, parseCap)
	if err != nil {
		log.Fatalf("-max-rps: %v", err)
	}
	lats, err := parseList(*latencies, time.ParseDuration)
	if err != nil {
		log.Fatalf("-latencies: %v", err)
	}
	if *planRuns < 1 {
		log.Fatalf("-plan-runs: %d is not a number of runs, 1 or more", *planRuns)
	}
	reported, err := parseList(*phaseList, parsePhase)
	if err != nil {
		log.Fatalf("-phases: %v", err)
	}
	record, err := publisher(*out, *merge)
	if err != nil {
		log.Fatalf("-merge: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, benchRun{root: *root, sizes: ns, latencies: lats, caps: caps, phases: reported, profile: *profile, users: *users, floor: *floor, frameworkFloor: *frameworkFloor, planRuns: *planRuns, record: record})
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// publisher returns what records a measurement: it writes the report in out again, with the figures of
// the results.json merge names first (none when merge is empty). Each figure is written as soon as it is
// measured: a run of 5,000 resources takes hours, and one stopped in its destroy keeps its apply and plans.
func publisher(out, merge string) (func(measurement) error, error) {
	var results []measurement
	if merge != "" {
		var err error
		if results, err = readResults(merge); err != nil {
			return nil, err
		}
	}
	return func(m measurement) error {
		results = append(results, m)
		if err := writeResults(out, results); err != nil {
			return err
		}
		log.Printf("  written to %s", out)
		return nil
	}, nil
}

// rewriteReport writes the report in dir again from its results.json.
func rewriteReport(dir string) error {
	results, err := readResults(filepath.Join(dir, "results.json"))
	if err != nil {
		return err
	}
	return writeResults(dir, results)
}

// parseList reads a comma-separated flag, each item by parse.
func parseList[T any](s string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for part := range strings.SplitSeq(s, ",") {
		item, err := parse(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

func parseSize(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 10 {
		return 0, fmt.Errorf("%q is not a size of at least 10", s)
	}
	return n, nil
}

func parsePhase(s string) (phase, error) {
	if ph := phase(s); slices.Contains(phases, ph) {
		return ph, nil
	}
	return "", fmt.Errorf("%q is none of apply, plan and destroy", s)
}

// parseCap reads a request-rate cap, 0 (none) or more.
func parseCap(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a number of requests per second, 0 or more", s)
	}
	return n, nil
}

// benchRun is what one invocation measures.
type benchRun struct {
	root      string
	sizes     []int
	latencies []time.Duration
	caps      []int
	phases    []phase
	// profile is the folder for the profiles of the provider; none when empty.
	profile string
	// users is how many members the synerise_users figure reads; none when 0.
	users int
	// floor is whether the terraform_data floor is measured beside the provider.
	floor bool
	// frameworkFloor is whether the framework floor (floorprovider) is measured beside the provider.
	frameworkFloor bool
	// planRuns is how many times each no-op plan is timed.
	planRuns int
	// record publishes one measurement.
	record func(measurement) error
}

// providerBinary and frameworkFloorBinary are the names Terraform looks for in a dev_overrides folder.
const (
	providerBinary       = "terraform-provider-synerise"
	frameworkFloorBinary = "terraform-provider-floor"
)

// Terraform finds the provider and the framework floor at these addresses in the CLI configurations.
const (
	providerAddress       = "registry.terraform.io/synerise-oss/synerise"
	frameworkFloorAddress = "registry.terraform.io/bench/floor"
)

// workspace is the temporary folder of one invocation: the binaries and the CLI configurations.
type workspace struct {
	dir string
	// binary is the provider Terraform runs under cliConfig; profiledConfig runs the profiling build.
	binary         string
	cliConfig      string
	profiledConfig string
	mockBinary     string
	// frameworkFloor is the framework floor's binary, under cliConfig too; empty when it is not measured.
	frameworkFloor string
}

func run(ctx context.Context, b benchRun) error {
	root, err := filepath.Abs(b.root)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "synerise-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// The RSS sampler compares executables' resolved paths.
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		return err
	}
	w, err := prepare(ctx, root, dir, b.profile != "", b.frameworkFloor)
	if err != nil {
		return err
	}

	for li, lat := range b.latencies {
		mock, err := startMock(ctx, w.mockBinary, lat)
		if err != nil {
			return err
		}
		for _, limit := range b.caps {
			env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+w.cliConfig, "TF_IN_AUTOMATION=1", "TF_INPUT=0",
				"SYNERISE_API_URL="+mock.url, "SYNERISE_API_TOKEN=mock-token", "CHECKPOINT_DISABLE=1",
				"SYNERISE_MAX_REQUESTS_PER_SECOND="+strconv.Itoa(limit))
			for _, n := range b.sizes {
				log.Printf("latency %s, cap %s, N = %d", lat, capLabel(limit), n)
				profile := ""
				if li == 0 && limit == b.caps[0] && n == slices.Max(b.sizes) {
					profile = b.profile
				}
				r := sizeRun{floor: b.floor, latency: lat, limit: limit, n: n, phases: b.phases, planRuns: b.planRuns, destroy: limit != b.caps[len(b.caps)-1], profile: profile}
				if err := measureSize(ctx, w, env, mock, r, b.record); err != nil {
					mock.stop()
					return fmt.Errorf("latency %s, cap %s, N = %d: %w", lat, capLabel(limit), n, err)
				}
			}
		}
		if li == 0 && b.users > 0 {
			env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+w.cliConfig, "TF_IN_AUTOMATION=1", "TF_INPUT=0",
				"SYNERISE_API_URL="+mock.url, "SYNERISE_API_TOKEN=mock-token", "CHECKPOINT_DISABLE=1")
			m, err := measureUsers(ctx, w, env, mock, lat, b.users, b.planRuns)
			if err != nil {
				mock.stop()
				return err
			}
			if err := b.record(m); err != nil {
				mock.stop()
				return err
			}
		}
		mock.stop()
	}
	return nil
}

// prepare builds the provider (and its profiling build and the framework floor when asked) and the mock
// API into dir, with a CLI configuration that points Terraform at each build.
func prepare(ctx context.Context, root, dir string, profiled, frameworkFloor bool) (workspace, error) {
	w := workspace{dir: dir, binary: filepath.Join(dir, "bin", providerBinary), cliConfig: filepath.Join(dir, "terraformrc"),
		mockBinary: filepath.Join(dir, "synerise-mock")}
	log.Printf("building the provider and the mock API")
	if err := goBuild(ctx, root, w.binary, "."); err != nil {
		return w, err
	}
	if err := goBuild(ctx, root, w.mockBinary, "./cmd/synerise-mock"); err != nil {
		return w, err
	}
	overrides := map[string]string{providerAddress: filepath.Dir(w.binary)}
	if frameworkFloor {
		// The framework floor belongs to this module, whose go.mod holds it to the provider's versions of the SDK.
		w.frameworkFloor = filepath.Join(dir, "floor", frameworkFloorBinary)
		if err := goBuild(ctx, filepath.Join(root, "bench"), w.frameworkFloor, "./floorprovider"); err != nil {
			return w, err
		}
		overrides[frameworkFloorAddress] = filepath.Dir(w.frameworkFloor)
	}
	if err := writeCLIConfig(w.cliConfig, overrides); err != nil {
		return w, err
	}
	if !profiled {
		return w, nil
	}
	// The profiling build belongs to this module; it serves the provider of root through the replace in go.mod.
	profiledBin := filepath.Join(dir, "profiled")
	if err := goBuild(ctx, filepath.Join(root, "bench"), filepath.Join(profiledBin, providerBinary), "./profiledprovider"); err != nil {
		return w, err
	}
	w.profiledConfig = filepath.Join(dir, "terraformrc-profiled")
	return w, writeCLIConfig(w.profiledConfig, map[string]string{providerAddress: profiledBin})
}

// writeCLIConfig writes a CLI configuration that takes each provider address from its folder.
func writeCLIConfig(path string, overrides map[string]string) error {
	var rc strings.Builder
	rc.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, address := range slices.Sorted(maps.Keys(overrides)) {
		fmt.Fprintf(&rc, "    %q = %q\n", address, overrides[address])
	}
	rc.WriteString("  }\n  direct {}\n}\n")
	return os.WriteFile(path, []byte(rc.String()), 0o600)
}

func goBuild(ctx context.Context, root, out, pkg string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// capLabel renders a request-rate cap for the log and the report.
func capLabel(limit int) string {
	if limit == 0 {
		return "none"
	}
	return fmt.Sprintf("%d/s", limit)
}

// sizeRun is one size at one latency and request cap.
type sizeRun struct {
	// floor is whether the terraform_data floor is measured.
	floor   bool
	latency time.Duration
	limit   int
	n       int
	phases  []phase
	// planRuns is how many times the no-op plan is timed.
	planRuns int
	// destroy runs the destroy even when it is not reported, because the mock is used again.
	destroy bool
	// profile is the folder for the profiles of the no-op plan; none when empty.
	profile string
}

func measureSize(ctx context.Context, w workspace, env []string, mock *mockProcess, r sizeRun, record func(measurement) error) error {
	shape := shapeFor(r.n)
	// Each run has folders of its own, so a run that skips the destroy leaves no state to the next.
	folder := func(kind string) string {
		return filepath.Join(w.dir, fmt.Sprintf("%s-%d-%s-cap-%d", kind, r.n, r.latency, r.limit))
	}
	dirs := sizeDirs{provider: folder("provider")}
	configs := map[string]string{dirs.provider: shape.providerConfig()}
	if r.floor {
		dirs.floor = folder("floor")
		configs[dirs.floor] = shape.floorConfig()
	}
	if w.frameworkFloor != "" {
		dirs.frameworkFloor = folder("framework-floor")
		configs[dirs.frameworkFloor] = shape.frameworkFloorConfig()
	}
	for dir, config := range configs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
			return err
		}
	}
	for _, ph := range phases {
		reported := slices.Contains(r.phases, ph)
		if ph == phasePlan && !reported || ph == phaseDestroy && !reported && !r.destroy {
			continue
		}
		m, err := measurePhase(ctx, w, env, mock, dirs, r, ph)
		if err != nil {
			return err
		}
		if ph == phasePlan && r.profile != "" {
			if err := profilePlan(ctx, w, env, dirs.provider, r.profile); err != nil {
				return err
			}
		}
		if reported {
			if err := record(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// sizeDirs are the Terraform working directories of one size run.
type sizeDirs struct {
	provider string
	// floor and frameworkFloor are empty when they are not measured.
	floor, frameworkFloor string
}

// measurePhase times one phase of the floor, of the framework floor when it is measured, and of the
// provider, r.planRuns times for a no-op plan.
func measurePhase(ctx context.Context, w workspace, env []string, mock *mockProcess, dirs sizeDirs, r sizeRun, ph phase) (measurement, error) {
	// A no-op plan changes nothing, so it is repeated and the medians are compared: one plan of a
	// second or two is at the mercy of whatever else the machine does.
	runs := 1
	if ph == phasePlan {
		runs = r.planRuns
	}
	var floors, frameworkFloors, tooks []time.Duration
	var peak, frameworkFloorPeak int64
	var total int
	var routes map[string]int
	for range runs {
		if dirs.floor != "" {
			floor, err := terraform(ctx, dirs.floor, env, ph)
			if err != nil {
				return measurement{}, fmt.Errorf("floor %s: %w", ph, err)
			}
			floors = append(floors, floor)
		}
		if dirs.frameworkFloor != "" {
			sampler := startRSSSampler(w.frameworkFloor)
			took, err := terraform(ctx, dirs.frameworkFloor, env, ph)
			frameworkFloorPeak = max(frameworkFloorPeak, sampler.stop())
			if err != nil {
				return measurement{}, fmt.Errorf("framework floor %s: %w", ph, err)
			}
			frameworkFloors = append(frameworkFloors, took)
		}
		if err := mock.resetCounts(ctx); err != nil {
			return measurement{}, err
		}
		sampler := startRSSSampler(w.binary)
		took, err := terraform(ctx, dirs.provider, env, ph)
		peak = max(peak, sampler.stop())
		if err != nil {
			return measurement{}, fmt.Errorf("provider %s: %w", ph, err)
		}
		if total, routes, err = mock.counts(ctx); err != nil {
			return measurement{}, err
		}
		tooks = append(tooks, took)
	}
	took := median(tooks)
	log.Printf("  %-7s provider %6.2fs  requests %5d  peak RSS %5.1f MiB  (median of %d)",
		ph, took.Seconds(), total, float64(peak)/(1<<20), runs)
	m := measurement{
		Latency: r.latency.String(), MaxRPS: r.limit, N: r.n, Phase: ph, Runs: runs,
		Provider: took.Seconds(), Requests: total, PeakRSS: peak, Routes: routes,
	}
	m.compareWithFloors(floors, frameworkFloors, frameworkFloorPeak)
	return m, nil
}

// hasFloor is whether the terraform_data floor was measured beside the provider: a run with -floor=false
// has no ratio to it.
func (m measurement) hasFloor() bool { return m.Floor > 0 }

// compareWithFloors adds the medians of the floors measured beside the provider, and the ratios to them;
// a floor not measured leaves its figures 0.
func (m *measurement) compareWithFloors(floors, frameworkFloors []time.Duration, frameworkFloorPeak int64) {
	if len(floors) > 0 {
		m.Floor = median(floors).Seconds()
		m.Ratio = m.Provider / m.Floor
		log.Printf("  %-7s floor %6.2fs  ratio %5.2f", m.Phase, m.Floor, m.Ratio)
	}
	if len(frameworkFloors) > 0 {
		frameworkFloor := median(frameworkFloors).Seconds()
		m.FrameworkFloor, m.FrameworkFloorPeakRSS = frameworkFloor, frameworkFloorPeak
		m.ProviderToFrameworkFloor = m.Provider / frameworkFloor
		if m.hasFloor() {
			m.FrameworkFloorToFloor = frameworkFloor / m.Floor
		}
		log.Printf("  %-7s framework floor %6.2fs  provider / framework floor %5.2f  framework floor / floor %5.2f  peak RSS %5.1f MiB",
			m.Phase, frameworkFloor, m.ProviderToFrameworkFloor, m.FrameworkFloorToFloor, float64(frameworkFloorPeak)/(1<<20))
	}
}

// defaultPlanRuns is how many times each no-op plan is timed unless -plan-runs says otherwise.
const defaultPlanRuns = 5

func median(ds []time.Duration) time.Duration {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// terraform runs one phase in dir and returns its wall time. A plan after apply must find nothing to do.
func terraform(ctx context.Context, dir string, env []string, ph phase) (time.Duration, error) {
	var args []string
	switch ph {
	case phaseApply:
		args = []string{"apply", "-auto-approve", "-no-color"}
	case phasePlan:
		args = []string{"plan", "-detailed-exitcode", "-no-color"}
	case phaseDestroy:
		args = []string{"destroy", "-auto-approve", "-no-color"}
	}
	cmd := exec.CommandContext(ctx, "terraform", args...)
	cmd.Dir, cmd.Env = dir, env
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		var exitErr *exec.ExitError
		if ph == phasePlan && errors.As(err, &exitErr) && exitErr.ExitCode() == 2 {
			return 0, fmt.Errorf("the plan after apply was not empty:\n%s", tail(output.String(), 3000))
		}
		return 0, fmt.Errorf("terraform %s: %w\n%s", ph, err, tail(output.String(), 3000))
	}
	return took, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// rssSampler follows the peak resident set (VmHWM) of every process of one executable while a phase
// runs. It goes by the executable's whole path, so that other providers of the name on the machine
// (another checkout's tests or demo) are not counted.
type rssSampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak int64
}

func startRSSSampler(executable string) *rssSampler {
	s := &rssSampler{done: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ticker := time.NewTicker(20 * time.Millisecond)
		defer ticker.Stop()
		for {
			if hwm := peakRSSOf(executable); hwm > 0 {
				s.mu.Lock()
				s.peak = max(s.peak, hwm)
				s.mu.Unlock()
			}
			select {
			case <-s.done:
				return
			case <-ticker.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() int64 {
	close(s.done)
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// peakRSSOf returns the largest VmHWM of the running processes of an executable.
func peakRSSOf(executable string) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var peak int64
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != executable {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if fields := strings.Fields(line); len(fields) == 3 && fields[0] == "VmHWM:" {
				kb, _ := strconv.ParseInt(fields[1], 10, 64)
				peak = max(peak, kb*1024)
			}
		}
	}
	return peak
}
