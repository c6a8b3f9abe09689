package provider

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/synerise-oss/terraform-provider-synerise/api"
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
		t.Run(spec.typeSuffix, func(t *testing.T) {
			t.Parallel()
			fields := make([]string, 0, len(spec.fields))
			for _, f := range spec.fields {
				fields = append(fields, f.json)
			}
			slices.Sort(fields)

			fresh, err := newTestWorkspace(t).client.ReadSettings(context.Background(), spec.path)
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

			if body := requestBodyFields(t, doc, spec.path); !slices.Equal(body, fields) {
				t.Errorf("the reference's request body has the fields\n%v\nthe spec has\n%v", body, fields)
			}
		})
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
