package settings

import (
	"slices"
	"strings"
	"testing"
)

// Every entry is whole and says each thing once: a name of the provider, a title, a path, fields whose
// attributes and JSON names are not repeated, and on_destroy values each with its effect.
func TestEveryTypeIsDescribedWhole(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, typ := range All() {
		if names[typ.Name] {
			t.Errorf("%s is catalogued twice", typ.Name)
		}
		names[typ.Name] = true
		if !strings.HasPrefix(typ.Name, typePrefix) || typ.Title == "" || !strings.HasPrefix(typ.Path, "/") {
			t.Errorf("%s: name, title or path missing: %+v", typ.Name, typ)
		}
		if found, ok := Lookup(typ.Name); !ok || found.Path != typ.Path {
			t.Errorf("Lookup(%q) does not find it", typ.Name)
		}
		describesFieldsOnce(t, typ)
		describesOnDestroy(t, typ)
	}
	if _, ok := Lookup("synerise_role"); ok {
		t.Error("Lookup finds a type that is not a settings type")
	}
}

func describesFieldsOnce(t *testing.T, typ Type) {
	t.Helper()
	attrs, jsons := map[string]bool{}, map[string]bool{}
	for _, f := range typ.Fields {
		if f.Attr == "" || attrs[f.Attr] || f.JSON != "" && jsons[f.JSON] {
			t.Errorf("%s: field %+v is empty or repeated", typ.Name, f)
		}
		attrs[f.Attr], jsons[f.JSON] = true, true
		if _, ok := typ.Defaults()[f.JSON]; !ok {
			t.Errorf("%s: the defaults leave out %s", typ.Name, f.JSON)
		}
	}
}

func describesOnDestroy(t *testing.T, typ Type) {
	t.Helper()
	values := typ.OnDestroyValues()
	if len(values) == 0 || len(slices.Compact(slices.Sorted(slices.Values(values)))) != len(values) {
		t.Errorf("%s: on_destroy values %v are missing or repeated", typ.Name, values)
	}
	for _, v := range values {
		if effect, ok := typ.Effect(v); !ok || effect == "" {
			t.Errorf("%s: on_destroy = %q has no effect", typ.Name, v)
		}
	}
	if _, ok := typ.Effect("explode"); ok {
		t.Errorf("%s: an on_destroy value it does not take has an effect", typ.Name)
	}
}

// The MFA requirement cannot be read, so nothing can restore it: reset disables it, retain leaves it.
func TestTheMFARequirementOffersResetAndRetain(t *testing.T) {
	t.Parallel()
	if got := MFARequirement.OnDestroyValues(); !slices.Equal(got, []string{Reset, Retain}) {
		t.Errorf("on_destroy values %v, want reset and retain", got)
	}
	if effect, _ := MFARequirement.Effect(Reset); effect != "disables the requirement" {
		t.Errorf("reset %s", effect)
	}
	if got := PasswordPolicy.OnDestroyValues(); !slices.Equal(got, []string{Restore, Reset, Retain}) {
		t.Errorf("a settings object's on_destroy values are %v, want restore (the default), reset, retain", got)
	}
}
