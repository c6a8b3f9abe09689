package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var _ list.ListResourceWithConfigure = &RoleResource{}

// roleListConfig is the config block of `list "synerise_role"` and `list "synerise_role_pii"`.
type roleListConfig struct {
	GroupID wholeNumber `tfsdk:"group_id"`
}

func roleListConfigSchema(description string) listschema.Schema {
	return listschema.Schema{
		Description: description,
		Attributes: map[string]listschema.Attribute{
			"group_id": listschema.Int64Attribute{
				CustomType:  wholeNumberType{},
				Description: "Only the roles of the role group with this id. The workspace must have the group.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
		},
	}
}

func (r *RoleResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = roleListConfigSchema("Lists the roles of the workspace, or of one role group, as `Role (Group)`, from one request.")
	resp.Schema.MarkdownDescription = withPermissions(permissions.ListResource, r, resp.Schema.Description)
}

func (r *RoleResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamList(ctx, req, stream, listing[roleListConfig, listedRole]{
		failure: "Cannot list the roles",
		read: func(ctx context.Context, filter roleListConfig, _ int64) ([]listedRole, error) {
			return listedRoles(ctx, r.client, filter)
		},
		displayName: func(role listedRole) string { return role.displayName },
		identity:    func(role listedRole) any { return numericIdentity{ID: types.Int64Value(role.ID)} },
		resource:    setModel(func(role listedRole) any { return roleModel(&role.Role) }),
	})
}

// listedRole is a role as a list shows it.
type listedRole struct {
	iam.Role
	displayName string
}

// listedRoles reads the roles a role list's config selects, group by group as the API orders them,
// out of the role-group listing that refresh shares.
func listedRoles(ctx context.Context, client *iam.Client, filter roleListConfig) ([]listedRole, error) {
	groups, err := client.RoleGroupsFromListing(ctx)
	if err != nil {
		return nil, err
	}
	groupID, byGroup := filter.GroupID.ValueInt64(), !filter.GroupID.IsNull()
	var roles []listedRole
	found := false
	for _, g := range groups {
		if byGroup && g.ID != groupID {
			continue
		}
		found = true
		for _, role := range g.Roles {
			// The group a role is listed in is its group, whether or not the listing repeats it on the role.
			role.Group = g.ID
			roles = append(roles, listedRole{Role: role, displayName: fmt.Sprintf("%s (%s)", role.Name, g.Name)})
		}
	}
	if byGroup && !found {
		return nil, &listError{summary: "No such role group", attribute: "group_id",
			detail: fmt.Sprintf("The workspace has no role group %d. List the role groups (list \"synerise_role_group\") to find their ids.", groupID)}
	}
	return roles, nil
}
