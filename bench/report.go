package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func writeResults(dir string, results []measurement) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(raw, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.md"), []byte(markdown(dir, results)), 0o644); err != nil {
		return err
	}
	return plotRatios(filepath.Join(dir, "ratio.png"), results)
}

func readResults(path string) ([]measurement, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var results []measurement
	return results, json.Unmarshal(raw, &results)
}

func markdown(dir string, results []measurement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmark: the provider against Terraform's floor\n\n")
	fmt.Fprintf(&b, "Measured %s on %s/%s with %d CPUs by `make bench`. The floor is the same graph of `terraform_data` "+
		"resources (no plugin, no HTTP); the ratio is the provider's wall time over the floor's, measured in the same run. "+
		"Requests are those the mock API received during the phase. A no-op plan is timed %d times and the medians compared "+
		"(fewer where the runs column says so: at N = 5,000 one plan of this graph takes Terraform alone minutes); "+
		"apply and destroy once each. A dash is a floor left out of that run (-floor=false, -framework-floor=false), as at "+
		"N = 5,000, where one graph's apply or destroy takes Terraform alone some 25 or 45 minutes.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), defaultPlanRuns)
	b.WriteString("The framework floor is the same graph once more, of a provider built with the provider's own versions of " +
		"terraform-plugin-framework and terraform-plugin-go that keeps its resources in state and does nothing else " +
		"(`bench/floorprovider`, no HTTP): what any framework provider pays beyond `terraform_data`, timed in the same runs.\n\n")
	b.WriteString(targetsTable(results))
	b.WriteString(profilesSection(dir))
	fmt.Fprintf(&b, "![ratio to the floor](ratio.png)\n\n")
	fmt.Fprintf(&b, "| latency | request cap | N | phase | runs | floor (s) | framework floor (s) | provider (s) | provider / floor | provider / framework floor "+
		"| framework floor / floor | requests | requests per resource | provider peak RSS (MiB) | framework floor peak RSS (MiB) |\n")
	fmt.Fprintf(&b, "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range results {
		if m.Phase == phaseUsers {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %d | %s | %s | %.2f | %s | %s | %s | %d | %.2f | %.1f | %s |\n", m.Latency, capLabel(m.MaxRPS), m.N, m.Phase,
			m.Runs, orDash(m.Floor, "%.2f"), orDash(m.FrameworkFloor, "%.2f"), m.Provider, orDash(m.Ratio, "%.2f"), orDash(m.ProviderToFrameworkFloor, "%.2f"),
			orDash(m.FrameworkFloorToFloor, "%.2f"), m.Requests, float64(m.Requests)/float64(m.N), float64(m.PeakRSS)/(1<<20),
			orDash(float64(m.FrameworkFloorPeakRSS)/(1<<20), "%.1f"))
	}
	b.WriteString(capCosts(results))
	fmt.Fprintf(&b, "\n## Requests by route\n\n")
	for _, m := range results {
		if m.Latency != results[0].Latency || m.MaxRPS != 0 {
			continue
		}
		routes := make([]string, 0, len(m.Routes))
		for _, route := range slices.Sorted(maps.Keys(m.Routes)) {
			routes = append(routes, fmt.Sprintf("`%s` %d", route, m.Routes[route]))
		}
		fmt.Fprintf(&b, "- N = %d, %s: %s\n", m.N, m.Phase, strings.Join(routes, ", "))
	}
	return b.String()
}

// orDash formats a figure of the framework floor, or a dash for results that have none (0).
// figureText writes a count as a whole number and anything else to two decimals.
func figureText(figure float64) string {
	if figure == math.Trunc(figure) {
		return fmt.Sprintf("%.0f", figure)
	}
	return fmt.Sprintf("%.2f", figure)
}

func orDash(figure float64, format string) string {
	if figure == 0 {
		return "—"
	}
	return fmt.Sprintf(format, figure)
}

// capCosts compares each phase under a request-rate cap with the same phase without one: the cap
// cannot make a phase of R requests shorter than R/cap seconds, and this shows how close it comes.
func capCosts(results []measurement) string {
	var b strings.Builder
	for _, capped := range results {
		if capped.MaxRPS == 0 {
			continue
		}
		i := slices.IndexFunc(results, func(m measurement) bool {
			return m.MaxRPS == 0 && m.Latency == capped.Latency && m.N == capped.N && m.Phase == capped.Phase
		})
		if i < 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\n## Cost of the request-rate cap\n\n| latency | request cap | N | phase | uncapped (s) | capped (s) | slower by | requests / cap (s) |\n|---|---|---:|---|---:|---:|---:|---:|\n")
		}
		free := results[i]
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %.2f | %.2f | %.2f× | %.2f |\n", capped.Latency, capLabel(capped.MaxRPS), capped.N, capped.Phase,
			free.Provider, capped.Provider, capped.Provider/free.Provider, float64(capped.Requests)/float64(capped.MaxRPS))
	}
	return b.String()
}

