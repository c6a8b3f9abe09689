package review

import (
	"path/filepath"
	"slices"
	"testing"
)

// Each rule lives in one place: its entry in attentionRules gives its id once, and on every change of
// the golden plans of a type it looks at, its function finds only findings of that id.
func TestEachRuleFindsOnlyItsOwnID(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	for _, r := range attentionRules {
		if ids[r.id] || len(r.types) == 0 {
			t.Errorf("rule %s is listed twice or looks at no type", r.id)
		}
		ids[r.id] = true
	}
	plans, err := filepath.Glob(filepath.Join("testdata", "*.plan.json"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no plans in testdata: %v", err)
	}
	for _, path := range plans {
		for _, c := range goldenChanges(t, path) {
			for _, r := range attentionRules {
				if !slices.Contains(r.types, c.rc.Type) {
					continue
				}
				for _, f := range r.find(c.change, c.roles) {
					if f.Rule != r.id {
						t.Errorf("%s: rule %s found a finding of %s: %s", c.address(), r.id, f.Rule, f.Message)
					}
				}
			}
		}
	}
}

// bookedChange is a change with the role book of its plan.
type bookedChange struct {
	change
	roles *roleBook
}

// goldenChanges are the reviewable changes of the plan at path.
func goldenChanges(t *testing.T, path string) []bookedChange {
	t.Helper()
	plan := readPlanFile(t, path)
	roles := newRoleBook(plan)
	roles.organisation = newOrganisation(plan, nil)
	var out []bookedChange
	s := &Summary{OtherProviders: map[string]int{}}
	for _, rc := range plan.ResourceChanges {
		if c, ok := s.reviewable(rc); ok {
			out = append(out, bookedChange{c, roles})
		}
	}
	return out
}
