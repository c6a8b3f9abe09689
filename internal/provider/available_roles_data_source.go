package provider

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ datasource.DataSourceWithConfigure = &AvailableRolesDataSource{}

// NewAvailableRolesDataSource is the factory of synerise_available_roles.
func NewAvailableRolesDataSource() datasource.DataSource {
	return &AvailableRolesDataSource{}
}

// AvailableRolesDataSource lists the roles that can be assigned in the workspace.
type AvailableRolesDataSource struct {
	client *iam.Client
}

// AvailableRolesDataSourceModel is the state of synerise_available_roles.
type AvailableRolesDataSourceModel struct {
	Roles          []roleDataModel `tfsdk:"roles"`
	IDsByName      types.Map       `tfsdk:"ids_by_name"`
	AmbiguousNames types.List      `tfsdk:"ambiguous_names"`
}

// roleDataModel is one role as data sources show it.
type roleDataModel struct {
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	GroupID     types.Int64  `tfsdk:"group_id"`
}

func (d *AvailableRolesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_available_roles"
}

func (d *AvailableRolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Every role that can be assigned in the workspace, and a map from role name to id so that " +
			"a configuration names roles instead of repeating numeric ids: " +
			"`data.synerise_available_roles.all.ids_by_name[\"Auditor\"]`.\n\n" +
			"Role names need not be unique across groups. A name that two or more roles share is left out of " +
			"`ids_by_name` (looking it up fails at plan time with an unknown-key error) and listed in " +
			"`ambiguous_names`; find such a role with the `synerise_role` data source and its `group_id`.",
		Attributes: map[string]schema.Attribute{
			"roles": schema.ListNestedAttribute{
				Description: "The roles, ordered by id.",
				Computed:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: roleDataAttributes(),
				},
			},
			"ids_by_name": schema.MapAttribute{
				Description: "Role id by role name, for every name that exactly one role has.",
				ElementType: types.Int64Type,
				Computed:    true,
			},
			"ambiguous_names": schema.ListAttribute{
				Description: "Names that more than one role has, sorted; they are not keys of `ids_by_name`.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func roleDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":          schema.Int64Attribute{Description: "Numeric id of the role.", Computed: true},
		"name":        schema.StringAttribute{Description: "Name of the role.", Computed: true},
		"description": schema.StringAttribute{Description: "Description of the role.", Computed: true},
		"group_id":    schema.Int64Attribute{Description: "Id of the role group that contains the role.", Computed: true},
	}
}

func (d *AvailableRolesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *AvailableRolesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	roles, err := d.client.ListAvailableRoles(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the available roles", err)
		return
	}
	slices.SortFunc(roles, func(a, b iam.Role) int { return cmp.Compare(a.ID, b.ID) })

	byName := map[string][]int64{}
	state := AvailableRolesDataSourceModel{Roles: make([]roleDataModel, 0, len(roles))}
	for _, r := range roles {
		state.Roles = append(state.Roles, roleData(r))
		byName[r.Name] = append(byName[r.Name], r.ID)
	}
	unique := map[string]attr.Value{}
	ambiguous := []attr.Value{}
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		if ids := byName[name]; len(ids) == 1 {
			unique[name] = types.Int64Value(ids[0])
		} else {
			ambiguous = append(ambiguous, types.StringValue(name))
		}
	}
	state.IDsByName = types.MapValueMust(types.Int64Type, unique)
	state.AmbiguousNames = types.ListValueMust(types.StringType, ambiguous)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func roleData(r iam.Role) roleDataModel {
	return roleDataModel{
		ID:          types.Int64Value(r.ID),
		Name:        types.StringValue(r.Name),
		Description: types.StringValue(r.Description),
		GroupID:     types.Int64Value(r.Group),
	}
}
