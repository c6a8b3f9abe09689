// Package settings describes once each settings type of a Synerise workspace: the objects the
// workspace has exactly one of, which the provider manages as singletons and the access review
// reports. Each Type holds its Terraform type name, its title (the one wording the provider's docs
// and diagnostics and the review use), where the API keeps it, its fields with their documented
// defaults, and what each on_destroy value does. What only Terraform needs (validators, guards,
// schema descriptions) stays in internal/provider. It imports nothing of the project.
package settings

import "strings"

// typePrefix begins the name of every Terraform type of the provider.
const typePrefix = "synerise_"

// Kind is how a field is typed in the API's JSON and in Terraform.
type Kind int

// The kinds of field.
const (
	Bool      Kind = iota // JSON boolean, Terraform bool
	Int                   // JSON integer, Terraform number
	String                // JSON string or null, Terraform string
	StringMap             // JSON object of strings, Terraform map of strings
	StringSet             // JSON array of strings whose order means nothing, Terraform set of strings
)

// Field maps one attribute to one field of the API's object.
type Field struct {
	Attr string
	JSON string
	Kind Kind
	// Default is the value a new workspace has; nil stands for the kind's empty value: false, 0,
	// null, {} or [].
	Default any
}

// DefaultValue is the value a new workspace has, as the API's JSON holds it.
func (f Field) DefaultValue() any {
	if f.Default != nil {
		return f.Default
	}
	switch f.Kind {
	case Bool:
		return false
	case Int:
		return 0
	case StringMap:
		return map[string]any{}
	case StringSet:
		return []any{}
	default:
		return nil
	}
}

// The values of on_destroy.
const (
	Restore = "restore"
	Reset   = "reset"
	Retain  = "retain"
)

// OnDestroy is one value of on_destroy and what destroying the resource with it does to the workspace,
// worded to follow `on_destroy = "<value>"`.
type OnDestroy struct {
	Value  string
	Effect string
}

// The effects of on_destroy on a settings object that the API can read and write whole.
var (
	restoreSettings = OnDestroy{Restore, "writes back the settings the workspace had before Terraform managed them"}
	resetSettings   = OnDestroy{Reset, "writes the defaults of a new workspace"}
	retainSettings  = OnDestroy{Retain, "leaves the settings as they are and only stops managing them"}
)

// Type is one settings type.
type Type struct {
	// Name is the Terraform type, such as synerise_password_policy.
	Name string
	// Title names the object in a sentence, after "the" or "one", such as "password policy".
	Title string
	// Path is where the API keeps the object.
	Path string
	// Fields are the object's fields, in the order the docs list them.
	Fields []Field
	// OnDestroy are the values on_destroy takes, the default first.
	OnDestroy []OnDestroy
}

// ID is the resource's fixed id and import ID: its name without the provider's prefix.
func (t Type) ID() string { return strings.TrimPrefix(t.Name, typePrefix) }

// Defaults is the object as a new workspace has it, which on_destroy = "reset" writes back.
func (t Type) Defaults() map[string]any {
	object := make(map[string]any, len(t.Fields))
	for _, f := range t.Fields {
		object[f.JSON] = f.DefaultValue()
	}
	return object
}

// OnDestroyValues are the values on_destroy takes, the default first.
func (t Type) OnDestroyValues() []string {
	values := make([]string, len(t.OnDestroy))
	for i, o := range t.OnDestroy {
		values[i] = o.Value
	}
	return values
}

// Effect says what destroying the resource with on_destroy = value does; false for a value the type
// does not take.
func (t Type) Effect(value string) (string, bool) {
	for _, o := range t.OnDestroy {
		if o.Value == value {
			return o.Effect, true
		}
	}
	return "", false
}

// Field is the field of the attribute attr; false when the type has none.
func (t Type) Field(attr string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Attr == attr {
			return f, true
		}
	}
	return Field{}, false
}

// Lookup is the settings type of a Terraform type name; false when it is not one.
func Lookup(name string) (Type, bool) {
	for _, t := range All() {
		if t.Name == name {
			return t, true
		}
	}
	return Type{}, false
}
