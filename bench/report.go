package main

import (
	"encoding/json"
	"fmt"
	"image/color"
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
	graph := slices.DeleteFunc(slices.Clone(results), isBulk)
	if len(graph) == 0 {
		return nil
	}
	return plotRatios(filepath.Join(dir, "ratio.png"), graph)
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
	graph := slices.DeleteFunc(slices.Clone(results), isBulk)
	var b strings.Builder
	b.WriteString(introduction())
	b.WriteString("## Targets\n\nIssue 33 measures the no-op plan, apply and destroy against the framework floor, and replaced " +
		"issue 21's targets against `terraform_data` for them, for destroy requests and for the peak at N = 5,000; the ratios " +
		"to `terraform_data` stand beside. The bulk scenario's targets are in its section below.\n\n")
	b.WriteString(targetsTable(targets, results))
	for _, m := range graph {
		if m.Phase == phaseUsers {
			fmt.Fprintf(&b, "\n`data \"synerise_users\"` over %d members (%s latency): a plan takes %.2f s (median of %d), %d requests, provider peak RSS %.1f MiB.\n",
				m.N, m.Latency, m.Provider, m.Runs, m.Requests, peakMiB(m))
		}
	}
	b.WriteString("\n")
	b.WriteString(profilesSection(dir))
	if len(graph) > 0 {
		b.WriteString(graphSection(graph))
	}
	b.WriteString(bulkSection(results))
	return b.String()
}

// isBulk is whether m belongs to the bulk scenario rather than to the graph.
func isBulk(m measurement) bool { return m.Scenario == scenarioBulk }

func introduction() string {
	return fmt.Sprintf("# Benchmark: the provider against Terraform's floor\n\n"+
		"Measured %s on %s/%s with %d CPUs by `make bench`. The floor is the same graph of `terraform_data` "+
		"resources (no plugin, no HTTP); the ratio is the provider's wall time over the floor's, measured in the same run. "+
		"Requests are those the mock API received during the phase. A no-op plan is timed %d times and the medians compared "+
		"(fewer where the runs column says so: at N = 5,000 one plan of this graph takes Terraform alone minutes); "+
		"apply and destroy once each. A dash is a floor left out of that run (-floor=false, -framework-floor=false), as at "+
		"N = 5,000, where one graph's apply or destroy takes Terraform alone some 25 or 40 minutes.\n\n"+
		"The framework floor is the same graph once more, of a provider built with the provider's own versions of "+
		"terraform-plugin-framework and terraform-plugin-go that keeps its resources in state and does nothing else "+
		"(`bench/floorprovider`, no HTTP): what any framework provider pays beyond `terraform_data`, timed in the same runs.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), defaultPlanRuns)
}

// graphSection is every figure of the graph, a row per phase of each size, latency and request cap, the
// costs of the request caps, and the requests by route at the first latency.
func graphSection(graph []measurement) string {
	var b strings.Builder
	b.WriteString("![ratio to the floor](ratio.png)\n\n")
	b.WriteString("| latency | request cap | N | phase | runs | floor (s) | framework floor (s) | provider (s) | provider / floor | provider / framework floor " +
		"| framework floor / floor | requests | requests per resource | provider peak RSS (MiB) | framework floor peak RSS (MiB) |\n")
	b.WriteString("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range graph {
		if m.Phase == phaseUsers {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %d | %s | %s | %.2f | %s | %s | %s | %d | %.2f | %.1f | %s |\n", m.Latency, capLabel(m.MaxRPS), m.N, m.Phase,
			m.Runs, orDash(m.Floor, "%.2f"), orDash(m.FrameworkFloor, "%.2f"), m.Provider, orDash(m.Ratio, "%.2f"), orDash(m.ProviderToFrameworkFloor, "%.2f"),
			orDash(m.FrameworkFloorToFloor, "%.2f"), m.Requests, float64(m.Requests)/float64(m.N), float64(m.PeakRSS)/(1<<20),
			orDash(float64(m.FrameworkFloorPeakRSS)/(1<<20), "%.1f"))
	}
	b.WriteString(capCosts(graph))
	b.WriteString("\n## Requests by route\n\n")
	for _, m := range graph {
		if m.Latency == graph[0].Latency && m.MaxRPS == 0 {
			fmt.Fprintf(&b, "- N = %d, %s: %s\n%s", m.N, m.Phase, routesText(m), idListsText(m))
		}
	}
	return b.String()
}

// figureText writes a count as a whole number and anything else to two decimals.
func figureText(figure float64) string {
	if figure == math.Trunc(figure) {
		return fmt.Sprintf("%.0f", figure)
	}
	return fmt.Sprintf("%.2f", figure)
}

// orDash formats a figure of a floor, or a dash for results that have none (0).
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

// profileFolders are the folders of profiles under results/profiles that the report links, each with
// the no-op plan it profiled.
var profileFolders = []struct{ folder, plan string }{
	{"before", "graph, N = 1,000, before issue 21's listings (54427a6)"},
	{"after", "graph, N = 1,000"},
	{"graph-5000", "graph, N = 5,000"},
	{"bulk-5000", "bulk, one synerise_invitations of 5,000 members"},
}

// profilesSection links the top summaries of the provider's profiles during no-op plans, those kept
// beside the results in resultsDir.
func profilesSection(resultsDir string) string {
	var b strings.Builder
	b.WriteString("## Profiles of the provider in no-op plans\n\n")
	b.WriteString("Taken with `-profile` and `-bulk-profile` (`bench/profiledprovider`), one more untimed plan after the timed ones; pprof files beside each summary.\n\n")
	b.WriteString("| no-op plan | CPU | allocations | live heap at its peak | goroutines at that peak | live heap when idle at the end |\n|---|---|---|---|---|---|\n")
	for _, p := range profileFolders {
		if _, err := os.Stat(filepath.Join(resultsDir, "profiles", p.folder)); err != nil {
			continue
		}
		fmt.Fprintf(&b, "| %s |", p.plan)
		for _, kind := range []string{"cpu", "allocs", "heap", "goroutine", "idleheap"} {
			// Profiles of the earlier code lack the kinds the bench learnt to take since.
			summary := filepath.Join("profiles", p.folder, kind+"-top.txt")
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
	p.Legend.Add("issue 21's no-op plan target at N = 1,000 (1.25×)", target)
	p.Y.Min = 0
	return p.Save(8*vg.Inch, 5*vg.Inch, path)
}
