package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ list.ListResourceWithConfigure = &ManagedDomainResource{}

func (r *ManagedDomainResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists every domain the workspace manages, by name; every page of the API's listing is read.",
	}
}

func (r *ManagedDomainResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	domains, err := r.client.ManagedDomainsFromListing(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "Cannot list the managed domains", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	// Timeouts belong to a configuration, not to the domain: a listed domain has none.
	noTimeouts := ManagedDomainResourceModel{Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}}
	objects := make([]listedObject, 0, len(domains))
	for _, d := range domains {
		objects = append(objects, listedObject{
			displayName: d.Domain,
			identity:    managedDomainIdentity(types.StringValue(d.Domain)),
			resource: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, managedDomainModel(&d, noTimeouts))
			},
		})
	}
	stream.Results = listResults(ctx, req, objects)
}