// target is one row of the targets: a figure of one measurement and the bound it must keep.
type target struct {
	name string
	// find picks the measurement; figure reads the figure from it.
	find   func(measurement) bool
	figure func(measurement) float64
	bound  float64
	unit   string
	// frameworkFigure reads what the framework floor measures on the same target; nil where it has no
	// such figure (requests: the floor sends none).
	frameworkFigure func(measurement) float64
}

func at(n int, latency string, ph phase) func(measurement) bool {
	return func(m measurement) bool { return m.N == n && m.Latency == latency && m.MaxRPS == 0 && m.Phase == ph }
}

// againstTheFloor finds only a measurement that has a ratio: a run with -floor=false has none to judge.
func againstTheFloor(find func(measurement) bool) func(measurement) bool {
	return func(m measurement) bool { return find(m) && m.hasFloor() }
}

func ratio(m measurement) float64 { return m.Ratio }

func peakMiB(m measurement) float64 { return float64(m.PeakRSS) / (1 << 20) }

func requestsPerResource(m measurement) float64 { return float64(m.Requests) / float64(m.N) }

func requests(m measurement) float64 { return float64(m.Requests) }

func frameworkRatio(m measurement) float64 { return m.FrameworkFloorToFloor }

func frameworkPeakMiB(m measurement) float64 { return float64(m.FrameworkFloorPeakRSS) / (1 << 20) }

func bulkInvites(m measurement) float64 {
	return float64(m.Routes["POST /uauth/users/invitations/invite-bulk"])
}

// targets are issue 21's, at N = 1,000 unless they say otherwise, and the earlier ones that still hold.
var targets = []target{
	{"no-op plan / floor, 0 ms", againstTheFloor(at(1000, "0s", phasePlan)), ratio, 1.25, "×", frameworkRatio},
	{"no-op plan / floor, 50 ms", againstTheFloor(at(1000, "50ms", phasePlan)), ratio, 1.4, "×", frameworkRatio},
	{"apply / floor, 0 ms", againstTheFloor(at(1000, "0s", phaseApply)), ratio, 0.9, "×", frameworkRatio},
	{"destroy requests, 0 ms", at(1000, "0s", phaseDestroy), requests, 750, "", nil},
	{"provider peak RSS in the no-op plan, 0 ms", at(1000, "0s", phasePlan), peakMiB, 100, " MiB", frameworkPeakMiB},
	{"N = 5,000: no-op plan / floor, 0 ms", againstTheFloor(at(5000, "0s", phasePlan)), ratio, 1.3, "×", frameworkRatio},
	{"N = 5,000: provider peak RSS in the no-op plan", at(5000, "0s", phasePlan), peakMiB, 300, " MiB", frameworkPeakMiB},
	{"requests per resource in a refresh (no-op plan, 0 ms)", at(1000, "0s", phasePlan), requestsPerResource, 1, "", nil},
	{fmt.Sprintf("bulk invitations of the %d members of the team (apply, 0 ms)", shapeFor(1000).teamMembers), at(1000, "0s", phaseApply), bulkInvites, 5, "", nil},
}

