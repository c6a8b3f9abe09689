package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var _ list.ListResourceWithConfigure = &ManagedDomainResource{}

func (r *ManagedDomainResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists every domain the workspace manages, by name; every page of the API's listing is read.",
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

func (r *ManagedDomainResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	// Timeouts belong to a configuration, not to the domain: a listed domain has none.
	noTimeouts := ManagedDomainResourceModel{Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}}
	streamList(ctx, req, stream, listing[noFilter, iam.ManagedDomain]{
		failure: "Cannot list the managed domains",
		read: func(ctx context.Context, _ noFilter, _ int64) ([]iam.ManagedDomain, error) {
			return r.client.ManagedDomainsFromListing(ctx)
		},
		displayName: func(d iam.ManagedDomain) string { return d.Domain },
		identity:    func(d iam.ManagedDomain) any { return managedDomainIdentity(types.StringValue(d.Domain)) },
		resource:    setModel(func(d iam.ManagedDomain) any { return managedDomainModel(&d, noTimeouts) }),
	})
}
