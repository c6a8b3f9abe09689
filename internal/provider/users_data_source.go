package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ datasource.DataSourceWithConfigure = &UsersDataSource{}

// NewUsersDataSource is the factory of synerise_users.
func NewUsersDataSource() datasource.DataSource {
	return &UsersDataSource{}
}

// UsersDataSource lists the workspace's users and invitations.
type UsersDataSource struct {
	client *iam.Client
}

// UsersDataSourceModel is the state of synerise_users.
type UsersDataSourceModel struct {
	Status     types.String    `tfsdk:"status"`
	Search     types.String    `tfsdk:"search"`
	Users      []userDataModel `tfsdk:"users"`
	IDsByEmail types.Map       `tfsdk:"ids_by_email"`
}

type userDataModel struct {
	ID              types.Int64  `tfsdk:"id"`
	Email           types.String `tfsdk:"email"`
	FirstName       types.String `tfsdk:"first_name"`
	LastName        types.String `tfsdk:"last_name"`
	Status          types.String `tfsdk:"status"`
	RoleIDs         types.Set    `tfsdk:"role_ids"`
	RoleNames       types.Set    `tfsdk:"role_names"`
	AccessExpiresAt types.String `tfsdk:"access_expires_at"`
	MFAEnabled      types.Bool   `tfsdk:"mfa_enabled"`
	CreatedAt       types.String `tfsdk:"created_at"`
}

var userStatuses = []string{iam.UserStatusAll, iam.UserStatusActive, iam.UserStatusPending, iam.UserStatusExpired, iam.UserStatusInactive}

func (d *UsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *UsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The users of the workspace, pending invitations included, optionally filtered by status and " +
			"search text. Every page of the API's listing is read, 500 users per request.",
		Attributes: map[string]schema.Attribute{
			"status": schema.StringAttribute{
				Description: "Only users with this status: `" + strings.Join(userStatuses, "`, `") + "`. Defaults to `ALL`.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(userStatuses...)},
			},
			"search": schema.StringAttribute{
				Description: "Only users whose first name, last name or email address contains this text.",
				Optional:    true,
			},
			"users": schema.ListNestedAttribute{
				Description: "The matching users, ordered by id.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":                schema.Int64Attribute{Description: "Numeric id of the user; of a pending user, also the invitation id.", Computed: true},
						"email":             schema.StringAttribute{Description: "Email address.", Computed: true},
						"first_name":        schema.StringAttribute{Description: "First name.", Computed: true},
						"last_name":         schema.StringAttribute{Description: "Last name.", Computed: true},
						"status":            schema.StringAttribute{Description: "`ACTIVE`, `PENDING`, `EXPIRED` or `INACTIVE`.", Computed: true},
						"role_ids":          schema.SetAttribute{Description: "Ids of the user's roles.", ElementType: types.Int64Type, Computed: true},
						"role_names":        schema.SetAttribute{Description: "Names of the user's roles.", ElementType: types.StringType, Computed: true},
						"access_expires_at": schema.StringAttribute{Description: "When the user's access ends (RFC 3339); null when it does not.", Computed: true},
						"mfa_enabled":       schema.BoolAttribute{Description: "Whether the user has multi-factor authentication set up.", Computed: true},
						"created_at":        schema.StringAttribute{Description: "When the user was added (RFC 3339).", Computed: true},
					},
				},
			},
			"ids_by_email": schema.MapAttribute{
				Description: "User id by email address, for the matching users.",
				ElementType: types.Int64Type,
				Computed:    true,
			},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func (d *UsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *UsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state UsersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := d.client.ListUsers(ctx, iam.UserFilter{Status: state.Status.ValueString(), Search: state.Search.ValueString()})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the users", err)
		return
	}
	state.Users = make([]userDataModel, 0, len(users))
	byEmail := make(map[string]attr.Value, len(users))
	for _, u := range users {
		names := make([]string, 0, len(u.Roles))
		for _, r := range u.Roles {
			names = append(names, r.Name)
		}
		state.Users = append(state.Users, userDataModel{
			ID:              types.Int64Value(u.ID),
			Email:           types.StringValue(u.Email),
			FirstName:       types.StringValue(u.FirstName),
			LastName:        types.StringValue(u.LastName),
			Status:          types.StringValue(u.Status),
			RoleIDs:         userRoleIDs(u.Roles),
			RoleNames:       stringSet(names),
			AccessExpiresAt: types.StringPointerValue(u.AccessExpirationDate),
			MFAEnabled:      types.BoolValue(u.MFAEnabled),
			CreatedAt:       types.StringValue(u.CreatedAt),
		})
		byEmail[u.Email] = types.Int64Value(u.ID)
	}
	state.IDsByEmail = types.MapValueMust(types.Int64Type, byEmail)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
