package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var _ list.ListResourceWithConfigure = &RoleGroupResource{}

func (r *RoleGroupResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists every role group of the workspace, by name, from one request.",
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

func (r *RoleGroupResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamList(ctx, req, stream, listing[noFilter, iam.RoleGroup]{
		failure: "Cannot list the role groups",
		read: func(ctx context.Context, _ noFilter, _ int64) ([]iam.RoleGroup, error) {
			return r.client.RoleGroupsFromListing(ctx)
		},
		displayName: func(g iam.RoleGroup) string { return g.Name },
		identity:    func(g iam.RoleGroup) any { return numericIdentity{ID: types.Int64Value(g.ID)} },
		resource:    setModel(func(g iam.RoleGroup) any { return roleGroupModel(&g) }),
	})
}
