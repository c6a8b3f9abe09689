package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/sync/errgroup"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var _ list.ListResourceWithConfigure = &RolePIIResource{}

// piiReadsAtOnce bounds the PII reads a list sends at a time: the API reads one role's setting per
// request, and a workspace may have hundreds of roles.
const piiReadsAtOnce = 8

func (r *RolePIIResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = roleListConfigSchema("Lists the PII setting of every role of the workspace, or of one role group's roles, as " +
		"`Role (Group): sees PII` or `Role (Group): PII masked`. The roles come from one request; the API reads each role's " +
		"setting with a request of its own, so the list sends one more request per role (up to `limit`).")
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

func (r *RolePIIResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamList(ctx, req, stream, listing[roleListConfig, rolePII]{
		failure:     "Cannot list the roles",
		read:        r.readPII,
		displayName: rolePII.displayName,
		identity:    func(p rolePII) any { return rolePIIIdentity{RoleID: types.Int64Value(p.role.ID)} },
		resource:    setModel(func(p rolePII) any { return rolePIIModel(p.role.ID, p.pii) }),
	})
}

// rolePII is a role's PII setting as a list shows it.
type rolePII struct {
	role listedRole
	pii  *iam.RolePII
}

func (p rolePII) displayName() string {
	access := "PII masked"
	if p.pii.PIIAccess {
		access = "sees PII"
	}
	return fmt.Sprintf("%s: %s", p.role.displayName, access)
}

// readPII reads the PII setting of each role the filter selects, up to limit, a few at a time; a role
// deleted since the listing is left out, its setting went with it.
func (r *RolePIIResource) readPII(ctx context.Context, filter roleListConfig, limit int64) ([]rolePII, error) {
	roles, err := listedRoles(ctx, r.client, filter)
	if err != nil {
		return nil, err
	}
	roles = roles[:withinLimit(limit, len(roles))]
	settings := make([]*iam.RolePII, len(roles))
	group, groupCtx := errgroup.WithContext(ctx)
	group.SetLimit(piiReadsAtOnce)
	for i, role := range roles {
		group.Go(func() error {
			pii, err := r.client.GetRolePII(groupCtx, role.ID)
			if iam.IsNotFound(err) {
				return nil
			}
			settings[i] = pii
			return err
		})
	}
	if err := group.Wait(); err != nil {
		return nil, &listError{summary: "Cannot read the PII access of the roles", err: err}
	}
	found := make([]rolePII, 0, len(roles))
	for i, role := range roles {
		if settings[i] != nil {
			found = append(found, rolePII{role: role, pii: settings[i]})
		}
	}
	return found, nil
}
