package provider

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"

	"github.com/synerise-oss/terraform-provider-synerise/api"
	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// Each settings object is described once, by its spec; the mock keeps its own copy of the object and
// api/openapi.yaml transcribes the reference's. This test holds the three together: a new workspace of
// the mock has exactly the spec's fields, each at the default the spec documents (and on_destroy =
// "reset" writes), and the reference's request body names exactly the spec's fields, since the API
// resets every field a write leaves out.
func TestSettingsSpecsAgreeWithTheMockAndTheReference(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	specs := settingsSpecs(t)
	if len(specs) != 11 {
		t.Errorf("%d settings resources, want the 11 settings objects of the reference", len(specs))
	}
	for _, spec := range specs {
		t.Run(spec.ID(), func(t *testing.T) {
			t.Parallel()
			fields := make([]string, 0, len(spec.fields))
			for _, f := range spec.fields {
				fields = append(fields, f.JSON)
			}
			slices.Sort(fields)

			fresh, err := newTestWorkspace(t).client.ReadSettings(context.Background(), spec.Path)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(maps.Keys(fresh)); !slices.Equal(got, fields) {
				t.Errorf("a new workspace's object has the fields\n%v\nthe spec has\n%v", got, fields)
			}
			got, _ := json.Marshal(fresh)
			want, _ := json.Marshal(spec.defaults())
			if string(got) != string(want) {
				t.Errorf("a new workspace's object is\n%s\nthe spec's defaults are\n%s", got, want)
			}

			if body := requestBodyFields(t, doc, spec.Path); !slices.Equal(body, fields) {
				t.Errorf("the reference's request body has the fields\n%v\nthe spec has\n%v", body, fields)
			}
		})
	}
}

// Every settings type is catalogued once in internal/settings, and the provider and the review both read
// the catalogue. This test fails if a resource that behaves as a settings object (it takes on_destroy, as
// the settings engine's resources and synerise_mfa_requirement do) is not catalogued, if a settings
// resource's path or fields differ from its entry, or if an entry has no resource.
func TestEverySettingsResourceIsCatalogued(t *testing.T) {
	t.Parallel()
	registered := map[string]bool{}
	for _, factory := range New("test")().Resources(context.Background()) {
		r := factory()
		name, attributes := typeNameAndSchema(t, r)
		if _, takesOnDestroy := attributes["on_destroy"]; !takesOnDestroy {
			continue
		}
		registered[name] = true
		entry, ok := settings.Lookup(name)
		if !ok {
			t.Errorf("%s takes on_destroy but internal/settings does not catalogue it: add its entry there", name)
			continue
		}
		if spec, engine := r.(*settingsResource); engine && !specFollows(spec.spec, entry) {
			t.Errorf("%s: the spec's path or fields differ from the catalogue's entry", name)
		}
		agreesWithEntry(t, entry, attributes)
	}
	for _, entry := range settings.All() {
		if !registered[entry.Name] {
			t.Errorf("internal/settings catalogues %s, but the provider registers no such settings resource", entry.Name)
		}
	}
}

// typeNameAndSchema are the registered type name of r and its schema's attributes.
func typeNameAndSchema(t *testing.T, r resource.Resource) (string, map[string]schema.Attribute) {
	t.Helper()
	var metadata resource.MetadataResponse
	r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "synerise"}, &metadata)
	var described resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &described)
	if described.Diagnostics.HasError() {
		t.Fatalf("%s: %v", metadata.TypeName, described.Diagnostics)
	}
	return metadata.TypeName, described.Schema.Attributes
}

// specFollows says whether a spec takes its type, path and fields from entry, in the entry's order.
func specFollows(spec settingsSpec, entry settings.Type) bool {
	if spec.Name != entry.Name || spec.Path != entry.Path || len(spec.fields) != len(entry.Fields) {
		return false
	}
	for i, f := range spec.fields {
		if !reflect.DeepEqual(f.Field, entry.Fields[i]) {
			return false
		}
	}
	return true
}

// agreesWithEntry checks that the schema has each of the entry's fields and takes exactly its on_destroy
// values, the entry's first by default.
func agreesWithEntry(t *testing.T, entry settings.Type, attributes map[string]schema.Attribute) {
	t.Helper()
	for _, f := range entry.Fields {
		if _, ok := attributes[f.Attr]; !ok {
			t.Errorf("%s has no attribute %s, which the catalogue lists", entry.Name, f.Attr)
		}
	}
	onDestroy, ok := attributes["on_destroy"].(schema.StringAttribute)
	if !ok || onDestroy.Default == nil {
		t.Fatalf("%s: on_destroy is not a string with a default", entry.Name)
	}
	var byDefault defaults.StringResponse
	onDestroy.Default.DefaultString(context.Background(), defaults.StringRequest{}, &byDefault)
	if got := byDefault.PlanValue.ValueString(); got != entry.OnDestroyValues()[0] {
		t.Errorf("%s: on_destroy defaults to %q, the catalogue to %q", entry.Name, got, entry.OnDestroyValues()[0])
	}
	for _, value := range entry.OnDestroyValues() {
		effect, _ := entry.Effect(value)
		if !strings.Contains(onDestroy.Description, "`"+value+"`") || !strings.Contains(onDestroy.Description, effect) {
			t.Errorf("%s: on_destroy's description does not word %q as the catalogue does (%q):\n%s", entry.Name, value, effect, onDestroy.Description)
		}
	}
}

// settingsSpecs are the specs of every settings resource the provider offers.
func settingsSpecs(t *testing.T) []settingsSpec {
	t.Helper()
	var specs []settingsSpec
	for _, factory := range New("test")().Resources(context.Background()) {
		if r, ok := factory().(*settingsResource); ok {
			specs = append(specs, r.spec)
		}
	}
	return specs
}

// requestBodyFields are the properties of the JSON body of POST path, sorted.
func requestBodyFields(t *testing.T, doc *openapi3.T, path string) []string {
	t.Helper()
	item := doc.Paths.Value(path)
	if item == nil || item.Post == nil || item.Post.RequestBody == nil {
		t.Fatalf("api/openapi.yaml describes no request body of POST %s", path)
	}
	media := item.Post.RequestBody.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil {
		t.Fatalf("api/openapi.yaml describes no JSON request body of POST %s", path)
	}
	return slices.Sorted(maps.Keys(media.Schema.Value.Properties))
}
