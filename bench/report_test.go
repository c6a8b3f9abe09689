package main

import (
	"strings"
	"testing"
)

// bulkMeasurement is a bulk phase of n members: the provider's seconds, terraform_data's and the
// framework floor's, and the provider's peak in MiB.
func bulkMeasurement(n int, ph phase, provider, floor, frameworkFloor float64, peakMiB int64) measurement {
	return measurement{Scenario: scenarioBulk, Latency: "0s", N: n, Phase: ph, Runs: 1, Provider: provider,
		Floor: floor, Ratio: provider / floor, FrameworkFloor: frameworkFloor, ProviderToFrameworkFloor: provider / frameworkFloor,
		PeakRSS: peakMiB << 20, FrameworkFloorPeakRSS: 40 << 20, Requests: 1, Routes: map[string]int{listingRoute: 1}}
}

// bulkResults are a run of both bulk sizes: 5,000 members plan in 1.2 times terraform_data's time but
// change in 2.0 times it, apply in ten times the time of 1,000 and plan in five times it, a no-op plan
// that also reads one member, and a peak of 160 MiB in the change apply.
func bulkResults() []measurement {
	results := []measurement{
		bulkMeasurement(1000, phaseApply, 6, 1, 2, 50),
		bulkMeasurement(1000, phasePlan, 5, 2, 3, 50),
		bulkMeasurement(1000, phaseChangePlan, 5, 2, 3, 50),
		bulkMeasurement(1000, phaseChangeApply, 10, 1, 2, 50),
		bulkMeasurement(1000, phaseDestroy, 6, 1, 2, 50),
		bulkMeasurement(5000, phaseApply, 60, 5, 10, 120),
		bulkMeasurement(5000, phasePlan, 25, 20.8333, 15, 120),
		bulkMeasurement(5000, phaseChangePlan, 40, 20, 15, 120),
		bulkMeasurement(5000, phaseChangeApply, 50, 5, 10, 160),
		bulkMeasurement(5000, phaseDestroy, 30, 5, 10, 120),
	}
	noop := &results[6]
	noop.Requests, noop.Routes = 8, map[string]int{listingRoute: 6, credentialsRoute: 1, "GET /uauth/users/{userId}": 1}
	return results
}

// tableRow is the verdict table's row of the target named name, by its cells, or nil.
func tableRow(table, name string) []string {
	for line := range strings.SplitSeq(table, "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) > 2 && cells[1] == name {
			return cells
		}
	}
	return nil
}

// verdict is what a verdict table should say of one target.
type verdict struct{ name, measured, verdict string }

// checkVerdicts checks the figure and the verdict of each target in table.
func checkVerdicts(t *testing.T, table string, want []verdict) {
	t.Helper()
	for _, v := range want {
		row := tableRow(table, v.name)
		if row == nil {
			t.Fatalf("no row for %q in\n%s", v.name, table)
		}
		if row[3] != v.measured || row[4] != v.verdict {
			t.Errorf("%s: measured %q, verdict %q; want %q, %q", v.name, row[3], row[4], v.measured, v.verdict)
		}
	}
}

func TestBulkTargetsJudgeTheMeasurements(t *testing.T) {
	table := targetsTable(bulkTargets, bulkResults())
	checkVerdicts(t, table, []verdict{
		{"no-op plan / terraform_data floor, N = 5,000", "1.20×", "holds"},
		{"one-member-change plan / terraform_data floor, N = 5,000", "2×", "**misses**"},
		{"apply: time at N = 5,000 / time at N = 1,000", "10×", "**misses**"},
		{"no-op plan: time at N = 5,000 / time at N = 1,000", "5×", "holds"},
		{"no-op plan, N = 5,000: requests besides the listing's pages and the credentials check", "1", "**misses**"},
		{"provider peak RSS, N = 5,000, the largest of the five phases", "160 MiB", "**misses**"},
	})
	if row := tableRow(table, "apply: time at N = 5,000 / time at N = 1,000"); row[5] != "terraform_data: 5.00×, framework floor: 5.00× |" {
		t.Errorf("the floors' growth beside the apply's: %q", row[5])
	}
}

func TestThePeakOfPartOfThePhasesIsNotMeasured(t *testing.T) {
	table := targetsTable(bulkTargets, bulkResults()[:7])
	checkVerdicts(t, table, []verdict{
		{"no-op plan / terraform_data floor, N = 5,000", "1.20×", "holds"},
		{"provider peak RSS, N = 5,000, the largest of the five phases", "—", "not measured"},
	})
}

func TestBulkTargetsWithoutTheLargeSizeAreNotMeasured(t *testing.T) {
	table := targetsTable(bulkTargets, bulkResults()[:5])
	var want []verdict
	for _, target := range bulkTargets {
		want = append(want, verdict{target.name, "—", "not measured"})
	}
	checkVerdicts(t, table, want)
}

func TestGraphTargetsAgainstTheFrameworkFloorKeepTheTerraformDataRatio(t *testing.T) {
	plan := measurement{Latency: "0s", N: 1000, Phase: phasePlan, Provider: 5.1, Floor: 3, Ratio: 1.7, FrameworkFloor: 5,
		ProviderToFrameworkFloor: 1.02, PeakRSS: 90 << 20}
	destroy := measurement{Latency: "0s", N: 1000, Phase: phaseDestroy, Provider: 6, Floor: 4, Ratio: 1.5, FrameworkFloor: 5,
		ProviderToFrameworkFloor: 1.2, Requests: 801}
	// A bulk measurement of the same size and phase is not the graph's.
	bulk := bulkMeasurement(1000, phasePlan, 50, 1, 1, 500)
	table := targetsTable(targets, []measurement{bulk, plan, destroy})
	checkVerdicts(t, table, []verdict{
		{"no-op plan / framework floor, N = 1,000, 0 ms", "1.02×", "holds"},
		{"destroy / framework floor, N = 1,000, 0 ms", "1.20×", "**misses**"},
		{"destroy requests, N = 1,000, 0 ms", "801", "**misses**"},
		{"provider peak RSS in the no-op plan, N = 1,000, 0 ms", "90 MiB", "holds"},
		{"no-op plan / framework floor, N = 1,000, 50 ms", "—", "not measured"},
	})
	if row := tableRow(table, "no-op plan / framework floor, N = 1,000, 0 ms"); row[5] != "provider / terraform_data: 1.70× |" {
		t.Errorf("the terraform_data ratio beside the no-op plan's: %q", row[5])
	}
}

func TestTheDestroyOfFiveThousandKeepsItsInvitationDeletesUnderTheBound(t *testing.T) {
	routes := func(deletes int) map[string]int {
		return map[string]int{"DELETE /uauth/users/invitations/{invitationIds}": deletes, "DELETE /uauth/roles/role/{roleId}": 2335}
	}
	name := "invitation-delete requests of the destroy, N = 5,000, 0 ms (1911 invitations and a team of 1000)"
	within := measurement{Latency: "0s", N: 5000, Phase: phaseDestroy, Requests: 2600, Routes: routes(214)}
	checkVerdicts(t, targetsTable(targets, []measurement{within}), []verdict{{name, "214", "holds"}})
	// The roles' deletes are not invitations': only the invitations' route counts.
	beyond := within
	beyond.Routes = routes(1600)
	checkVerdicts(t, targetsTable(targets, []measurement{beyond}), []verdict{{name, "1600", "**misses**"}})
}
