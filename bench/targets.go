package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// target is one row of a verdict table: a figure the run measured and the bound it must keep.
type target struct {
	// issue is the issue that set the target.
	issue int
	name  string
	bound float64
	unit  string
	// measure reads the figure from the results; false when the run did not measure it.
	measure func([]measurement) (float64, bool)
	// aside writes what the table shows beside the figure for comparison; nil for nothing.
	aside func([]measurement) string
}

// targetsTable gives every target a verdict: holds, misses, or not measured by this run.
func targetsTable(targets []target, results []measurement) string {
	var b strings.Builder
	b.WriteString("| issue | target | at most | measured | verdict | beside it |\n|---:|---|---:|---:|---|---|\n")
	for _, t := range targets {
		aside := "—"
		if t.aside != nil {
			aside = t.aside(results)
		}
		figure, measured := t.measure(results)
		if !measured {
			fmt.Fprintf(&b, "| %d | %s | %g%s | — | not measured | %s |\n", t.issue, t.name, t.bound, t.unit, aside)
			continue
		}
		verdict := "holds"
		if figure > t.bound {
			verdict = "**misses**"
		}
		fmt.Fprintf(&b, "| %d | %s | %g%s | %s%s | %s | %s |\n", t.issue, t.name, t.bound, t.unit, figureText(figure), t.unit, verdict, aside)
	}
	return b.String()
}

// one measures a figure of the one measurement find picks.
func one(find func(measurement) bool, figure func(measurement) float64) func([]measurement) (float64, bool) {
	return func(results []measurement) (float64, bool) {
		i := slices.IndexFunc(results, find)
		if i < 0 {
			return 0, false
		}
		return figure(results[i]), true
	}
}

// labelled writes a figure of the measurement find picks after its label, or a dash when the run did not
// measure it (0 or no such measurement).
func labelled(label string, find func(measurement) bool, figure func(measurement) float64, unit string) func([]measurement) string {
	return func(results []measurement) string {
		value, measured := one(find, figure)(results)
		if !measured || value == 0 {
			return label + ": —"
		}
		return fmt.Sprintf("%s: %.2f%s", label, value, unit)
	}
}

// at finds the graph's measurement of one phase of n resources at one latency, without a request cap.
func at(n int, latency string, ph phase) func(measurement) bool {
	return func(m measurement) bool {
		return m.Scenario == "" && m.N == n && m.Latency == latency && m.MaxRPS == 0 && m.Phase == ph
	}
}

// againstTheFloor finds only a measurement that has a ratio: a run with -floor=false has none to judge.
func againstTheFloor(find func(measurement) bool) func(measurement) bool {
	return func(m measurement) bool { return find(m) && m.hasFloor() }
}

// againstTheFrameworkFloor finds only a measurement that has a ratio to the framework floor.
func againstTheFrameworkFloor(find func(measurement) bool) func(measurement) bool {
	return func(m measurement) bool { return find(m) && m.FrameworkFloor > 0 }
}

func ratio(m measurement) float64 { return m.Ratio }

func toFrameworkFloor(m measurement) float64 { return m.ProviderToFrameworkFloor }

func peakMiB(m measurement) float64 { return float64(m.PeakRSS) / (1 << 20) }

func requestsPerResource(m measurement) float64 { return float64(m.Requests) / float64(m.N) }

func requests(m measurement) float64 { return float64(m.Requests) }

func frameworkRatio(m measurement) float64 { return m.FrameworkFloorToFloor }

func frameworkPeakMiB(m measurement) float64 { return float64(m.FrameworkFloorPeakRSS) / (1 << 20) }

func bulkInvites(m measurement) float64 {
	return float64(m.Routes["POST /uauth/users/invitations/invite-bulk"])
}

func invitationDeletes(m measurement) float64 {
	return float64(m.Routes["DELETE /uauth/users/invitations/{invitationIds}"])
}

// againstBothFloors is the target that a phase of the graph at N = 1,000 keeps to the framework floor,
// with its ratio to terraform_data beside.
func againstBothFloors(name, latency string, ph phase, bound float64) target {
	find := at(1000, latency, ph)
	return target{33, name, bound, "×", one(againstTheFrameworkFloor(find), toFrameworkFloor),
		labelled("provider / terraform_data", againstTheFloor(find), ratio, "×")}
}

// targets are the graph's: issue 33's against the framework floor, which replaced issue 21's no-op
// plan, apply, destroy requests and N = 5,000 peak targets, and issue 21's that stand.
var targets = []target{
	againstBothFloors("no-op plan / framework floor, N = 1,000, 0 ms", "0s", phasePlan, 1.05),
	againstBothFloors("no-op plan / framework floor, N = 1,000, 50 ms", "50ms", phasePlan, 1.05),
	againstBothFloors("apply / framework floor, N = 1,000, 0 ms", "0s", phaseApply, 1.0),
	againstBothFloors("destroy / framework floor, N = 1,000, 0 ms", "0s", phaseDestroy, 1.0),
	{33, "destroy requests, N = 1,000, 0 ms", 780, "", one(at(1000, "0s", phaseDestroy), requests), nil},
	{33, fmt.Sprintf("invitation-delete requests of the destroy, N = 5,000, 0 ms (%d invitations and a team of %d)",
		shapeFor(5000).invitations, shapeFor(5000).teamMembers), 250, "",
		one(at(5000, "0s", phaseDestroy), invitationDeletes), nil},
	{33, "provider peak RSS in the no-op plan, N = 5,000, 0 ms", 100, " MiB", one(at(5000, "0s", phasePlan), peakMiB),
		labelled("framework floor", at(5000, "0s", phasePlan), frameworkPeakMiB, " MiB")},
	{21, "provider peak RSS in the no-op plan, N = 1,000, 0 ms", 100, " MiB", one(at(1000, "0s", phasePlan), peakMiB),
		labelled("framework floor", at(1000, "0s", phasePlan), frameworkPeakMiB, " MiB")},
	{21, "no-op plan / terraform_data floor, N = 5,000, 0 ms", 1.3, "×", one(againstTheFloor(at(5000, "0s", phasePlan)), ratio),
		labelled("framework floor / terraform_data", at(5000, "0s", phasePlan), frameworkRatio, "×")},
	{21, "requests per resource in a refresh (no-op plan, N = 1,000, 0 ms)", 1, "", one(at(1000, "0s", phasePlan), requestsPerResource), nil},
	{21, fmt.Sprintf("bulk invitations of the %d members of the team (apply, N = 1,000, 0 ms)", shapeFor(1000).teamMembers), 5, "",
		one(at(1000, "0s", phaseApply), bulkInvites), nil},
}

// routesText lists the requests of m by route.
func routesText(m measurement) string {
	routes := make([]string, 0, len(m.Routes))
	for _, route := range slices.Sorted(maps.Keys(m.Routes)) {
		routes = append(routes, fmt.Sprintf("`%s` %d", route, m.Routes[route]))
	}
	return strings.Join(routes, ", ")
}
