package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The registry page of a type is docs/<kind>/<name>.md, generated from the schema and from
// examples/<kind>/<type>/; these tests hold every registered type to what a reader of that page needs.

const repoRoot = "../.."

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Error(err)
		return ""
	}
	return string(b)
}

func registeredDataSourceTypes(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, factory := range New("test")().DataSources(context.Background()) {
		resp := &datasource.MetadataResponse{}
		factory().Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "synerise"}, resp)
		names = append(names, resp.TypeName)
	}
	return names
}

// workspaceConfig is examples/kits/workspace, the configuration make demo applies.
func workspaceConfig(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "examples", "kits", "workspace", "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no configuration in examples/kits/workspace: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}

var frontMatterDescription = regexp.MustCompile(`(?m)^description: \|-\n  \S`)

func TestDocs_resources(t *testing.T) {
	workspace := workspaceConfig(t)
	for _, factory := range New("test")().Resources(context.Background()) {
		r := factory()
		meta := &resource.MetadataResponse{}
		r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "synerise"}, meta)
		typeName := meta.TypeName
		t.Run(typeName, func(t *testing.T) {
			examples := filepath.Join("examples", "resources", typeName)
			readRepoFile(t, filepath.Join(examples, "resource.tf"))
			if block := readRepoFile(t, filepath.Join(examples, "import-by-string-id.tf")); !strings.Contains(block, "to = "+typeName+".") {
				t.Errorf("%s/import-by-string-id.tf has no import block for %s", examples, typeName)
			}
			if block := readRepoFile(t, filepath.Join(examples, "import-by-identity.tf")); !strings.Contains(block, "to = "+typeName+".") ||
				!strings.Contains(block, "identity = {") {
				t.Errorf("%s/import-by-identity.tf has no import block by identity for %s", examples, typeName)
			}
			if cli := readRepoFile(t, filepath.Join(examples, "import.sh")); !strings.Contains(cli, "terraform import "+typeName+".") {
				t.Errorf("%s/import.sh does not show terraform import %s", examples, typeName)
			}
			if !strings.Contains(workspace, `resource "`+typeName+`"`) {
				t.Errorf("examples/kits/workspace does not use %s, so make demo does not apply it", typeName)
			}

			schema := &resource.SchemaResponse{}
			r.Schema(context.Background(), resource.SchemaRequest{}, schema)
			description := schema.Schema.Description
			if !strings.Contains(description, "Destroying the resource") {
				t.Errorf("the description of %s does not say what destroying it does", typeName)
			}
			if _, ok := schema.Schema.Attributes["on_destroy"]; ok {
				for _, value := range []string{"`restore`", "`reset`", "`retain`"} {
					if !strings.Contains(description, value) {
						t.Errorf("the description of %s does not explain on_destroy %s", typeName, value)
					}
				}
			}

			page := readRepoFile(t, filepath.Join("docs", "resources", strings.TrimPrefix(typeName, "synerise_")+".md"))
			for _, want := range []string{"## Example Usage", "## Import", "```terraform\nimport {", "terraform import " + typeName + "."} {
				if !strings.Contains(page, want) {
					t.Errorf("the page of %s lacks %q; run make generate", typeName, want)
				}
			}
			if !frontMatterDescription.MatchString(page) {
				t.Errorf("the page of %s has no description", typeName)
			}
		})
	}
}

func TestDocs_dataSources(t *testing.T) {
	workspace := workspaceConfig(t)
	for _, typeName := range registeredDataSourceTypes(t) {
		t.Run(typeName, func(t *testing.T) {
			readRepoFile(t, filepath.Join("examples", "data-sources", typeName, "data-source.tf"))
			if !strings.Contains(workspace, `data "`+typeName+`"`) {
				t.Errorf("examples/kits/workspace does not read %s, so make demo does not run it", typeName)
			}
			page := readRepoFile(t, filepath.Join("docs", "data-sources", strings.TrimPrefix(typeName, "synerise_")+".md"))
			if !strings.Contains(page, "## Example Usage") {
				t.Errorf("the page of %s has no example; run make generate", typeName)
			}
			if !frontMatterDescription.MatchString(page) {
				t.Errorf("the page of %s has no description", typeName)
			}
		})
	}
}

func listResourceFactories(t *testing.T) []func() list.ListResource {
	t.Helper()
	p, ok := New("test")().(provider.ProviderWithListResources)
	if !ok {
		t.Fatal("the provider has no list resources")
	}
	return p.ListResources(context.Background())
}

func registeredListResourceTypes(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, factory := range listResourceFactories(t) {
		resp := &resource.MetadataResponse{}
		factory().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "synerise"}, resp)
		names = append(names, resp.TypeName)
	}
	return names
}

