package provider

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

// documentedType is a registered type with the description its schema gives the docs.
type documentedType struct {
	kind                             permissions.Kind
	name, description, markdown, dir string
}

// registeredTypes walks what the provider registers: its resources, data sources, list resources and actions.
func registeredTypes(t *testing.T) []documentedType {
	t.Helper()
	ctx := context.Background()
	var all []documentedType
	for _, factory := range New("test")().Resources(ctx) {
		r := factory()
		meta, schema := &resource.MetadataResponse{}, &resource.SchemaResponse{}
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "synerise"}, meta)
		r.Schema(ctx, resource.SchemaRequest{}, schema)
		all = append(all, documentedType{permissions.Resource, meta.TypeName, schema.Schema.Description, schema.Schema.MarkdownDescription, "resources"})
	}
	for _, factory := range New("test")().DataSources(ctx) {
		d := factory()
		meta, schema := &datasource.MetadataResponse{}, &datasource.SchemaResponse{}
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "synerise"}, meta)
		d.Schema(ctx, datasource.SchemaRequest{}, schema)
		all = append(all, documentedType{permissions.DataSource, meta.TypeName, schema.Schema.Description, schema.Schema.MarkdownDescription, "data-sources"})
	}
	for _, factory := range listResourceFactories(t) {
		l := factory()
		meta, schema := &resource.MetadataResponse{}, &list.ListResourceSchemaResponse{}
		l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "synerise"}, meta)
		l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, schema)
		all = append(all, documentedType{permissions.ListResource, meta.TypeName, schema.Schema.Description, schema.Schema.MarkdownDescription, "list-resources"})
	}
	for _, factory := range actionFactories(t) {
		a := factory()
		schema := &action.SchemaResponse{}
		a.Schema(ctx, action.SchemaRequest{}, schema)
		all = append(all, documentedType{permissions.Action, actionTypeName(a), schema.Schema.Description, schema.Schema.MarkdownDescription, "actions"})
	}
	return all
}

// Every type the provider registers has its steps in the permissions table, and its page shows them,
// generated from the table; the table describes no type the provider lacks.
func TestPermissions_everyRegisteredTypeShowsItsPermissions(t *testing.T) {
	registered := registeredTypes(t)
	for _, typ := range registered {
		t.Run(string(typ.kind)+" "+typ.name, func(t *testing.T) {
			section := permissions.Markdown(typ.kind, typ.name)
			if section == "" {
				t.Fatalf("internal/permissions does not describe the %s %s: add the operations of each of its steps", typ.kind, typ.name)
			}
			if typ.markdown != typ.description+section {
				t.Errorf("the MarkdownDescription of the %s %s is not its description followed by its permissions", typ.kind, typ.name)
			}
			page := readRepoFile(t, filepath.Join("docs", typ.dir, strings.TrimPrefix(typ.name, "synerise_")+".md"))
			if !strings.Contains(page, strings.TrimSpace(section)) {
				t.Errorf("docs/%s page of %s does not show its permissions as the table has them; run make generate", typ.dir, typ.name)
			}
		})
	}
	for _, typ := range permissions.Types() {
		if !slices.ContainsFunc(registered, func(r documentedType) bool { return r.kind == typ.Kind && r.name == typ.Name }) {
			t.Errorf("internal/permissions describes the %s %s, which the provider does not register", typ.Kind, typ.Name)
		}
	}
}
