package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
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
	// Scenario is the configuration measured: the graph of every resource type (empty, as in results
	// from before the bulk scenario) or scenarioBulk.
	Scenario string `json:"scenario,omitempty"`
	Latency  string `json:"latency"`
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
	// IDLists sums up the requests of the routes that take a list of ids (the batched deletes); absent
	// from results from before the mock noted them.
	IDLists map[string]idListSummary `json:"idLists,omitempty"`
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
	// bulkSizes are the sizes of the bulk scenario; none when empty.
	bulkSizes []int
	// bulkPlanRuns is how many times each plan of the bulk scenario is timed.
	bulkPlanRuns int
	// bulkProfile is the folder for the profiles of the provider in the bulk scenario; none when empty.
	bulkProfile string
	// record publishes one measurement.
	record func(measurement) error
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
	w, err := prepare(ctx, root, dir, b.profile != "" || b.bulkProfile != "", b.frameworkFloor)
	if err != nil {
		return err
	}
	for li, lat := range b.latencies {
		mock, err := startMock(ctx, w.mockBinary, lat)
		if err != nil {
			return err
		}
		err = measureLatency(ctx, w, mock, b, li == 0)
		mock.stop()
		if err != nil {
			return err
		}
	}
	return measureBulk(ctx, w, b)
}

// measureLatency measures every size under every request cap against one mock, and the figures taken
// at the first latency only (first): the synerise_users plan.
func measureLatency(ctx context.Context, w workspace, mock *mockProcess, b benchRun, first bool) error {
	for _, limit := range b.caps {
		env := terraformEnv(w, mock, limit)
		for _, n := range b.sizes {
			log.Printf("latency %s, cap %s, N = %d", mock.latency, capLabel(limit), n)
			profile := ""
			if first && limit == b.caps[0] && n == slices.Max(b.sizes) {
				profile = b.profile
			}
			r := sizeRun{floor: b.floor, latency: mock.latency, limit: limit, n: n, phases: b.phases, planRuns: b.planRuns,
				destroy: limit != b.caps[len(b.caps)-1], profile: profile}
			if err := measureSize(ctx, w, env, mock, r, b.record); err != nil {
				return fmt.Errorf("latency %s, cap %s, N = %d: %w", mock.latency, capLabel(limit), n, err)
			}
		}
	}
	if !first || b.users == 0 {
		return nil
	}
	m, err := measureUsers(ctx, w, terraformEnv(w, mock, 0), mock, b.users, b.planRuns)
	if err != nil {
		return err
	}
	return b.record(m)
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
	// planRuns is how many times a plan is timed.
	planRuns int
	// destroy runs the destroy even when it is not reported, because the mock is used again.
	destroy bool
	// profile is the folder for the profiles of the no-op plan; none when empty.
	profile string
}

