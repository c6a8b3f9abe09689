package review

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// Settings resources, their titles and what on_destroy does to each come from internal/settings, which
// the provider builds them from: the review names no settings type of its own.

const maskedValue = "(sensitive)"

// isSettings says whether a Terraform type is a settings resource, one object per workspace.
func isSettings(typ string) bool {
	_, ok := settings.Lookup(typ)
	return ok
}

// titleOf names a settings resource's object in a sentence, such as "password policy".
func titleOf(typ string) string {
	t, _ := settings.Lookup(typ)
	return t.Title
}

// capitalised is text with its first letter in upper case, to begin a sentence.
func capitalised(text string) string {
	if text == "" {
		return text
	}
	return strings.ToUpper(text[:1]) + text[1:]
}

// onDestroyEffect says what destroying a settings resource with on_destroy = value does, as the
// catalogue words it.
func onDestroyEffect(typ, value string) string {
	t, _ := settings.Lookup(typ)
	if effect, ok := t.Effect(value); ok {
		return effect
	}
	return "does what the resource's documentation says"
}

// settingsChange lists the attributes of a settings resource that change, before → after.
func settingsChange(c change) SettingsChange {
	out := SettingsChange{Address: c.address(), Action: c.verb()}
	if onDestroy := destroyedWith(c); onDestroy != "" {
		t, _ := settings.Lookup(c.rc.Type)
		if effect, ok := t.Effect(onDestroy); ok {
			out.Action = fmt.Sprintf("destroyed: on_destroy = %q %s", onDestroy, effect)
		}
	}
	if !c.after.exists() {
		return out
	}
	for _, name := range attributeNames(c) {
		if c.after.isUnknown(name) && !c.before.exists() {
			out.Later = append(out.Later, name)
			continue
		}
		if row, changed := settingsRow(c, name); changed {
			out.Rows = append(out.Rows, row)
		}
	}
	return out
}

// attributeNames are the attributes either side of the change has, id aside, sorted.
func attributeNames(c change) []string {
	names := map[string]bool{}
	for _, side := range []map[string]any{c.before.values, c.after.values} {
		for name := range side {
			names[name] = true
		}
	}
	for name := range c.after.unknown {
		names[name] = true
	}
	delete(names, "id")
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	sort.Strings(sorted)
	return sorted
}

// settingsRow is one attribute's change, its values written for Markdown and sensitive ones masked;
// false when the attribute does not change, or a created resource leaves it null.
func settingsRow(c change, name string) (SettingsRow, bool) {
	before, after := c.before.values[name], c.after.values[name]
	if c.after.isUnknown(name) {
		after = nil
	} else if reflect.DeepEqual(before, after) && c.before.exists() {
		return SettingsRow{}, false
	}
	if !c.before.exists() && after == nil {
		return SettingsRow{}, false
	}
	row := SettingsRow{Attribute: name, Before: display(before), After: display(after)}
	if !c.before.exists() {
		row.Before = "—"
	}
	if c.after.isUnknown(name) {
		row.After = "known after apply"
	}
	if c.before.isSensitive(name) {
		row.Before = maskedValue
	}
	if c.after.isSensitive(name) {
		row.After = maskedValue
	}
	return row, true
}
