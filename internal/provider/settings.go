package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// The workspace's settings objects are singletons the API replaces whole on every write. Each is
// catalogued once in internal/settings (its type, title, path, fields and defaults, and what on_destroy
// does), which the access review reads too; its settingsSpec adds what only Terraform needs: schema
// descriptions, rules, write-only twins, a guard. The client only reads and replaces JSON objects at a
// path; the mock keeps its own copy of each object, and a test holds the two and api/openapi.yaml to the
// specs. One engine gives every settings resource the same semantics:
//   - create adopts the existing object; every write sends every field, taking what the configuration
//     leaves out from the API's current values, so nothing is reset by accident;
//   - a field the configuration sets and someone changes outside Terraform shows as a change;
//   - destroy does what the catalogue says on_destroy does: writes back the object as it was before
//     Terraform managed it ("restore", kept in private state from create or import), the documented
//     defaults ("reset"), or only forgets it ("retain");
//   - import takes the resource's fixed id.

// settingField is one field of the catalogue's entry with what Terraform adds to it.
type settingField struct {
	settings.Field
	fieldTerraform
}

// fieldTerraform is what Terraform adds to a catalogued field: its description, rules and handling.
type fieldTerraform struct {
	description string
	sensitive   bool
	// writeOnly adds two attributes to a map field: <attr>_wo, the same value taken from the configuration
	// only and never stored in the state, and <attr>_wo_version, whose change sends it again.
	writeOnly   bool
	stringRules []validator.String
	intRules    []validator.Int64
	setRules    []validator.Set
}

// described is a field with a description and no rules.
func described(description string) fieldTerraform { return fieldTerraform{description: description} }

// settingsSpec describes one settings resource: the catalogue's entry (its type, title, path, fields and
// defaults, and what on_destroy does) and what only Terraform needs of it.
type settingsSpec struct {
	settings.Type
	description string
	// fields are the entry's fields, in its order, each with its Terraform side.
	fields []settingField
	// validate checks rules across fields at plan time; values are nil where unknown or unset.
	validate func(values map[string]attr.Value, diags *diag.Diagnostics)
	// guard looks at every plan that creates or updates the object, and refuses or warns of what may hurt.
	guard func(plan plannedSettings, diags *diag.Diagnostics)
	// acknowledgement, when set, adds a boolean argument of that name that only Terraform reads (the API
	// never sees it), with which a configuration overrides what guard would refuse. The plan shows it,
	// so a reviewer sees the override.
	acknowledgement *settingAcknowledgement
}

// newSettingsSpec is the spec of a catalogued type, its fields in the catalogue's order each with what terraform
// says of it by attribute. A field the catalogue does not have, or one terraform leaves undescribed, is
// a bug that stops the provider from being built, so that every test finds it.
func newSettingsSpec(typ settings.Type, description string, terraform map[string]fieldTerraform) settingsSpec {
	spec := settingsSpec{Type: typ, description: description}
	for _, f := range typ.Fields {
		t, ok := terraform[f.Attr]
		if !ok || t.description == "" {
			panic(fmt.Sprintf("%s: the provider does not describe the field %s", typ.Name, f.Attr))
		}
		spec.fields = append(spec.fields, settingField{Field: f, fieldTerraform: t})
	}
	if len(spec.fields) != len(terraform) {
		panic(fmt.Sprintf("%s: the provider describes fields the catalogue does not have", typ.Name))
	}
	return spec
}

// settingAcknowledgement is the argument with which a configuration overrides a guard's refusal.
type settingAcknowledgement struct {
	attr        string
	description string
}

// plannedSettings is what a guard sees of a plan.
type plannedSettings struct {
	// planned holds the planned object's known values: where the configuration leaves a field out, the
	// workspace's value from the state, or nothing (unknown) when the resource is being created.
	planned map[string]attr.Value
	// prior holds the state's values; nil when the resource is being created.
	prior map[string]attr.Value
	// acknowledged is the acknowledgement argument's value.
	acknowledged bool
	// applyFrom is what the provider block declares as the addresses Terraform reaches the API from.
	applyFrom declaredAddresses
}

