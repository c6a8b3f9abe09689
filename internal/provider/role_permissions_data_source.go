package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ datasource.DataSourceWithConfigure = &RolePermissionsDataSource{}

// NewRolePermissionsDataSource is the factory of synerise_role_permissions.
func NewRolePermissionsDataSource() datasource.DataSource {
	return &RolePermissionsDataSource{}
}

// RolePermissionsDataSource reads the grouped permissions of one role.
type RolePermissionsDataSource struct {
	client *iam.Client
}

// RolePermissionsDataSourceModel is the state of synerise_role_permissions.
type RolePermissionsDataSourceModel struct {
	RoleID      types.Int64           `tfsdk:"role_id"`
	Permissions []permissionDataModel `tfsdk:"permissions"`
	Granted     types.Map             `tfsdk:"granted"`
}

type permissionDataModel struct {
	Key              types.String `tfsdk:"key"`
	Name             types.String `tfsdk:"name"`
	GroupPath        types.List   `tfsdk:"group_path"`
	AvailableActions types.Set    `tfsdk:"available_actions"`
	GrantedActions   types.Set    `tfsdk:"granted_actions"`
}

func (d *RolePermissionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_permissions"
}

func (d *RolePermissionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The permissions of one role. The API answers with a tree of permission groups nested to any " +
			"depth; a Terraform schema cannot be recursive, so the tree is flattened: each permission appears once " +
			"in `permissions` with the names of the groups above it in `group_path`, and `granted` maps every " +
			"permission key to the actions the role has, so a check reads " +
			"`contains(data.synerise_role_permissions.auditor.granted[\"settings_users\"], \"read\")`.",
		Attributes: map[string]schema.Attribute{
			"role_id": schema.Int64Attribute{
				Description: "Numeric id of the role.",
				Required:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"permissions": schema.ListNestedAttribute{
				Description: "Every permission of the tree, depth first in the API's order.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"key":  schema.StringAttribute{Description: "Key of the permission, such as `settings_users`.", Computed: true},
						"name": schema.StringAttribute{Description: "Display name of the permission.", Computed: true},
						"group_path": schema.ListAttribute{
							Description: "Names of the permission groups that contain the permission, outermost first.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"available_actions": schema.SetAttribute{
							Description: "Actions the permission offers, such as `read` and `update`.",
							ElementType: types.StringType,
							Computed:    true,
						},
						"granted_actions": schema.SetAttribute{
							Description: "Actions of the permission granted to the role.",
							ElementType: types.StringType,
							Computed:    true,
						},
					},
				},
			},
			"granted": schema.MapAttribute{
				Description: "Granted actions by permission key, sorted; an empty list for a permission the role lacks.",
				ElementType: types.ListType{ElemType: types.StringType},
				Computed:    true,
			},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func (d *RolePermissionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *RolePermissionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state RolePermissionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	groups, err := d.client.ListRolePermissions(ctx, state.RoleID.ValueInt64())
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the permissions of role %d", state.RoleID.ValueInt64()), err)
		return
	}
	state.Permissions = []permissionDataModel{}
	granted := map[string]attr.Value{}
	var walk func(groups []iam.PermissionGroup, parents []string)
	walk = func(groups []iam.PermissionGroup, parents []string) {
		for _, g := range groups {
			groupPath := append(slices.Clone(parents), g.Name)
			for _, p := range g.Permissions {
				state.Permissions = append(state.Permissions, permissionDataModel{
					Key:              types.StringValue(p.Key),
					Name:             types.StringValue(p.Name),
					GroupPath:        stringList(groupPath),
					AvailableActions: stringSet(p.Actions),
					GrantedActions:   stringSet(p.Granted),
				})
				granted[p.Key] = stringList(slices.Sorted(slices.Values(p.Granted)))
			}
			walk(g.Children, groupPath)
		}
	}
	walk(groups, nil)
	state.Granted = types.MapValueMust(types.ListType{ElemType: types.StringType}, granted)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