func measureSize(ctx context.Context, w workspace, env []string, mock *mockProcess, r sizeRun, record func(measurement) error) error {
	shape := shapeFor(r.n)
	// Each run has folders of its own, so a run that skips the destroy leaves no state to the next.
	dirs := newSizeDirs(w, fmt.Sprintf("%d-%s-cap-%d", r.n, r.latency, r.limit), r.floor)
	if err := writeConfigs(dirs.configs(shape.providerConfig(), shape.floorConfig(), shape.frameworkFloorConfig())); err != nil {
		return err
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

// newSizeDirs names the working directories of the run name, with the floors that are measured.
func newSizeDirs(w workspace, name string, floor bool) sizeDirs {
	dirs := sizeDirs{provider: filepath.Join(w.dir, "provider-"+name)}
	if floor {
		dirs.floor = filepath.Join(w.dir, "floor-"+name)
	}
	if w.frameworkFloor != "" {
		dirs.frameworkFloor = filepath.Join(w.dir, "framework-floor-"+name)
	}
	return dirs
}

// configs pairs each working directory with its configuration.
func (d sizeDirs) configs(provider, floor, frameworkFloor string) map[string]string {
	configs := map[string]string{d.provider: provider}
	if d.floor != "" {
		configs[d.floor] = floor
	}
	if d.frameworkFloor != "" {
		configs[d.frameworkFloor] = frameworkFloor
	}
	return configs
}

// measurePhase times one phase of the floor, of the framework floor when it is measured, and of the
// provider, r.planRuns times for a plan.
func measurePhase(ctx context.Context, w workspace, env []string, mock *mockProcess, dirs sizeDirs, r sizeRun, ph phase) (measurement, error) {
	// A no-op plan changes nothing, so it is repeated and the medians are compared: one plan of a
	// second or two is at the mercy of whatever else the machine does.
	runs := 1
	if ph == phasePlan || ph == phaseChangePlan {
		runs = r.planRuns
	}
	var floors, frameworkFloors []time.Duration
	var frameworkFloorPeak int64
	var provider providerRuns
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
		if err := provider.time(ctx, w, env, mock, dirs.provider, ph); err != nil {
			return measurement{}, fmt.Errorf("provider %s: %w", ph, err)
		}
	}
	m := provider.measurement(ph)
	m.Latency, m.MaxRPS, m.N = r.latency.String(), r.limit, r.n
	m.compareWithFloors(floors, frameworkFloors, frameworkFloorPeak)
	return m, nil
}

// providerRuns gathers the runs of one phase of the provider: their wall times, the largest resident
// set of any of them, and the requests of the last.
type providerRuns struct {
	tooks    []time.Duration
	peak     int64
	requests int
	routes   map[string]int
	idLists  map[string]idListSummary
}

// time runs ph once more in dir, counting the requests the mock receives during it.
func (p *providerRuns) time(ctx context.Context, w workspace, env []string, mock *mockProcess, dir string, ph phase) error {
	if err := mock.resetCounts(ctx); err != nil {
		return err
	}
	sampler := startRSSSampler(w.binary)
	took, err := terraform(ctx, dir, env, ph)
	p.peak = max(p.peak, sampler.stop())
	if err != nil {
		return err
	}
	counts, err := mock.counts(ctx)
	if err != nil {
		return err
	}
	p.requests, p.routes, p.idLists = counts.Total, counts.Routes, summariseIDLists(counts.IDLists)
	p.tooks = append(p.tooks, took)
	return nil
}

// measurement is the median of the runs, with their peak and requests.
func (p *providerRuns) measurement(ph phase) measurement {
	took := median(p.tooks)
	log.Printf("  %-12s provider %6.2fs  requests %5d  peak RSS %5.1f MiB  (median of %d)",
		ph, took.Seconds(), p.requests, float64(p.peak)/(1<<20), len(p.tooks))
	return measurement{Phase: ph, Runs: len(p.tooks), Provider: took.Seconds(), Requests: p.requests, PeakRSS: p.peak, Routes: p.routes, IDLists: p.idLists}
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
		log.Printf("  %-12s floor %6.2fs  ratio %5.2f", m.Phase, m.Floor, m.Ratio)
	}
	if len(frameworkFloors) > 0 {
		frameworkFloor := median(frameworkFloors).Seconds()
		m.FrameworkFloor, m.FrameworkFloorPeakRSS = frameworkFloor, frameworkFloorPeak
		m.ProviderToFrameworkFloor = m.Provider / frameworkFloor
		if m.hasFloor() {
			m.FrameworkFloorToFloor = frameworkFloor / m.Floor
		}
		log.Printf("  %-12s framework floor %6.2fs  provider / framework floor %5.2f  framework floor / floor %5.2f  peak RSS %5.1f MiB",
			m.Phase, frameworkFloor, m.ProviderToFrameworkFloor, m.FrameworkFloorToFloor, float64(frameworkFloorPeak)/(1<<20))
	}
}

// defaultPlanRuns is how many times each no-op plan is timed unless -plan-runs says otherwise, and
// defaultBulkPlanRuns each plan of the bulk scenario unless -bulk-plan-runs does: at 5,000 members one
// plan takes the provider most of a minute.
const (
	defaultPlanRuns     = 5
	defaultBulkPlanRuns = 3
)

func median(ds []time.Duration) time.Duration {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}
