package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/sync/errgroup"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ list.ListResourceWithConfigure = &RolePiiResource{}

// piiReadsAtOnce bounds the PII reads a list sends at a time: the API reads one role's setting per
// request, and a workspace may have hundreds of roles.
const piiReadsAtOnce = 8

func (r *RolePiiResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = roleListConfigSchema("Lists the PII setting of every role of the workspace, or of one role group's roles, as " +
		"`Role (Group): sees PII` or `Role (Group): PII masked`. The roles come from one request; the API reads each role's " +
		"setting with a request of its own, so the list sends one more request per role (up to `limit`).")
}

func (r *RolePiiResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	roles, diags := listedRoles(ctx, r.client, req.Config)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	roles = roles[:withinLimit(req, len(roles))]
	settings, err := r.readPii(ctx, roles)
	if err != nil {
		addAPIError(&diags, "Cannot read the PII access of the roles", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	objects := make([]listedObject, 0, len(roles))
	for i, role := range roles {
		pii := settings[i]
		if pii == nil {
			// Deleted since the listing: its setting went with it.
			continue
		}
		access := "PII masked"
		if pii.PiiAccess {
			access = "sees PII"
		}
		objects = append(objects, listedObject{
			displayName: fmt.Sprintf("%s: %s", role.displayName, access),
			identity:    rolePiiIdentity{RoleID: types.Int64Value(role.ID)},
			resource: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, rolePiiModel(role.ID, pii))
			},
		})
	}
	stream.Results = listResults(ctx, req, objects)
}

// readPii reads the PII setting of each role, a few at a time; a role that is gone has none (nil).
func (r *RolePiiResource) readPii(ctx context.Context, roles []listedRole) ([]*iam.RolePii, error) {
	settings := make([]*iam.RolePii, len(roles))
	group, ctx := errgroup.WithContext(ctx)
	group.SetLimit(piiReadsAtOnce)
	for i, role := range roles {
		group.Go(func() error {
			pii, err := r.client.GetRolePii(ctx, role.ID)
			if iam.IsNotFound(err) {
				return nil
			}
			settings[i] = pii
			return err
		})
	}
	return settings, group.Wait()
}
