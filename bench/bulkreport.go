package main

import (
	"fmt"
	"slices"
	"strings"
)

// bulkTargetSize is the number of members issue 33's bulk targets are set at, and bulkBaseSize the one
// its growth target compares with.
const (
	bulkTargetSize = 5000
	bulkBaseSize   = 1000
)

// listingRoute and credentialsRoute are the requests a no-op plan of synerise_invitations may send: the
// pages of the users listing, and the provider's check of its credentials when it is configured.
const (
	listingRoute     = "GET /uauth/users/listing"
	credentialsRoute = "GET /uauth/users/my-account"
)

// bulkAt finds the bulk scenario's measurement of one phase of n members.
func bulkAt(n int, ph phase) func(measurement) bool {
	return func(m measurement) bool { return isBulk(m) && m.N == n && m.Phase == ph }
}

// bulkTargets are issue 33's targets for the bulk scenario.
var bulkTargets = bulkTargetList()

func bulkTargetList() []target {
	targets := []target{
		againstTheDataFloor("no-op plan / terraform_data floor, N = 5,000", phasePlan),
		againstTheDataFloor("one-member-change plan / terraform_data floor, N = 5,000", phaseChangePlan),
	}
	targets = append(targets, growthTargets()...)
	noop := bulkAt(bulkTargetSize, phasePlan)
	return append(targets,
		target{33, "no-op plan, N = 5,000: requests besides the listing's pages and the credentials check", 0, "", one(noop, unlisted),
			func(results []measurement) string {
				if i := slices.IndexFunc(results, noop); i >= 0 {
					return "routes: " + routesText(results[i])
				}
				return "routes: —"
			}},
		target{33, "provider peak RSS, N = 5,000, the largest of the five phases", 150, " MiB", largestPeak(peakMiB),
			func(results []measurement) string {
				peak, measured := largestPeak(frameworkPeakMiB)(results)
				if !measured || peak == 0 {
					return "framework floor: —"
				}
				return fmt.Sprintf("framework floor: %.1f MiB", peak)
			}})
}

// againstTheDataFloor is the target that a bulk phase at 5,000 members keeps to terraform_data holding
// the same map, with its ratio to the framework floor beside.
func againstTheDataFloor(name string, ph phase) target {
	find := bulkAt(bulkTargetSize, ph)
	return target{33, name, 1.5, "×", one(againstTheFloor(find), ratio),
		labelled("provider / framework floor", againstTheFrameworkFloor(find), toFrameworkFloor, "×")}
}

// growthTargets hold each bulk phase at 5,000 members to at most 5.5 times its time at 1,000, with the
// floors' growth beside.
func growthTargets() []target {
	var out []target
	for _, ph := range bulkPhases {
		out = append(out, target{33, fmt.Sprintf("%s: time at N = 5,000 / time at N = 1,000", ph.label()), 5.5, "×",
			growth(ph, func(m measurement) float64 { return m.Provider }),
			func(results []measurement) string {
				return fmt.Sprintf("terraform_data: %s, framework floor: %s",
					growthText(growth(ph, func(m measurement) float64 { return m.Floor })(results)),
					growthText(growth(ph, func(m measurement) float64 { return m.FrameworkFloor })(results)))
			}})
	}
	return out
}

// growth is the ratio of a figure of a bulk phase at 5,000 members to the same at 1,000.
func growth(ph phase, figure func(measurement) float64) func([]measurement) (float64, bool) {
	return func(results []measurement) (float64, bool) {
		large, measuredLarge := one(bulkAt(bulkTargetSize, ph), figure)(results)
		base, measuredBase := one(bulkAt(bulkBaseSize, ph), figure)(results)
		if !measuredLarge || !measuredBase || base == 0 || large == 0 {
			return 0, false
		}
		return large / base, true
	}
}

func growthText(figure float64, measured bool) string {
	if !measured {
		return "—"
	}
	return fmt.Sprintf("%.2f×", figure)
}

// unlisted counts the requests of m that are neither a page of the users listing nor the credentials check.
func unlisted(m measurement) float64 {
	return float64(m.Requests - m.Routes[listingRoute] - m.Routes[credentialsRoute])
}

// largestPeak is the largest of a peak figure over the bulk phases at 5,000 members; a run that did not
// measure all of them has no figure.
func largestPeak(figure func(measurement) float64) func([]measurement) (float64, bool) {
	return func(results []measurement) (float64, bool) {
		var peak float64
		var measured []phase
		for _, m := range results {
			if isBulk(m) && m.N == bulkTargetSize {
				peak, measured = max(peak, figure(m)), append(measured, m.Phase)
			}
		}
		return peak, len(measured) == len(bulkPhases)
	}
}

// bulkSection reports the bulk scenario: each phase of each size beside both floors, the requests by
// route, and the verdicts of its targets. It is empty when the run has no bulk figures.
func bulkSection(results []measurement) string {
	bulk := slices.DeleteFunc(slices.Clone(results), func(m measurement) bool { return !isBulk(m) })
	if len(bulk) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Bulk: one synerise_invitations of N members\n\n"+
		"One `synerise_invitations` whose `members` map holds N members (`email`, `first_name`; every other one with a role, "+
		"the rest with none), built with a `for` expression, against a mock of its own at %s latency. The one-member change "+
		"renames the first member: its plan is the change plan and its apply the change apply. The floors hold the same map: `terraform_data` in `input`, and the framework floor's "+
		"`floor_invitations` in `members`, whose members have the attributes, types, defaults and computed values of "+
		"`synerise_invitations`' (kept from the state with UseStateForUnknown) without its validators and plan. Plans are "+
		"timed %d times (fewer where the runs column says so) and the medians compared; the rest once.\n\n",
		bulk[0].Latency, defaultBulkPlanRuns)
	b.WriteString("| N | phase | runs | terraform_data (s) | framework floor (s) | provider (s) | provider / terraform_data " +
		"| provider / framework floor | requests | provider peak RSS (MiB) | framework floor peak RSS (MiB) |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range bulk {
		fmt.Fprintf(&b, "| %d | %s | %d | %s | %s | %.2f | %s | %s | %d | %.1f | %s |\n", m.N, m.Phase.label(), m.Runs,
			orDash(m.Floor, "%.2f"), orDash(m.FrameworkFloor, "%.2f"), m.Provider, orDash(m.Ratio, "%.2f"),
			orDash(m.ProviderToFrameworkFloor, "%.2f"), m.Requests, peakMiB(m), orDash(frameworkPeakMiB(m), "%.1f"))
	}
	b.WriteString("\n### Requests by route\n\n")
	for _, m := range bulk {
		fmt.Fprintf(&b, "- N = %d, %s: %s\n%s", m.N, m.Phase.label(), routesText(m), idListsText(m))
	}
	b.WriteString("\n### Targets at 5,000 members\n\n")
	b.WriteString(targetsTable(bulkTargets, results))
	return b.String()
}
