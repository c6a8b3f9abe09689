package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ datasource.DataSourceWithConfigure = &RoleGroupsDataSource{}

// NewRoleGroupsDataSource is the factory of synerise_role_groups.
func NewRoleGroupsDataSource() datasource.DataSource {
	return &RoleGroupsDataSource{}
}

// RoleGroupsDataSource lists every role group with its roles.
type RoleGroupsDataSource struct {
	client *iam.Client
}

// RoleGroupsDataSourceModel is the state of synerise_role_groups.
type RoleGroupsDataSourceModel struct {
	Groups []roleGroupDataModel `tfsdk:"groups"`
}

type roleGroupDataModel struct {
	ID          types.Int64     `tfsdk:"id"`
	Name        types.String    `tfsdk:"name"`
	Description types.String    `tfsdk:"description"`
	Roles       []roleDataModel `tfsdk:"roles"`
}

func (d *RoleGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_groups"
}

func (d *RoleGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Every role group of the workspace with its roles, in the order the API lists them.",
		Attributes: map[string]schema.Attribute{
			"groups": schema.ListNestedAttribute{
				Description: "The role groups.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":          schema.Int64Attribute{Description: "Numeric id of the role group.", Computed: true},
						"name":        schema.StringAttribute{Description: "Name of the role group.", Computed: true},
						"description": schema.StringAttribute{Description: "Description of the role group.", Computed: true},
						"roles": schema.ListNestedAttribute{
							Description: "The roles of the group.",
							Computed:    true,
							NestedObject: schema.NestedAttributeObject{
								Attributes: roleDataAttributes(),
							},
						},
					},
				},
			},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func (d *RoleGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *RoleGroupsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	groups, err := d.client.ListRoleGroupsWithRoles(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the role groups", err)
		return
	}
	state := RoleGroupsDataSourceModel{Groups: make([]roleGroupDataModel, 0, len(groups))}
	for _, g := range groups {
		group := roleGroupDataModel{
			ID:          types.Int64Value(g.ID),
			Name:        types.StringValue(g.Name),
			Description: types.StringValue(g.Description),
			Roles:       make([]roleDataModel, 0, len(g.Roles)),
		}
		for _, r := range g.Roles {
			// The listing nests roles under their group; the group is the one that lists them.
			r.Group = g.ID
			group.Roles = append(group.Roles, roleData(r))
		}
		state.Groups = append(state.Groups, group)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