func (f settingField) schemaAttribute() schema.Attribute {
	switch f.Kind {
	case settings.Bool:
		return schema.BoolAttribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}}
	case settings.Int:
		return schema.Int64Attribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive, CustomType: wholeNumberType{},
			Validators: f.intRules, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
	case settings.StringMap:
		return schema.MapAttribute{Description: f.description, ElementType: types.StringType, Optional: true, Computed: true, Sensitive: f.sensitive,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}}
	case settings.StringSet:
		return schema.SetAttribute{Description: f.description, ElementType: types.StringType, Optional: true, Computed: true, Sensitive: f.sensitive,
			Validators: f.setRules, PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()}}
	default:
		return schema.StringAttribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive,
			Validators: f.stringRules, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
}

// resourceDescription is the resource's description: the spec's, then how the engine treats the object,
// then what each on_destroy does, worded as the catalogue does.
func (s settingsSpec) resourceDescription() string {
	return s.description + "\n\n" +
		"The workspace has exactly one " + s.Title + ", which the API replaces whole on every change. Creating " +
		"the resource adopts it; an argument left out of the configuration keeps the value the workspace has " +
		"(it is never reset by accident).\n\n" +
		"Destroying the resource depends on `on_destroy`:\n\n- " + strings.Join(onDestroyWords(s.Type, map[string]string{
		settings.Restore: ", read when the resource was created or imported and kept in the state's private data." +
			s.writeOnlyRestoreNote() + " A state written before `restore` existed has no such copy: destroying it resets " +
			"the defaults, with a warning.",
		settings.Reset: ": " + s.describeDefaults() + ". The API reference does not state them; they are the values " +
			"a new workspace is assumed to have.",
		settings.Retain: ".",
	}), "\n- ")
}

// writeOnlyRestoreNote says what restore does with fields that write-only arguments set, where a spec has them.
func (s settingsSpec) writeOnlyRestoreNote() string {
	for _, f := range s.fields {
		if f.writeOnly {
			return " A value given through a write-only argument (such as `" + f.writeOnlyAttr() + "`) is never kept, so its " +
				"field is restored to its default."
		}
	}
	return ""
}

// object is what a write sends: every field of the spec, from from where it has the field and from
// the defaults elsewhere. Fields the spec does not describe are left out, so a write never sends back
// what it cannot vouch for.
func (s settingsSpec) object(from map[string]any) map[string]any {
	object := s.defaults()
	for _, f := range s.fields {
		if v, ok := from[f.JSON]; ok {
			object[f.JSON] = v
		}
	}
	return object
}

func (f settingField) writeOnlyAttr() string { return f.Attr + "_wo" }
func (f settingField) versionAttr() string   { return f.Attr + "_wo_version" }

// defaults is the object as a new workspace has it, written back by on_destroy = "reset".
func (s settingsSpec) defaults() map[string]any { return s.Defaults() }

// describeDefaults renders the defaults for the docs, in the order of the fields.
func (s settingsSpec) describeDefaults() string {
	parts := make([]string, 0, len(s.fields))
	for _, f := range s.fields {
		v := f.DefaultValue()
		var shown string
		switch value := v.(type) {
		case nil:
			shown = "null"
		case string:
			shown = fmt.Sprintf("%q", value)
		case map[string]any:
			shown = "{}"
		case []any:
			shown = "[]"
		default:
			shown = fmt.Sprint(value)
		}
		parts = append(parts, fmt.Sprintf("`%s` = `%s`", f.Attr, shown))
	}
	return strings.Join(parts, ", ")
}

// onDestroyWords words each on_destroy value of typ as the catalogue does, the default first, each
// followed by what notes add to it for this resource: "`reset` (the default) disables the requirement".
func onDestroyWords(typ settings.Type, notes map[string]string) []string {
	words := make([]string, 0, len(typ.OnDestroy))
	for i, o := range typ.OnDestroy {
		word := "`" + o.Value + "`"
		if i == 0 {
			word += " (the default)"
		}
		words = append(words, word+" "+o.Effect+notes[o.Value])
	}
	return words
}

// onDestroyAttribute is the schema attribute on_destroy of typ: its values and default from the catalogue.
func onDestroyAttribute(typ settings.Type, notes map[string]string) schema.StringAttribute {
	values := typ.OnDestroyValues()
	return schema.StringAttribute{
		Description: "What destroying the resource does: " + strings.Join(onDestroyWords(typ, notes), "; ") + ".",
		Optional:    true,
		Computed:    true,
		Default:     stringdefault.StaticString(values[0]),
		Validators:  []validator.String{stringvalidator.OneOf(values...)},
	}
}
