package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var _ list.ListResourceWithConfigure = &InvitationResource{}

// invitationListConfig is the config block of `list "synerise_invitation"`.
type invitationListConfig struct {
	Status types.String `tfsdk:"status"`
	Search types.String `tfsdk:"search"`
}

func (r *InvitationResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists the members and pending invitations of the workspace by email address, optionally filtered as the " +
			"API filters them; every page of the API's listing is read, 500 users per request.",
		Attributes: map[string]listschema.Attribute{
			"status": listschema.StringAttribute{
				Description: "Only users with this status: `" + strings.Join(userStatuses, "`, `") + "`. Defaults to `ALL`.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(userStatuses...)},
			},
			"search": listschema.StringAttribute{
				Description: "Only users whose first name, last name or email address contains this text.",
				Optional:    true,
			},
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

func (r *InvitationResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamList(ctx, req, stream, listing[invitationListConfig, iam.User]{
		failure: "Cannot list the users",
		read: func(ctx context.Context, filter invitationListConfig, _ int64) ([]iam.User, error) {
			return r.listUsers(ctx, iam.UserFilter{Status: filter.Status.ValueString(), Search: filter.Search.ValueString()})
		},
		displayName: func(u iam.User) string { return u.Email },
		identity:    func(u iam.User) any { return numericIdentity{ID: types.Int64Value(u.ID)} },
		resource:    setModel(func(u iam.User) any { return invitationModel(&u, InvitationResourceModel{}) }),
	})
}

// listUsers asks the API to filter when the list's config does, and otherwise reads the users listing
// that refresh shares.
func (r *InvitationResource) listUsers(ctx context.Context, filter iam.UserFilter) ([]iam.User, error) {
	if filter == (iam.UserFilter{}) {
		return r.client.UsersFromListing(ctx)
	}
	return r.client.ListUsers(ctx, filter)
}
