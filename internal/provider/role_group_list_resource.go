package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = &RoleGroupResource{}

func (r *RoleGroupResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists every role group of the workspace, by name, from one request.",
	}
}

func (r *RoleGroupResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	groups, err := r.client.RoleGroupsFromListing(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "Cannot list the role groups", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	objects := make([]listedObject, 0, len(groups))
	for _, g := range groups {
		objects = append(objects, listedObject{
			displayName: g.Name,
			identity:    numericIdentity{ID: types.Int64Value(g.ID)},
			resource: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, roleGroupModel(&g))
			},
		})
	}
	stream.Results = listResults(ctx, req, objects)
}
