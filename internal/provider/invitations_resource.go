package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure      = &InvitationsResource{}
	_ resource.ResourceWithImportState    = &InvitationsResource{}
	_ resource.ResourceWithModifyPlan     = &InvitationsResource{}
	_ resource.ResourceWithValidateConfig = &InvitationsResource{}
	_ resource.ResourceWithIdentity       = &InvitationsResource{}
	_ resource.ResourceWithUpgradeState   = &InvitationsResource{}
)

// invitationsID is the id of every synerise_invitations: the members map is the identity.
const invitationsID = "invitations"

// NewInvitationsResource is the factory of synerise_invitations.
func NewInvitationsResource() resource.Resource {
	return &InvitationsResource{}
}

// InvitationsResource manages the memberships of many email addresses with few requests.
type InvitationsResource struct {
	client     *iam.Client
	tokenOwner iam.Account
}

// InvitationsResourceModel is the state of synerise_invitations: the members by the labels the
// configuration gives them.
type InvitationsResourceModel struct {
	ID      types.String           `tfsdk:"id"`
	Members map[string]memberModel `tfsdk:"members"`
}

func (r *InvitationsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invitations"
	// The identity is the members' addresses, which change as members join and leave.
	resp.ResourceBehavior.MutableIdentity = true
}

// invitationsIdentity is the identity of synerise_invitations: the email addresses of its members,
// sorted, as the import ID lists them.
type invitationsIdentity struct {
	Emails types.List `tfsdk:"emails"`
}

func (r *InvitationsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"emails": identityschema.ListAttribute{
				Description: "The email addresses of the members, sorted; the same addresses as the comma-separated import ID. " +
					"It changes as members are added and removed.",
				ElementType:       types.StringType,
				RequiredForImport: true,
			},
		},
	}
}

func membersIdentity(members map[string]memberModel) invitationsIdentity {
	emails := make([]string, 0, len(members))
	for _, m := range members {
		emails = append(emails, m.Email.ValueString())
	}
	slices.Sort(emails)
	return invitationsIdentity{Emails: stringList(emails)}
}

// invitationsMemberAttributes are the attributes of one member of synerise_invitations.
func invitationsMemberAttributes() map[string]schema.Attribute {
	attributes := memberTermsAttributes()
	// ModifyPlan warns of a past access time: the attribute's plan modifier would never run, since the
	// framework's walk of the members is skipped (membersPlannedWhole).
	if expires, ok := attributes["access_expires_at"].(schema.StringAttribute); ok {
		expires.PlanModifiers = nil
		attributes["access_expires_at"] = expires
	}
	maps.Copy(attributes, map[string]schema.Attribute{
		"email": schema.StringAttribute{
			Description: "Email address of the member. Addresses are compared without regard to case, as the API " +
				"compares them: two members with one address are refused, and a member whose address only changes " +
				"case, or who moves to another label, stays who they are (nothing is sent). Any other change of the " +
				"address removes the member and invites the new address.",
			Required:   true,
			Validators: []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an email address such as ada@example.com")},
		},
		"id": schema.Int64Attribute{
			Description: "Numeric id of the user; while the invitation is pending it is also the invitation id.",
			Computed:    true,
		},
		"status": schema.StringAttribute{
			Description: "`PENDING`, `ACTIVE`, `EXPIRED` (an invitation not accepted in time: invited again on the next " +
				"apply, with a warning in the plan, unless `active` is `false`; a member whose `access_expires_at` has " +
				"passed, which a workspace may also answer as `EXPIRED`, is never invited again) or `INACTIVE`.",
			Computed: true,
		},
	})
	return attributes
}