// Every list resource has an example, which its page shows, and a list block in the query that adopts
// a whole workspace (examples/kits/adopt, the guide's and make demo-adopt's).
func TestDocs_listResources(t *testing.T) {
	adopt := readRepoFile(t, filepath.Join("examples", "kits", "adopt", "workspace.tfquery.hcl"))
	for _, typeName := range registeredListResourceTypes(t) {
		t.Run(typeName, func(t *testing.T) {
			example := readRepoFile(t, filepath.Join("examples", "list-resources", typeName, "list-resource.tfquery.hcl"))
			if !strings.Contains(example, `list "`+typeName+`" `) {
				t.Errorf("examples/list-resources/%s/list-resource.tfquery.hcl has no list block of %s", typeName, typeName)
			}
			if !strings.Contains(adopt, `list "`+typeName+`" `) {
				t.Errorf("examples/kits/adopt/workspace.tfquery.hcl does not list %s, so adopting a workspace leaves it out", typeName)
			}
		})
	}
}

func actionFactories(t *testing.T) []func() action.Action {
	t.Helper()
	p, ok := New("test")().(provider.ProviderWithActions)
	if !ok {
		t.Fatal("the provider has no actions")
	}
	return p.Actions(context.Background())
}

func registeredActionTypes(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, factory := range actionFactories(t) {
		names = append(names, actionTypeName(factory()))
	}
	return names
}

func actionTypeName(a action.Action) string {
	resp := &action.MetadataResponse{}
	a.Metadata(context.Background(), action.MetadataRequest{ProviderTypeName: "synerise"}, resp)
	return resp.TypeName
}

// Every action has an example, which its page shows, and examples/kits/workspace-actions (make
// demo-actions) triggers it; its description says which Terraform it needs.
func TestDocs_actions(t *testing.T) {
	workspace := readRepoFile(t, filepath.Join("examples", "kits", "workspace-actions", "main.tf"))
	for _, factory := range actionFactories(t) {
		a := factory()
		typeName := actionTypeName(a)
		t.Run(typeName, func(t *testing.T) {
			example := readRepoFile(t, filepath.Join("examples", "actions", typeName, "action.tf"))
			if !strings.Contains(example, `action "`+typeName+`" `) || !strings.Contains(example, "-invoke=action."+typeName+".") {
				t.Errorf("examples/actions/%s/action.tf has no action block of %s, or does not show how to invoke it", typeName, typeName)
			}
			page := readRepoFile(t, filepath.Join("docs", "actions", strings.TrimPrefix(typeName, "synerise_")+".md"))
			if !strings.Contains(page, `action "`+typeName+`" `) {
				t.Errorf("docs/actions/%s.md does not show the example; run make generate", strings.TrimPrefix(typeName, "synerise_"))
			}
			if !strings.Contains(workspace, "action."+typeName+".") {
				t.Errorf("examples/kits/workspace-actions does not trigger %s, so make demo-actions does not run it", typeName)
			}
			schema := &action.SchemaResponse{}
			a.Schema(context.Background(), action.SchemaRequest{}, schema)
			if !strings.Contains(schema.Schema.Description, "Terraform 1.14 or later") {
				t.Errorf("the description of %s does not say it needs Terraform 1.14 or later", typeName)
			}
		})
	}
}

// An example folder of a type the provider no longer registers would render no page and rot unseen.
func TestDocs_noExamplesOfUnknownTypes(t *testing.T) {
	known := map[string]bool{}
	for _, name := range registeredResourceTypes(t) {
		known[filepath.Join("resources", name)] = true
	}
	for _, name := range registeredDataSourceTypes(t) {
		known[filepath.Join("data-sources", name)] = true
	}
	for _, name := range registeredListResourceTypes(t) {
		known[filepath.Join("list-resources", name)] = true
	}
	for _, factory := range actionFactories(t) {
		known[filepath.Join("actions", actionTypeName(factory()))] = true
	}
	for _, kind := range []string{"resources", "data-sources", "list-resources", "actions"} {
		entries, err := os.ReadDir(filepath.Join(repoRoot, "examples", kind))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !known[filepath.Join(kind, e.Name())] {
				t.Errorf("examples/%s/%s is not a registered type", kind, e.Name())
			}
		}
	}
}

// The README's tables and the changelog are written by hand, so a new type must be added to both.
func TestDocs_readmeAndChangelogListEveryType(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	changelog := readRepoFile(t, "CHANGELOG.md")
	for _, kind := range []struct {
		names         []string
		docs, heading string
	}{
		{registeredResourceTypes(t), "docs/resources/", "New Resource"},
		{registeredDataSourceTypes(t), "docs/data-sources/", "New Data Source"},
		{registeredActionTypes(t), "docs/actions/", "New Action"},
	} {
		for _, name := range kind.names {
			page := kind.docs + strings.TrimPrefix(name, "synerise_") + ".md"
			if !strings.Contains(readme, "[`"+name+"`]("+page+")") {
				t.Errorf("README.md does not list %s with a link to %s", name, page)
			}
			if !strings.Contains(changelog, "* **"+kind.heading+":** `"+name+"`") {
				t.Errorf("CHANGELOG.md does not announce %s", name)
			}
		}
	}
}
