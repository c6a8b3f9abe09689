package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The workspace's settings objects are singletons the API replaces whole on every write. Each is
// described once, by its settingsSpec: where the API keeps it, and each field's attribute, JSON name,
// kind, rules and default. The client only reads and replaces JSON objects at a path; the mock keeps
// its own copy of each object, and a test holds the two and api/openapi.yaml to the specs. One engine
// gives every settings resource the same semantics:
//   - create adopts the existing object; every write sends every field, taking what the configuration
//     leaves out from the API's current values, so nothing is reset by accident;
//   - a field the configuration sets and someone changes outside Terraform shows as a change;
//   - destroy writes back the object as it was before Terraform managed it (on_destroy = "restore", kept
//     in private state from create or import), the documented defaults ("reset"), or only forgets it ("retain");
//   - import takes the resource's fixed id.

// fieldKind is how a settings field is typed in Terraform and in the API's JSON.
type fieldKind int

const (
	boolField      fieldKind = iota // JSON boolean, Terraform bool
	intField                        // JSON integer, Terraform number
	stringField                     // JSON string or null, Terraform string
	stringMapField                  // JSON object of strings, Terraform map of strings
	stringSetField                  // JSON array of strings whose order means nothing, Terraform set of strings
)

// settingField maps one attribute to one field of the API's object.
type settingField struct {
	attr        string
	json        string
	kind        fieldKind
	description string
	sensitive   bool
	// writeOnly adds two attributes to a map field: <attr>_wo, the same value taken from the configuration
	// only and never stored in the state, and <attr>_wo_version, whose change sends it again.
	writeOnly   bool
	stringRules []validator.String
	intRules    []validator.Int64
	setRules    []validator.Set
	// byDefault is the value a new workspace has; nil stands for the kind's empty value: false, 0,
	// null, {} or [].
	byDefault any
}

// textField is a string field, null by default, with no rules.
func textField(attr, json, description string) settingField {
	return settingField{attr: attr, json: json, kind: stringField, description: description}
}

// flagField is a boolean field, false by default.
func flagField(attr, json, description string) settingField {
	return settingField{attr: attr, json: json, kind: boolField, description: description}
}

// settingsSpec describes one settings resource.
type settingsSpec struct {
	typeSuffix string
	id         string
	// path is where the API keeps the object; the client reads and replaces it there.
	path        string
	title       string
	description string
	fields      []settingField
	// validate checks rules across fields at plan time; values are nil where unknown or unset.
	validate func(values map[string]attr.Value, diags *diag.Diagnostics)
	// guard looks at every plan that creates or updates the object, and refuses or warns of what may hurt.
	guard func(plan plannedSettings, diags *diag.Diagnostics)
	// acknowledgement, when set, adds a boolean argument of that name that only Terraform reads (the API
	// never sees it), with which a configuration overrides what guard would refuse. The plan shows it,
	// so a reviewer sees the override.
	acknowledgement *settingAcknowledgement
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
	switch f.kind {
	case boolField:
		return schema.BoolAttribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}}
	case intField:
		return schema.Int64Attribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive, CustomType: wholeNumberType{},
			Validators: f.intRules, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}}
	case stringMapField:
		return schema.MapAttribute{Description: f.description, ElementType: types.StringType, Optional: true, Computed: true, Sensitive: f.sensitive,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}}
	case stringSetField:
		return schema.SetAttribute{Description: f.description, ElementType: types.StringType, Optional: true, Computed: true, Sensitive: f.sensitive,
			Validators: f.setRules, PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()}}
	default:
		return schema.StringAttribute{Description: f.description, Optional: true, Computed: true, Sensitive: f.sensitive,
			Validators: f.stringRules, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
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
		if v, ok := from[f.json]; ok {
			object[f.json] = v
		}
	}
	return object
}

func (f settingField) writeOnlyAttr() string { return f.attr + "_wo" }
func (f settingField) versionAttr() string   { return f.attr + "_wo_version" }

// defaults is the object as a new workspace has it, written back by on_destroy = "reset".
func (s settingsSpec) defaults() map[string]any {
	object := make(map[string]any, len(s.fields))
	for _, f := range s.fields {
		object[f.json] = f.defaultValue()
	}
	return object
}

func (f settingField) defaultValue() any {
	if f.byDefault != nil {
		return f.byDefault
	}
	switch f.kind {
	case boolField:
		return false
	case intField:
		return 0
	case stringMapField:
		return map[string]any{}
	case stringSetField:
		return []any{}
	default:
		return nil
	}
}

// describeDefaults renders the defaults for the docs, in the order of the fields.
func (s settingsSpec) describeDefaults() string {
	parts := make([]string, 0, len(s.fields))
	for _, f := range s.fields {
		v := f.defaultValue()
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
		parts = append(parts, fmt.Sprintf("`%s` = `%s`", f.attr, shown))
	}
	return strings.Join(parts, ", ")
}
