package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

// providerTypeName prefixes every type name the provider registers.
const providerTypeName = "synerise"

// namedType is what resources and list resources share: their Metadata names them.
type namedType interface {
	Metadata(context.Context, resource.MetadataRequest, *resource.MetadataResponse)
}

// withPermissions returns a resource's or list resource's description followed by its "Permissions"
// section from internal/permissions, as the schema's MarkdownDescription, which the docs render: the
// permissions are stated once, in that table, and no page writes them by hand.
func withPermissions(kind permissions.Kind, t namedType, description string) string {
	var meta resource.MetadataResponse
	t.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	return description + permissions.Markdown(kind, meta.TypeName)
}

// dataSourceWithPermissions is withPermissions for a data source.
func dataSourceWithPermissions(d datasource.DataSource, description string) string {
	var meta datasource.MetadataResponse
	d.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	return description + permissions.Markdown(permissions.DataSource, meta.TypeName)
}

// actionWithPermissions is withPermissions for an action.
func actionWithPermissions(a action.Action, description string) string {
	var meta action.MetadataResponse
	a.Metadata(context.Background(), action.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	return description + permissions.Markdown(permissions.Action, meta.TypeName)
}
