package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

var _ list.ListResourceWithConfigure = &settingsResource{}

func (r *settingsResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists the one " + r.spec.Title + " of the workspace, as it is.",
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

// List finds the workspace's one object. It reads the object even when Terraform asks only for its
// identity, so that a token that cannot read it gets an error rather than an object it cannot import.
func (r *settingsResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamList(ctx, req, stream, listing[noFilter, map[string]any]{
		failure: "Cannot read the " + r.spec.Title,
		read: func(ctx context.Context, _ noFilter, _ int64) ([]map[string]any, error) {
			current, err := r.read(ctx)
			return []map[string]any{current}, err
		},
		displayName: func(map[string]any) string { return strings.ToUpper(r.spec.Title[:1]) + r.spec.Title[1:] },
		identity:    func(map[string]any) any { return r.identity() },
		resource: func(ctx context.Context, current map[string]any, into *tfsdk.Resource) diag.Diagnostics {
			var diags diag.Diagnostics
			state := tfsdk.State{Schema: into.Schema, Raw: tftypes.NewValue(into.Schema.Type().TerraformType(ctx), nil)}
			r.setState(ctx, current, types.StringValue(settings.Restore), state, &state, &diags)
			into.Raw = state.Raw
			return diags
		},
	})
}
