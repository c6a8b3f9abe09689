package review

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

// PermissionNeed is a permission the plan's apply needs, as the API reference names it, with the
// addresses of what needs it.
type PermissionNeed struct {
	Permission string
	Addresses  []string
}

// permissionsNeeded are the permissions the apply of plan needs, from internal/permissions: the steps
// each planned change of this provider takes (a replacement deletes and creates), the data sources
// read only during apply, and the actions invoked. A refresh-only plan applies nothing and needs none.
func permissionsNeeded(plan *tfjson.Plan) []PermissionNeed {
	byPermission := map[string][]string{}
	need := func(kind permissions.Kind, typeName, address string, steps ...permissions.Step) {
		t, ok := permissions.Lookup(kind, typeName)
		if !ok {
			return
		}
		for _, p := range t.Permissions(steps...) {
			if !slices.Contains(byPermission[p], address) {
				byPermission[p] = append(byPermission[p], address)
			}
		}
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Change == nil {
			continue
		}
		switch rc.Mode {
		case tfjson.ManagedResourceMode:
			need(permissions.Resource, rc.Type, rc.Address, applySteps(rc.Change.Actions)...)
		case tfjson.DataResourceMode:
			if rc.Change.Actions.Read() {
				need(permissions.DataSource, rc.Type, rc.Address, permissions.Read)
			}
		}
	}
	for _, a := range plan.ActionInvocations {
		need(permissions.Action, a.Type, a.Address, permissions.Invoke)
	}
	needs := make([]PermissionNeed, 0, len(byPermission))
	for p, addresses := range byPermission {
		slices.Sort(addresses)
		needs = append(needs, PermissionNeed{Permission: p, Addresses: addresses})
	}
	sort.Slice(needs, func(i, j int) bool { return needs[i].Permission < needs[j].Permission })
	return needs
}

// applySteps are the steps an apply takes for a change's actions; a no-op, a read or a forget takes none.
func applySteps(actions tfjson.Actions) []permissions.Step {
	var steps []permissions.Step
	for _, a := range actions {
		switch a {
		case tfjson.ActionCreate:
			steps = append(steps, permissions.Create)
		case tfjson.ActionUpdate:
			steps = append(steps, permissions.Update)
		case tfjson.ActionDelete:
			steps = append(steps, permissions.Delete)
		}
	}
	return steps
}

// addressesShown is how many addresses a permission's line names before it counts the rest.
const addressesShown = 4

// writePermissions lists the permissions the apply needs, one line each with what needs it.
func (s *Summary) writePermissions(b *strings.Builder) {
	if len(s.Permissions) == 0 {
		return
	}
	b.WriteString("\n### Permissions the apply needs\n\n")
	b.WriteString("The API reference names these for the requests the apply may send; the apply's token needs them " +
		"(each type's documentation lists its permissions per step).\n\n")
	rows := make([]string, 0, len(s.Permissions))
	for _, p := range s.Permissions {
		shown := p.Addresses[:min(len(p.Addresses), addressesShown)]
		line := fmt.Sprintf("- `%s`: %s", p.Permission, backticked(shown))
		if more := len(p.Addresses) - len(shown); more > 0 {
			line += fmt.Sprintf(" and %d more", more)
		}
		rows = append(rows, line)
	}
	fold(b, plural(len(s.Permissions), "1 permission", "permissions"), len(s.Permissions), rows)
}
