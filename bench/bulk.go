package main

import (
	"context"
	"fmt"
	"log"
	"slices"
	"strings"
	"text/template"
)

// The bulk scenario is one synerise_invitations whose members map holds N members, built with a for
// expression, half of them with a role: an organisation onboarded through the one bulk resource the
// guides recommend. Beside it, terraform_data holds the same map in input, and the framework floor's
// floor_invitations, whose members have the same attributes, holds it in members.

// scenarioBulk names the bulk scenario's measurements.
const scenarioBulk = "bulk"

// phaseChangePlan and phaseChangeApply are the plan and the apply of a change of one member's first
// name.
const (
	phaseChangePlan  phase = "change plan"
	phaseChangeApply phase = "change apply"
)

// label names a bulk phase in the report, where a plan that is not of the change is a no-op plan.
func (ph phase) label() string {
	if ph == phasePlan {
		return "no-op plan"
	}
	return string(ph)
}

// bulkPhases are the bulk scenario's phases in the order they run.
var bulkPhases = []phase{phaseApply, phasePlan, phaseChangePlan, phaseChangeApply, phaseDestroy}

// bulkRole is the seeded role that half of the members hold.
const bulkRole = "Analyst"

// bulkMembers is the bulk scenario's configuration in one dialect: N members, and the first one renamed
// once the change is made.
// range() makes at most 1,024 numbers, so the members' numbers are made a thousand at a time.
var bulkMembers = template.Must(template.New("bulk").Parse(`{{.Header}}
locals {
  members = flatten([for block in range(ceil({{.N}} / 1000)) : range(block * 1000, min({{.N}}, (block + 1) * 1000))])
}

resource "{{.Resource}}" "bulk" {
  {{.Attribute}} = {
    for i in local.members : "member-${i}" => {
      email      = "member-${i}@bulk.example.com"
      first_name = i == 0 ? "{{.FirstName}}" : "Member ${i}"
      role_ids   = i % 2 == 0 ? [{{.RoleID}}] : []
    }
  }
}
`))

// bulkDialect is how one provider holds the members: the resource type and its attribute.
type bulkDialect struct {
	Header, Resource, Attribute string
}

var (
	bulkProvider       = bulkDialect{Header: requiredProvider("synerise", "synerise-oss/synerise"), Resource: "synerise_invitations", Attribute: "members"}
	bulkFloor          = bulkDialect{Resource: "terraform_data", Attribute: "input"}
	bulkFrameworkFloor = bulkDialect{Header: requiredProvider("floor", "bench/floor"), Resource: "floor_invitations", Attribute: "members"}
)

// bulkConfig is the configuration of n members in d, holding the role roleID; changed renames the first
// member.
func bulkConfig(d bulkDialect, n int, roleID int64, changed bool) string {
	firstName := "Member 0"
	if changed {
		firstName = "Member 0, renamed"
	}
	var b strings.Builder
	if err := bulkMembers.Execute(&b, struct {
		bulkDialect
		N         int
		RoleID    int64
		FirstName string
	}{d, n, roleID, firstName}); err != nil {
		panic(err)
	}
	return b.String()
}

// bulkConfigs are the configurations of the working directories in dirs.
func bulkConfigs(dirs sizeDirs, n int, roleID int64, changed bool) map[string]string {
	return dirs.configs(bulkConfig(bulkProvider, n, roleID, changed), bulkConfig(bulkFloor, n, roleID, changed),
		bulkConfig(bulkFrameworkFloor, n, roleID, changed))
}

// measureBulk measures the bulk scenario at each size, with a mock of its own for each, at the first
// latency and without a request cap.
func measureBulk(ctx context.Context, w workspace, b benchRun) error {
	for _, n := range b.bulkSizes {
		log.Printf("bulk: one synerise_invitations of %d members, latency %s", n, b.latencies[0])
		profile := ""
		if n == slices.Max(b.bulkSizes) {
			profile = b.bulkProfile
		}
		mock, err := startMock(ctx, w.mockBinary, b.latencies[0])
		if err != nil {
			return err
		}
		err = measureBulkSize(ctx, w, mock, b, n, profile)
		mock.stop()
		if err != nil {
			return fmt.Errorf("bulk, N = %d: %w", n, err)
		}
	}
	return nil
}

// measureBulkSize times each bulk phase of n members against mock, and profiles the no-op plan into
// profile unless it is empty.
func measureBulkSize(ctx context.Context, w workspace, mock *mockProcess, b benchRun, n int, profile string) error {
	roleID, err := mock.roleID(ctx, bulkRole)
	if err != nil {
		return err
	}
	dirs := newSizeDirs(w, fmt.Sprintf("bulk-%d", n), b.floor)
	if err := writeConfigs(bulkConfigs(dirs, n, roleID, false)); err != nil {
		return err
	}
	env := terraformEnv(w, mock, 0)
	r := sizeRun{floor: b.floor, latency: mock.latency, n: n, planRuns: b.bulkPlanRuns}
	for _, ph := range bulkPhases {
		if ph == phaseChangePlan {
			if err := writeConfigs(bulkConfigs(dirs, n, roleID, true)); err != nil {
				return err
			}
		}
		m, err := measurePhase(ctx, w, env, mock, dirs, r, ph)
		if err != nil {
			return err
		}
		m.Scenario = scenarioBulk
		if err := b.record(m); err != nil {
			return err
		}
		if ph == phasePlan && profile != "" {
			if err := profilePlan(ctx, w, env, dirs.provider, profile); err != nil {
				return err
			}
		}
	}
	return nil
}
