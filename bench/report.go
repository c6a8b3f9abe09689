package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"maps"
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
	if err := os.WriteFile(filepath.Join(dir, "results.md"), []byte(markdown(results)), 0o644); err != nil {
		return err
	}
	return plotRatios(filepath.Join(dir, "ratio.png"), results)
}

func markdown(results []measurement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmark: the provider against Terraform's floor\n\n")
	fmt.Fprintf(&b, "Measured %s on %s/%s with %d CPUs by `make bench`. The floor is the same graph of `terraform_data` "+
		"resources (no plugin, no HTTP); the ratio is the provider's wall time over the floor's, measured in the same run. "+
		"Requests are those the mock API received during the phase. A no-op plan is timed %d times and the medians compared; "+
		"apply and destroy once each.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), planRuns)
	b.WriteString(targets(results))
	fmt.Fprintf(&b, "![ratio to the floor](ratio.png)\n\n")
	fmt.Fprintf(&b, "| latency | request cap | N | phase | floor (s) | provider (s) | ratio | requests | requests per resource | provider peak RSS (MiB) |\n")
	fmt.Fprintf(&b, "|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range results {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %.2f | %.2f | %.2f | %d | %.2f | %.1f |\n", m.Latency, capLabel(m.MaxRPS), m.N, m.Phase, m.Floor, m.Provider,
			m.Ratio, m.Requests, float64(m.Requests)/float64(m.N), float64(m.PeakRSS)/(1<<20))
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

// targets checks the figures the project aims for, at N = 1,000 without added latency.
func targets(results []measurement) string {
	find := func(ph phase) (measurement, bool) {
		i := slices.IndexFunc(results, func(m measurement) bool {
			return m.N == 1000 && m.Latency == "0s" && m.MaxRPS == 0 && m.Phase == ph
		})
		if i < 0 {
			return measurement{}, false
		}
		return results[i], true
	}
	apply, okApply := find(phaseApply)
	plan, okPlan := find(phasePlan)
	if !okApply || !okPlan {
		return ""
	}
	verdict := func(ok bool) string {
		if ok {
			return "holds"
		}
		return "**missed**"
	}
	// The team of synerise_invitations makes no request but its bulk invites.
	bulk := apply.Routes["POST /uauth/users/invitations/invite-bulk"]
	members := shapeFor(1000).teamMembers
	var b strings.Builder
	b.WriteString("## Targets (N = 1,000, no added latency)\n\n| target | measured | verdict |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| no-op plan within 1.5× of the floor | %.2f× | %s |\n", plan.Ratio, verdict(plan.Ratio <= 1.5))
	fmt.Fprintf(&b, "| apply within 2× of the floor | %.2f× | %s |\n", apply.Ratio, verdict(apply.Ratio <= 2))
	perResource := float64(plan.Requests) / float64(plan.N)
	fmt.Fprintf(&b, "| at most one request per resource per refresh | %.2f (%d requests) | %s |\n", perResource, plan.Requests, verdict(perResource <= 1))
	fmt.Fprintf(&b, "| %d invitations created in at most 5 requests | %d | %s |\n\n", members, bulk, verdict(bulk <= 5))
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
				if m.Latency == lat && m.MaxRPS == 0 && m.Phase == ph {
					pts = append(pts, plotter.XY{X: float64(m.N), Y: m.Ratio})
				}
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
	target := plotter.NewFunction(func(float64) float64 { return 1.5 })
	target.Color = color.Gray{Y: 0x80}
	target.Dashes = []vg.Length{vg.Points(1), vg.Points(3)}
	p.Add(target)
	p.Legend.Add("no-op plan target (1.5×)", target)
	p.Y.Min = 0
	return p.Save(8*vg.Inch, 5*vg.Inch, path)
}
