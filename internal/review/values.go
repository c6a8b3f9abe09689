package review

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// resourcesIn yields the resources of a module of a plan's or a state's values, then its children's,
// depth first; a nil module has none.
func resourcesIn(module *tfjson.StateModule) iter.Seq[*tfjson.StateResource] {
	return func(yield func(*tfjson.StateResource) bool) {
		var walk func(*tfjson.StateModule) bool
		walk = func(m *tfjson.StateModule) bool {
			if m == nil {
				return true
			}
			for _, r := range m.Resources {
				if !yield(r) {
					return false
				}
			}
			for _, child := range m.ChildModules {
				if !walk(child) {
					return false
				}
			}
			return true
		}
		walk(module)
	}
}

// object is one side of a planned change: its values and, from the plan's parallel structures, which
// of them are known only after apply and which are sensitive. The zero object stands for a side that
// does not exist (the before of a create, the after of a delete).
type object struct {
	values    map[string]any
	unknown   map[string]any
	sensitive map[string]any
}

func newObject(values, unknown, sensitive any) object {
	v, _ := values.(map[string]any)
	u, _ := unknown.(map[string]any)
	s, _ := sensitive.(map[string]any)
	return object{values: v, unknown: u, sensitive: s}
}

func (o object) exists() bool { return o.values != nil }

// isUnknown says whether the attribute is known only after apply.
func (o object) isUnknown(name string) bool {
	unknown, _ := o.unknown[name].(bool)
	return unknown
}

func (o object) isSensitive(name string) bool {
	sensitive, _ := o.sensitive[name].(bool)
	return sensitive
}

// member is one member of synerise_invitations.members, by its label.
func (o object) member(label string) object {
	pick := func(m map[string]any) any {
		members, _ := m["members"].(map[string]any)
		return members[label]
	}
	if !o.exists() {
		return object{}
	}
	return newObject(pick(o.values), pick(o.unknown), pick(o.sensitive))
}

// memberLabels are the labels of synerise_invitations.members, sorted.
func (o object) memberLabels() []string {
	m, _ := o.values["members"].(map[string]any)
	labels := make([]string, 0, len(m))
	for label := range m {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	return labels
}

func (o object) number(name string) (int64, bool) {
	if o.isUnknown(name) {
		return 0, false
	}
	return asInt(o.values[name])
}

func (o object) boolean(name string) (value, known bool) {
	if o.isUnknown(name) {
		return false, false
	}
	value, known = o.values[name].(bool)
	return value, known
}

func (o object) text(name string) (string, bool) {
	if o.isUnknown(name) {
		return "", false
	}
	s, ok := o.values[name].(string)
	return s, ok
}

// elements is a list or set attribute as its known values and the number of elements known only
// after apply.
func (o object) elements(name string) (known []any, unknown int) {
	if o.isUnknown(name) {
		return nil, 1
	}
	values, _ := o.values[name].([]any)
	marks, _ := o.unknown[name].([]any)
	for i, v := range values {
		if i < len(marks) && marks[i] == true {
			unknown++
			continue
		}
		known = append(known, v)
	}
	return known, unknown
}

// asInt reads a whole number of the plan, decoded as json.Number or as float64.
func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		if n != math.Trunc(n) {
			return 0, false
		}
		return int64(n), true
	}
	return 0, false
}

// display writes a value for a Markdown table cell: text quoted, lists comma-separated, nothing
// shown as "(none)".
func display(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		return "`" + strconv.Quote(x) + "`"
	case bool:
		return "`" + strconv.FormatBool(x) + "`"
	case json.Number:
		return "`" + x.String() + "`"
	case float64:
		return "`" + strconv.FormatFloat(x, 'f', -1, 64) + "`"
	case []any:
		if len(x) == 0 {
			return "(none)"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = display(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		if len(x) == 0 {
			return "(none)"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " = " + display(x[k])
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("`%v`", v)
}
