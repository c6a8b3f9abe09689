package review

import (
	"fmt"
	"reflect"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Drift is what Terraform's refresh found changed in the workspace since it last wrote the state: the
// plan's resource_drift, described in the same terms as the plan's own changes. Someone changed these
// objects in the Synerise UI or through the API, outside review.
type Drift struct {
	Changes
	// Fates say what this plan does about each change, by the address the change is listed under.
	Fates map[string]Fate
}

// Fate is what a plan does about a change made outside Terraform.
type Fate string

// The fates, each completing "this plan …": an ordinary plan reverts what the configuration sets; a
// refresh-only plan, and an ordinary one whose configuration does not set what changed, keeps it.
const (
	FateReverted       Fate = "reverts it"
	FatePartlyReverted Fate = "reverts part of it"
	FateKept           Fate = "keeps it"
	FateAccepted       Fate = "keeps it: applying this refresh-only plan writes it into the state"
	FateCreatedAgain   Fate = "creates it again"
	FateDestroyed      Fate = "destroys the resource"
	FateUndecided      Fate = "may revert it: that is known only after apply"
)

// Found says whether anything changed outside Terraform that this review describes.
func (d *Drift) Found() bool { return d.count() > 0 || len(d.Unreviewed) > 0 }

// driftChanges are the changes made outside Terraform to this provider's resources.
func driftChanges(plan *tfjson.Plan) []change {
	var out []change
	for _, rc := range plan.ResourceDrift {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || !strings.HasPrefix(rc.Type, "synerise_") ||
			rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
			continue
		}
		out = append(out, newChange(rc))
	}
	return out
}

// newDrift describes the changes made outside Terraform and what the plan does about each.
func newDrift(plan *tfjson.Plan, drift []change, roles *roleBook) Drift {
	d := Drift{Fates: map[string]Fate{}}
	planned := map[string]*tfjson.ResourceChange{}
	for _, rc := range plan.ResourceChanges {
		if rc.DeposedKey == "" {
			planned[rc.Address] = rc
		}
	}
	refreshOnly := isRefreshOnly(plan)
	for _, c := range drift {
		d.add(c, roles)
		d.Fates[c.address()] = fateOf(c, planned[c.address()], refreshOnly)
		if c.rc.Type == "synerise_invitations" {
			d.memberFates(c, planned[c.address()], refreshOnly)
		}
	}
	return d
}

// memberFates gives each member of a synerise_invitations changed outside Terraform its own fate, as
// the members are listed one by one.
func (d *Drift) memberFates(c change, planned *tfjson.ResourceChange, refreshOnly bool) {
	labels := map[string]bool{}
	for _, label := range append(c.before.memberLabels(), c.after.memberLabels()...) {
		labels[label] = true
	}
	for label := range labels {
		member := change{rc: c.rc, actions: c.actions, before: c.before.member(label), after: c.after.member(label)}
		var plannedMember *tfjson.ResourceChange
		if planned != nil && planned.Change != nil {
			p := newChange(planned)
			plannedMember = &tfjson.ResourceChange{Change: &tfjson.Change{
				Actions:      planned.Change.Actions,
				After:        p.after.member(label).values,
				AfterUnknown: p.after.member(label).unknown,
			}}
			if p.after.isUnknown("members") {
				plannedMember.Change.AfterUnknown = true
			}
		}
		d.Fates[fmt.Sprintf("%s.members[%q]", c.address(), label)] = fateOf(member, plannedMember, refreshOnly)
	}
}

// fateOf compares what changed outside Terraform (before → after, as the refresh found it) with what
// the plan makes of the same resource: each changed attribute back to its value before, or left.
func fateOf(c change, planned *tfjson.ResourceChange, refreshOnly bool) Fate {
	switch {
	case refreshOnly:
		return FateAccepted
	case planned == nil || planned.Change == nil || planned.Change.Actions.NoOp():
		return FateKept
	case !c.after.exists() && planned.Change.Actions.Create():
		return FateCreatedAgain
	case planned.Change.Actions.Delete() && !planned.Change.Actions.Create():
		return FateDestroyed
	}
	if unknown, _ := planned.Change.AfterUnknown.(bool); unknown {
		return FateUndecided
	}
	var t tally
	t.compare(c.before.values, c.after.values, planned.Change.After, planned.Change.AfterUnknown)
	switch {
	case t.undecided > 0:
		return FateUndecided
	case t.reverted > 0 && t.kept > 0:
		return FatePartlyReverted
	case t.reverted > 0:
		return FateReverted
	}
	return FateKept
}

// tally counts the values changed outside Terraform that the plan sets back, leaves, or knows only after apply.
type tally struct{ reverted, kept, undecided int }

// compare walks the values that differ between before and after, down through objects and maps, and
// counts what planned (with its unknown markers) makes of each.
func (t *tally) compare(before, after, planned, unknown any) {
	if reflect.DeepEqual(before, after) {
		return
	}
	if marker, _ := unknown.(bool); marker {
		t.undecided++
		return
	}
	b, bIsMap := before.(map[string]any)
	a, aIsMap := after.(map[string]any)
	if !bIsMap || !aIsMap {
		t.leaf(before, planned, unknown)
		return
	}
	p, _ := planned.(map[string]any)
	u, _ := unknown.(map[string]any)
	for key := range union(b, a) {
		t.compare(b[key], a[key], p[key], u[key])
	}
}

// leaf counts one value changed outside Terraform: reverted when the plan sets it back, undecided when
// the plan knows part of it only after apply.
func (t *tally) leaf(before, planned, unknown any) {
	if markers, _ := unknown.([]any); containsTrue(markers) {
		t.undecided++
		return
	}
	if reflect.DeepEqual(before, planned) {
		t.reverted++
		return
	}
	t.kept++
}

func containsTrue(markers []any) bool {
	for _, m := range markers {
		if m == true {
			return true
		}
	}
	return false
}

func union(a, b map[string]any) map[string]bool {
	keys := make(map[string]bool, len(a)+len(b))
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

// findings applies the rules to the changes made outside Terraform: a personal-data grant made in the
// UI needs attention even when this plan reverts it, since someone could make it and may again.
func (d *Drift) findings(drift []change, roles *roleBook) []Finding {
	var out []Finding
	for _, c := range drift {
		for _, f := range findings(c, roles) {
			fate, ok := d.Fates[f.Address]
			if !ok {
				fate = d.Fates[c.address()]
			}
			f.Drift = true
			f.Message = fmt.Sprintf("%s Changed outside Terraform; this plan %s.", f.Message, fate)
			out = append(out, f)
		}
	}
	return out
}