func (r *InvitationsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attributes := invitationsMemberAttributes()
	resp.Schema = schema.Schema{
		Version: 1,
		Description: "The memberships of many email addresses at once, for onboarding a team or a whole organisation.\n\n" +
			"Each member behaves as a `synerise_invitation`: invited as `PENDING`, `ACTIVE` once accepted, deactivated " +
			"with `active = false`, re-invited when their invitation expired, removed from the workspace (never deleted) when taken " +
			"out of `members`. The difference is the cost: new members are invited with one bulk request, removed ones " +
			"with one request per kind, (de)activated ones likewise, and the whole set is refreshed from one listing, " +
			"so 200 members cost a handful of requests instead of 200. Destroying the resource removes every member " +
			"it manages from the workspace in the same way.\n\n" +
			"Manage an address either here or in a `synerise_invitation`, never in both.\n\n" +
			"Should the answer to a bulk invitation be lost, the provider looks the addresses up and adopts the members it " +
			"finds, if they were not there before. When even the look-up keeps failing, the error says the invitations *may " +
			"have been sent* and how to import them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "Always `" + invitationsID + "`; the members are the identity.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"members": schema.MapNestedAttribute{
				Description: "Members by a label of your choice, as you would key a `for_each`: a plan shows each " +
					"member's change on its own line, under its label. Labels are free (an email address is a fine " +
					"label); an import derives them from the addresses (`ada@example.com` becomes `ada_example_com`), " +
					"so that a generated configuration is valid HCL in Terraform and OpenTofu alike. Renaming a label " +
					"keeps the member.",
				Required:      true,
				PlanModifiers: []planmodifier.Map{membersPlannedWhole{}},
				Validators: []validator.Map{
					mapvalidator.SizeAtLeast(1),
					mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: attributes},
			},
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *InvitationsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.tokenOwner = tokenOwnerFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *InvitationsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, _ := readInvitations(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	labels := slices.Sorted(maps.Keys(plan.Members))
	if refuseDeactivations(plan.Members, labels, &resp.Diagnostics) {
		return
	}
	state := InvitationsResourceModel{ID: types.StringValue(invitationsID), Members: map[string]memberModel{}}
	r.join(ctx, plan.Members, labels, state.Members, &resp.Diagnostics)
	// Whatever was invited is recorded, so that nobody is invited twice unseen. Terraform taints a
	// resource whose create failed, and would replace it, withdrawing the invitations that went out;
	// the error says how to keep them.
	if len(state.Members) > 0 || !resp.Diagnostics.HasError() {
		writeInvitations(ctx, &resp.State, state, &resp.Diagnostics)
		setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
	}
	if len(state.Members) > 0 && resp.Diagnostics.HasError() {
		resp.Diagnostics.AddError("Some members were invited",
			fmt.Sprintf("%d of the %d members were invited before the error above, and the state records them. Terraform marks the "+
				"resource as tainted, so the next apply would withdraw their invitations and send new ones. To keep them, run "+
				"`terraform untaint` on this resource before applying again: the next apply then invites only the members that are missing.",
				len(state.Members), len(plan.Members)))
	}
}

// refuseDeactivations refuses, before anything is sent, new members that are to be inactive: known
// only now when the plan could not tell.
func refuseDeactivations(planned map[string]memberModel, joining []string, diags *diag.Diagnostics) bool {
	for _, label := range joining {
		if deactivationRefused(nil, planned[label]) {
			addDeactivationRefused(diags, path.Root("members").AtMapKey(label).AtName("active"), planned[label].Email.ValueString())
		}
	}
	return diags.HasError()
}

// join invites the members under labels and sets their access expirations, recording each in current.
func (r *InvitationsResource) join(ctx context.Context, planned map[string]memberModel, labels []string, current map[string]memberModel, diags *diag.Diagnostics) {
	r.invite(ctx, planned, labels, current, diags)
	for _, label := range labels {
		m, invited := current[label]
		if diags.HasError() || !invited || planned[label].AccessExpiresAt.IsNull() {
			continue
		}
		setAccessExpiration(ctx, r.client, m.ID.ValueInt64(), m.Email.ValueString(), planned[label].AccessExpiresAt, diags)
		if !diags.HasError() {
			m.AccessExpiresAt = planned[label].AccessExpiresAt
			current[label] = m
		}
	}
}

// inviteBatch is how many invitations one request carries; large enough for a big team, small
// enough to keep a request body modest.
const inviteBatch = 500

// invite sends the invitations of the members under labels in batches, and records each invited member in current.
func (r *InvitationsResource) invite(ctx context.Context, planned map[string]memberModel, labels []string, current map[string]memberModel, diags *diag.Diagnostics) {
	for batch := range slices.Chunk(labels, inviteBatch) {
		invitations := make([]iam.Invitation, 0, len(batch))
		for _, label := range batch {
			m := planned[label]
			roles := int64Elements(ctx, m.RoleIDs, diags)
			invitations = append(invitations, iam.Invitation{Email: m.Email.ValueString(), FirstName: m.FirstName.ValueString(), LastName: m.LastName.ValueString(), Roles: roles})
		}
		if diags.HasError() {
			return
		}
		users, err := r.client.InviteUsers(ctx, invitations)
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Cannot invite %d members (%s … %s)", len(batch), invitations[0].Email, invitations[len(batch)-1].Email), err)
			return
		}
		labels := make(map[string]string, len(batch))
		for _, label := range batch {
			labels[strings.ToLower(planned[label].Email.ValueString())] = label
		}
		for _, u := range users {
			if label, ok := labels[strings.ToLower(u.Email)]; ok {
				current[label] = invitationModel(&u, planned[label])
			}
		}
	}
}

func (r *InvitationsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, _ := readInvitations(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	byEmail, ok := usersByEmail(ctx, r.client, &resp.Diagnostics)
	if !ok {
		return
	}
	changed := !state.ID.Equal(types.StringValue(invitationsID))
	for label, m := range state.Members {
		if u, ok := byEmail[strings.ToLower(m.Email.ValueString())]; ok {
			refreshed := invitationModel(&u, m)
			changed = changed || !sameModel(refreshed, m)
			state.Members[label] = refreshed
		} else {
			// Gone from the workspace: the plan invites the member again.
			delete(state.Members, label)
			changed = true
		}
	}
	if changed {
		state.ID = types.StringValue(invitationsID)
		writeInvitations(ctx, &resp.State, state, &resp.Diagnostics)
	}
	setIdentity(ctx, resp.Identity, membersIdentity(state.Members), &resp.Diagnostics)
}

func (r *InvitationsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, _ := readInvitations(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.remove(ctx, state.Members, slices.Sorted(maps.Keys(state.Members)), &resp.Diagnostics) {
		// Keep in state the members that are still there.
		writeInvitations(ctx, &resp.State, state, &resp.Diagnostics)
	}
}

// remove takes the members under labels out of the workspace, and out of current: pending and expired
// invitations are deleted, members who accepted lose their association with the workspace. One request
// per kind, unless a user is not where the state left them (see removeMembers).
func (r *InvitationsResource) remove(ctx context.Context, current map[string]memberModel, labels []string, diags *diag.Diagnostics) bool {
	byKind := map[bool][]string{}
	for _, label := range labels {
		invited := !acceptedInvitation(current[label].Status)
		byKind[invited] = append(byKind[invited], label)
	}
	for _, invited := range []bool{true, false} {
		ids := make([]int64, 0, len(byKind[invited]))
		emails := make([]string, 0, len(byKind[invited]))
		for _, label := range byKind[invited] {
			ids, emails = append(ids, current[label].ID.ValueInt64()), append(emails, current[label].Email.ValueString())
		}
		if len(ids) == 0 {
			continue
		}
		if err := removeMembers(ctx, r.client, invited, ids); err != nil {
			what := "remove from the workspace"
			if invited {
				what = "delete the invitations of"
			}
			addAPIError(diags, fmt.Sprintf("Cannot %s %s", what, strings.Join(emails, ", ")), err)
			return false
		}
		for _, label := range byKind[invited] {
			delete(current, label)
		}
	}
	return true
}
