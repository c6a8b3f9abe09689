package permissions

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Types returns every Terraform type of the provider with the operations of each step.
func Types() []Type {
	return slices.Clone(types)
}

// Lookup returns the type of that kind and name, such as (Resource, "synerise_role").
func Lookup(kind Kind, name string) (Type, bool) {
	i := slices.IndexFunc(types, func(t Type) bool { return t.Kind == kind && t.Name == name })
	if i < 0 {
		return Type{}, false
	}
	return types[i], true
}

// DeliberatelyUnused returns the operations that name a permission and that no type uses, each with the reason.
func DeliberatelyUnused() map[string]string {
	return maps.Clone(deliberatelyUnused)
}

// Permissions returns the permissions the type's steps need, sorted, each as Operation.Permission
// spells it; operations for which the reference names none add nothing.
func (t Type) Permissions(steps ...Step) []string {
	var out []string
	for _, u := range t.Uses {
		if !slices.Contains(steps, u.Step) {
			continue
		}
		for _, id := range u.Operations {
			if op, ok := OperationByID(id); ok && op.Permission() != "" && !slices.Contains(out, op.Permission()) {
				out = append(out, op.Permission())
			}
		}
	}
	slices.Sort(out)
	return out
}

// stepLabels say when Terraform takes each step, by kind.
var stepLabels = map[Kind]map[Step]string{
	Resource:     {Read: "read (plan, refresh, import)", Create: "create (apply)", Update: "update (apply)", Delete: "delete (apply, destroy)"},
	DataSource:   {Read: "read (plan; apply when an argument is known only then)"},
	ListResource: {Read: "read (`terraform query`)"},
	Action:       {Invoke: "invoke (apply)"},
}

// Markdown returns the "Permissions" section of the type's documentation, which the provider appends to
// the type's schema description: one row per step with its permissions and the API operations it
// sends. It is "" for a type the table does not know.
func Markdown(kind Kind, name string) string {
	t, ok := Lookup(kind, name)
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n\n## Permissions\n\nWhat the token's user needs for each step of this %s, as the API reference names it "+
		"(generated from the API description):\n\n", kind)
	b.WriteString("| Step | Permissions | API operations |\n|---|---|---|\n")
	for _, u := range t.Uses {
		permissions := t.Permissions(u.Step)
		cell := "none"
		if len(permissions) > 0 {
			cell = "`" + strings.Join(permissions, "`, `") + "`"
		}
		operations := u.Note
		if len(u.Operations) > 0 {
			operations = strings.TrimSuffix("`"+strings.Join(u.Operations, "`, `")+"`: "+u.Note, ": ")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", stepLabels[kind][u.Step], cell, operations)
	}
	return b.String()
}
