package review

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// RoleNames looks up the names of the workspace's roles by id, for ids the plan cannot name (roles
// managed elsewhere); the command implements it with the API.
type RoleNames func(ctx context.Context) (map[int64]string, error)

// roleBook names the roles a plan refers to: by id from the roles and role lookups in the plan's
// prior state and planned values (a renamed role by its new name), and, for ids known only after
// apply, by the roles the configuration refers to.
type roleBook struct {
	names map[int64]string
	// changes are the plan's resource changes by address, data sources included.
	changes map[string]*tfjson.ResourceChange
	config  *tfjson.Config
	// organisation is what invitations are checked against (domains.go), made once per review.
	organisation *organisation
}

func newRoleBook(plan *tfjson.Plan) *roleBook {
	b := &roleBook{names: map[int64]string{}, changes: map[string]*tfjson.ResourceChange{}, config: plan.Config}
	if plan.PriorState != nil && plan.PriorState.Values != nil {
		b.learn(plan.PriorState.Values.RootModule)
	}
	if plan.PlannedValues != nil {
		b.learn(plan.PlannedValues.RootModule)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.DeposedKey == "" {
			b.changes[rc.Address] = rc
		}
	}
	return b
}

// learn takes role names from a module's values and its children's.
func (b *roleBook) learn(module *tfjson.StateModule) {
	for r := range resourcesIn(module) {
		values := object{values: r.AttributeValues}
		switch r.Type {
		case "synerise_role":
			id, idKnown := values.number("id")
			name, nameKnown := values.text("name")
			if idKnown && nameKnown {
				b.names[id] = name
			}
		case "synerise_available_roles":
			ids, _ := r.AttributeValues["ids_by_name"].(map[string]any)
			for name, raw := range ids {
				if id, ok := asInt(raw); ok {
					b.names[id] = name
				}
			}
		}
	}
}

// lookUp asks names for ids the plan cannot name; it is called only when some are missing.
func (b *roleBook) lookUp(ctx context.Context, ids []int64, names RoleNames) error {
	missing := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { _, ok := b.names[id]; return ok })
	if len(missing) == 0 || names == nil {
		return nil
	}
	found, err := names(ctx)
	if err != nil {
		return fmt.Errorf("cannot look up the names of roles %v through the API: %w", missing, err)
	}
	for _, id := range missing {
		if name, ok := found[id]; ok {
			b.names[id] = name
		}
	}
	return nil
}

// roleSet is the roles one attribute names: those named, ids no one could name, and roles known only
// after apply, with the roles the configuration refers to when they cannot be told apart.
type roleSet struct {
	named    []string
	unnamed  []int64
	pending  int
	mayBeAny []string
}

func (s roleSet) empty() bool { return len(s.named) == 0 && len(s.unnamed) == 0 && s.pending == 0 }

func (s roleSet) String() string {
	parts := slices.Clone(s.named)
	for _, id := range s.unnamed {
		parts = append(parts, fmt.Sprintf("role %d", id))
	}
	switch {
	case s.pending == 0:
	case len(s.mayBeAny) == 0 && s.pending == 1:
		parts = append(parts, "a role known after apply")
	case len(s.mayBeAny) == 0:
		parts = append(parts, fmt.Sprintf("%d roles known after apply", s.pending))
	default:
		parts = append(parts, fmt.Sprintf("%s known after apply (one of %s)", plural(s.pending, "a role", "roles"), strings.Join(s.mayBeAny, ", ")))
	}
	if len(parts) == 0 {
		return "no roles"
	}
	return strings.Join(parts, ", ")
}

// set names the roles of ids (the known elements of a role id attribute) and of pending elements
// known only after apply, which are told by candidates: the roles the configuration refers to whose
// ids are unknown too. When there are as many candidates as pending ids, they are those roles.
func (b *roleBook) set(ids []int64, pending int, candidates []string) roleSet {
	var s roleSet
	for _, id := range ids {
		if name, ok := b.names[id]; ok {
			s.named = append(s.named, name)
		} else {
			s.unnamed = append(s.unnamed, id)
		}
	}
	if pending > 0 && pending == len(candidates) {
		s.named = append(s.named, candidates...)
	} else {
		s.pending, s.mayBeAny = pending, candidates
	}
	slices.Sort(s.named)
	slices.Sort(s.unnamed)
	return s
}

var (
	roleIDReference     = regexp.MustCompile(`^(data\.)?synerise_role\.([\w-]+)(\[[^\]]*\])?\.id$`)
	roleByNameReference = regexp.MustCompile(`^(data\.synerise_available_roles\.[\w-]+(?:\[[^\]]*\])?)\.ids_by_name\[("(?:[^"\\]|\\.)*")\]$`)
)

// candidates are the names of the roles that expression attribute of the resource rc refers to and
// whose ids are known only after apply.
func (b *roleBook) candidates(rc *tfjson.ResourceChange, attribute string) []string {
	expression := b.expression(rc, attribute)
	if expression == nil || expression.ExpressionData == nil {
		return nil
	}
	var names []string
	for _, ref := range expression.References {
		var name string
		if m := roleByNameReference.FindStringSubmatch(ref); m != nil {
			lookup, ok := b.change(rc, m[1])
			unquoted, err := strconv.Unquote(m[2])
			if !ok || err != nil || !lookup.isUnknown("ids_by_name") && lookup.exists() {
				continue
			}
			name = unquoted
		} else if roleIDReference.MatchString(ref) {
			role, ok := b.change(rc, strings.TrimSuffix(ref, ".id"))
			if _, known := role.number("id"); !ok || known {
				continue
			}
			var known bool
			if name, known = role.text("name"); !known {
				name = "a role whose name is known after apply"
			}
		} else {
			continue
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// change is the planned side of the resource a reference of rc names, when the plan changes or reads
// it: a resource the plan does not touch has values known before apply.
func (b *roleBook) change(rc *tfjson.ResourceChange, address string) (object, bool) {
	if rc.ModuleAddress != "" {
		address = rc.ModuleAddress + "." + address
	}
	target, ok := b.changes[address]
	if !ok || target.Change == nil {
		return object{}, false
	}
	return newObject(target.Change.After, target.Change.AfterUnknown, nil), true
}

// expression finds the configuration of rc's attribute, in the module rc belongs to.
func (b *roleBook) expression(rc *tfjson.ResourceChange, attribute string) *tfjson.Expression {
	if b.config == nil || b.config.RootModule == nil {
		return nil
	}
	module := b.config.RootModule
	for _, call := range moduleCalls(rc.ModuleAddress) {
		next, ok := module.ModuleCalls[call]
		if !ok || next.Module == nil {
			return nil
		}
		module = next.Module
	}
	for _, r := range module.Resources {
		if r.Mode == rc.Mode && r.Type == rc.Type && r.Name == rc.Name {
			return r.Expressions[attribute]
		}
	}
	return nil
}

var moduleStep = regexp.MustCompile(`module\.([\w-]+)(?:\[[^\]]*\])?`)

// moduleCalls are the names of the module calls of a module address, outermost first, without the
// instance keys: module.a["x"].module.b is a, b.
func moduleCalls(address string) []string {
	var calls []string
	for _, m := range moduleStep.FindAllStringSubmatch(address, -1) {
		calls = append(calls, m[1])
	}
	return calls
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}