// targetsTable gives every target a verdict: holds, misses, or not measured by this run.
func targetsTable(results []measurement) string {
	var b strings.Builder
	b.WriteString("## Targets\n\n| target | at most | measured | verdict | the framework floor's own |\n|---|---:|---:|---|---:|\n")
	for _, t := range targets {
		i := slices.IndexFunc(results, t.find)
		if i < 0 {
			fmt.Fprintf(&b, "| %s | %g%s | — | not measured | — |\n", t.name, t.bound, t.unit)
			continue
		}
		figure := t.figure(results[i])
		verdict := "holds"
		if figure > t.bound {
			verdict = "**misses**"
		}
		framework := "—"
		if t.frameworkFigure != nil {
			framework = orDash(t.frameworkFigure(results[i]), "%.2f"+t.unit)
		}
		fmt.Fprintf(&b, "| %s | %g%s | %s%s | %s | %s |\n", t.name, t.bound, t.unit, figureText(figure), t.unit, verdict, framework)
	}
	for _, m := range results {
		if m.Phase == phaseUsers {
			fmt.Fprintf(&b, "\n`data \"synerise_users\"` over %d members (%s latency): a plan takes %.2f s (median of %d), %d requests, provider peak RSS %.1f MiB.\n",
				m.N, m.Latency, m.Provider, m.Runs, m.Requests, peakMiB(m))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// profilesSection links the top summaries of the provider's profiles during the N = 1,000 no-op plan,
// those kept beside the results in resultsDir.
func profilesSection(resultsDir string) string {
	var b strings.Builder
	b.WriteString("## Profiles of the provider in the N = 1,000 no-op plan\n\n")
	b.WriteString("Taken with `-profile` (`bench/profiledprovider`), one more untimed plan after the timed ones; pprof files beside each summary.\n\n")
	b.WriteString("| | CPU | allocations | live heap at its peak | goroutines at that peak | live heap when idle at the end |\n|---|---|---|---|---|---|\n")
	for _, when := range []string{"before", "after"} {
		fmt.Fprintf(&b, "| %s |", when)
		for _, kind := range []string{"cpu", "allocs", "heap", "goroutine", "idleheap"} {
			// Profiles of the earlier code lack the kinds the bench learnt to take since.
			summary := filepath.Join("profiles", when, kind+"-top.txt")
			if _, err := os.Stat(filepath.Join(resultsDir, summary)); err != nil {
				b.WriteString(" — |")
				continue
			}
			fmt.Fprintf(&b, " [%s-top.txt](%s) |", kind, filepath.ToSlash(summary))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	return b.String()
}

// plotRatios draws the ratio to the floor against N, a line per phase and latency, without a request cap.
func plotRatios(path string, results []measurement) error {
	p := plot.New()
	p.Title.Text = "terraform-provider-synerise: wall time / terraform_data floor"
	p.X.Label.Text = "resources (N)"
	p.Y.Label.Text = "ratio to the floor"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Legend.Top = true

	colours := map[phase]color.Color{
		phaseApply:   color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
		phasePlan:    color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
		phaseDestroy: color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	}
	var latencies []string
	for _, m := range results {
		if !slices.Contains(latencies, m.Latency) {
			latencies = append(latencies, m.Latency)
		}
	}
	for li, lat := range latencies {
		for _, ph := range phases {
			var pts plotter.XYs
			for _, m := range results {
				if m.Latency == lat && m.MaxRPS == 0 && m.Phase == ph && m.hasFloor() {
					pts = append(pts, plotter.XY{X: float64(m.N), Y: m.Ratio})
				}
			}
			if len(pts) == 0 {
				continue
			}
			line, points, err := plotter.NewLinePoints(pts)
			if err != nil {
				return err
			}
			line.Color, points.Color = colours[ph], colours[ph]
			if li > 0 {
				line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
				points.Shape = draw.TriangleGlyph{}
			}
			p.Add(line, points)
			p.Legend.Add(fmt.Sprintf("%s, %s latency", ph, lat), line, points)
		}
	}
	// A log scale needs a range: a run of one size (-sizes 5000) gets a decade around it.
	var sizes []float64
	for _, m := range results {
		if m.Phase != phaseUsers {
			sizes = append(sizes, float64(m.N))
		}
	}
	if len(sizes) > 0 {
		p.X.Min, p.X.Max = slices.Min(sizes)/2, slices.Max(sizes)*2
	}
	target := plotter.NewFunction(func(float64) float64 { return 1.25 })
	target.Color = color.Gray{Y: 0x80}
	target.Dashes = []vg.Length{vg.Points(1), vg.Points(3)}
	p.Add(target)
	p.Legend.Add("no-op plan target at N = 1,000 (1.25×)", target)
	p.Y.Min = 0
	return p.Save(8*vg.Inch, 5*vg.Inch, path)
}
