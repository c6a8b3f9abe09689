// Command bench measures the provider with the real terraform CLI against the standalone mock API,
// next to Terraform's own floor: the same number of terraform_data resources in the same graph,
// which costs no plugin and no HTTP. It writes a Markdown table, the raw figures as JSON, and a plot,
// with the verdicts of the issues' targets computed from those figures (targets.go, bulkreport.go).
//
// Its parts: the command line (main.go), the Terraform runner and the builds it runs (runner.go), the
// peak-RSS sampler (rss.go), the measurement of phases against the floors (measure.go), the graph's
// configurations (shape.go), the bulk scenario (bulk.go), the synerise_users plan (users.go), the mock
// API (mock.go), the profiles (profile.go) and the report (report.go, targets.go, bulkreport.go).
//
//	go run . -sizes 50,200,1000 -latencies 0ms,50ms -out results
//
// -max-rps measures again under each request-rate cap it lists (max_requests_per_second); 0 is none.
// -phases leaves phases of the graph out (apply always runs, as the plan needs it, but is reported only
// when listed).
// -profile writes CPU, allocation and peak-heap profiles of the provider process during one more,
// untimed, no-op plan of the largest size at the first latency, with pprof's top summaries of each.
// -users seeds that many members and times plans that read them with the data source synerise_users.
// -floor=false leaves out the terraform_data floor, so a phase of 5,000 resources takes one graph's
// time, not two; its ratios are then left empty.
// -framework-floor=false leaves out the framework floor: the same graph of a provider built with the
// same terraform-plugin-framework that keeps its resources in state only (floorprovider).
// -bulk-sizes lists the sizes of the bulk scenario (bulk.go): one synerise_invitations whose members map
// holds that many members, beside terraform_data and the framework floor's floor_invitations holding the
// same map; its apply, no-op plan, the plan and the apply of a one-member change, and its destroy are
// timed at the first latency, against a mock of its own per size, and judged by issue 33's targets at
// 5,000 members. An empty -bulk-sizes leaves it out, and an empty -sizes leaves out the graph:
//
//	go run . -sizes '' -latencies 0ms -bulk-sizes 1000,5000 -out results
//
// -bulk-plan-runs times each of its plans that many times; -bulk-profile writes profiles of the provider
// during one more no-op plan of the largest bulk size, as -profile does for the graph.
// -rewrite writes the report again from the results.json in -out, measuring nothing.
// -merge puts the figures of an earlier results.json in the report too:
//
//	go run . -sizes 5000 -latencies 0ms -users 5000 -merge results/results.json -out results
//
// It lives in a module of its own so that its plotting library stays out of the provider's
// dependencies.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// flags are the command line as given, before it is read into a benchRun.
type flags struct {
	sizes, latencies, maxRPS, phases string
	out, root, merge, profile        string
	users, planRuns                  int
	floor, frameworkFloor, rewrite   bool
	bulkSizes, bulkProfile           string
	bulkPlanRuns                     int
}

func main() {
	log.SetFlags(0)
	f := parseFlags()
	if f.rewrite {
		if err := rewriteReport(f.out); err != nil {
			log.Fatalf("-rewrite: %v", err)
		}
		return
	}
	b, err := f.benchRun()
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, b)
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

func parseFlags() flags {
	var f flags
	flag.StringVar(&f.sizes, "sizes", "50,200,1000", "numbers of resources, comma-separated")
	flag.StringVar(&f.latencies, "latencies", "0ms,50ms", "latencies of the mock API per request, comma-separated")
	flag.StringVar(&f.out, "out", "results", "folder for results.md, results.json and the plots")
	flag.StringVar(&f.root, "repo", "..", "the provider's repository")
	flag.StringVar(&f.maxRPS, "max-rps", "0", "caps on the provider's requests per second to measure under, comma-separated; 0 is none")
	flag.StringVar(&f.phases, "phases", "apply,plan,destroy", "phases to report, comma-separated; apply always runs")
	flag.StringVar(&f.merge, "merge", "", "a results.json of an earlier run whose figures the report includes too, such as N = 5,000 beside make bench")
	flag.IntVar(&f.users, "users", 0, "members to seed for a plan that reads them with the data source synerise_users, at the first latency; none when 0")
	flag.StringVar(&f.profile, "profile", "", "folder for profiles of the provider during a no-op plan of the largest size; none when empty")
	flag.BoolVar(&f.floor, "floor", true, "measure the terraform_data floor too; without it a phase has no ratio, and at N = 5,000 takes half the time")
	flag.BoolVar(&f.frameworkFloor, "framework-floor", true, "measure the framework floor too: the same graph of a terraform-plugin-framework provider that keeps its resources in state only")
	flag.IntVar(&f.planRuns, "plan-runs", defaultPlanRuns, "how many times each no-op plan is timed, the medians compared; at N = 5,000 one plan of this graph takes Terraform alone minutes")
	flag.StringVar(&f.bulkSizes, "bulk-sizes", "1000,5000", "numbers of members of the bulk scenario's one synerise_invitations, comma-separated; none when empty")
	flag.IntVar(&f.bulkPlanRuns, "bulk-plan-runs", defaultBulkPlanRuns, "how many times each plan of the bulk scenario is timed, the medians compared")
	flag.StringVar(&f.bulkProfile, "bulk-profile", "", "folder for profiles of the provider during the no-op plan of the largest bulk size; none when empty")
	flag.BoolVar(&f.rewrite, "rewrite", false, "measure nothing: write results.md and the plot again from the results.json in -out")
	flag.Parse()
	return f
}

// benchRun reads the flags into what the invocation measures; the error names the flag at fault.
func (f flags) benchRun() (benchRun, error) {
	b := benchRun{root: f.root, profile: f.profile, users: f.users, floor: f.floor, frameworkFloor: f.frameworkFloor, planRuns: f.planRuns,
		bulkPlanRuns: f.bulkPlanRuns, bulkProfile: f.bulkProfile}
	var err error
	if b.sizes, err = parseList(f.sizes, parseSize); err != nil {
		return b, fmt.Errorf("-sizes: %w", err)
	}
	if b.bulkSizes, err = parseList(f.bulkSizes, parseSize); err != nil {
		return b, fmt.Errorf("-bulk-sizes: %w", err)
	}
	if b.caps, err = parseList(f.maxRPS, parseCap); err != nil {
		return b, fmt.Errorf("-max-rps: %w", err)
	}
	if b.latencies, err = parseList(f.latencies, time.ParseDuration); err != nil {
		return b, fmt.Errorf("-latencies: %w", err)
	}
	if len(b.latencies) == 0 || len(b.caps) == 0 {
		return b, errors.New("-latencies and -max-rps: each needs one item at least")
	}
	if f.planRuns < 1 || f.bulkPlanRuns < 1 {
		return b, fmt.Errorf("-plan-runs %d, -bulk-plan-runs %d: each is a number of runs, 1 or more", f.planRuns, f.bulkPlanRuns)
	}
	if b.phases, err = parseList(f.phases, parsePhase); err != nil {
		return b, fmt.Errorf("-phases: %w", err)
	}
	if b.record, err = publisher(f.out, f.merge); err != nil {
		return b, fmt.Errorf("-merge: %w", err)
	}
	return b, nil
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

// parseList reads a comma-separated flag, each item by parse; an empty flag is an empty list.
func parseList[T any](s string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
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
