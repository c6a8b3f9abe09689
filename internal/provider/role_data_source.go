package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var (
	_ datasource.DataSourceWithConfigure        = &RoleDataSource{}
	_ datasource.DataSourceWithConfigValidators = &RoleDataSource{}
)

// NewRoleDataSource is the factory of the synerise_role data source.
func NewRoleDataSource() datasource.DataSource {
	return &RoleDataSource{}
}

// RoleDataSource finds one role by id, or by name and optionally group.
type RoleDataSource struct {
	client *iam.Client
}

func (d *RoleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role"
}

func (d *RoleDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "One role of the workspace, found by `id`, or by `name` and optionally `group_id`. " +
			"Reading fails with a clear error when no role, or more than one, matches.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Description: "Numeric id of the role. Give either `id` or `name`.",
				Optional:    true,
				Computed:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"name": schema.StringAttribute{
				Description: "Exact name of the role. Give either `id` or `name`.",
				Optional:    true,
				Computed:    true,
				Validators:  nameValidators(),
			},
			"group_id": schema.Int64Attribute{
				Description: "Id of the role group that contains the role. With `name`, it narrows the search to that group, " +
					"for names that roles of several groups share.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"description": schema.StringAttribute{Description: "Description of the role.", Computed: true},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func (d *RoleDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
		datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("group_id")),
	}
}

func (d *RoleDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *RoleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config roleDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if !config.ID.IsNull() {
		role, err := d.client.GetRole(ctx, config.ID.ValueInt64())
		if err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read role %d", config.ID.ValueInt64()), err)
			return
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, roleData(*role))...)
		return
	}

	roles, err := d.client.ListAvailableRoles(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot list the available roles", err)
		return
	}
	name := config.Name.ValueString()
	var matches []iam.Role
	for _, r := range roles {
		if r.Name == name && (config.GroupID.IsNull() || r.Group == config.GroupID.ValueInt64()) {
			matches = append(matches, r)
		}
	}
	where := ""
	if !config.GroupID.IsNull() {
		where = fmt.Sprintf(" in role group %d", config.GroupID.ValueInt64())
	}
	switch len(matches) {
	case 1:
		resp.Diagnostics.Append(resp.State.Set(ctx, roleData(matches[0]))...)
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root("name"), "No such role",
			fmt.Sprintf("No role is named %q%s. Names are case-sensitive; the synerise_available_roles data source lists every role.", name, where))
	default:
		found := make([]string, 0, len(matches))
		for _, r := range matches {
			found = append(found, fmt.Sprintf("id %d in group %d", r.ID, r.Group))
		}
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Several roles match",
			fmt.Sprintf("%d roles are named %q%s (%s). Set group_id, or look the role up by id.", len(matches), name, where, strings.Join(found, ", ")))
	}
}
