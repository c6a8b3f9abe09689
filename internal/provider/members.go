package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// memberModel is one membership as Terraform manages it: the whole state of a synerise_invitation,
// and one member of a synerise_invitations.
type memberModel struct {
	ID              types.Int64       `tfsdk:"id"`
	Email           types.String      `tfsdk:"email"`
	FirstName       types.String      `tfsdk:"first_name"`
	LastName        types.String      `tfsdk:"last_name"`
	RoleIDs         types.Set         `tfsdk:"role_ids"`
	AccessExpiresAt timetypes.RFC3339 `tfsdk:"access_expires_at"`
	Active          types.Bool        `tfsdk:"active"`
	Status          types.String      `tfsdk:"status"`
	// AllowTokenOwnerLockout silences the guard of token_owner.go; state keeps what the configuration set.
	AllowTokenOwnerLockout types.Bool `tfsdk:"allow_token_owner_lockout"`
}

// InvitationResourceModel is the state of synerise_invitation: one membership.
type InvitationResourceModel = memberModel

// The values of the member attributes a configuration leaves out.
var (
	defaultName    = types.StringValue("")
	defaultRoleIDs = types.SetValueMust(types.Int64Type, []attr.Value{})
	defaultActive  = types.BoolValue(true)
)

// withDefaults is a member as the configuration gives it, with the defaults of the schema where it says nothing.
func withDefaults(m memberModel) memberModel {
	if m.FirstName.IsNull() {
		m.FirstName = defaultName
	}
	if m.LastName.IsNull() {
		m.LastName = defaultName
	}
	if m.RoleIDs.IsNull() {
		m.RoleIDs = defaultRoleIDs
	}
	if m.Active.IsNull() {
		m.Active = defaultActive
	}
	return m
}

// memberTermsAttributes are the attributes both membership resources manage alike.
func memberTermsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"first_name": schema.StringAttribute{
			Description: "First name. Defaults to an empty string.",
			Optional:    true,
			Computed:    true,
			Default:     stringdefault.StaticString(defaultName.ValueString()),
		},
		"last_name": schema.StringAttribute{
			Description: "Last name. Defaults to an empty string.",
			Optional:    true,
			Computed:    true,
			Default:     stringdefault.StaticString(defaultName.ValueString()),
		},
		"role_ids": schema.SetAttribute{
			Description: "Ids of the roles the member has in the workspace; order does not matter. None by default: " +
				"the API invites without roles, and roles can be given later. " +
				"Use `data.synerise_available_roles.<name>.ids_by_name[\"<role>\"]` to name roles.",
			ElementType: types.Int64Type,
			Optional:    true,
			Computed:    true,
			Default:     setdefault.StaticValue(defaultRoleIDs),
			Validators:  roleIDsValidators(),
		},
		"access_expires_at": schema.StringAttribute{
			Description: "When the member's access to the workspace ends, in RFC 3339 (`2027-01-31T00:00:00Z`, or " +
				"with an offset such as `2027-01-31T01:00:00+01:00`); unset means no expiration. Times are compared " +
				"as instants, to the second: the API answers in UTC, and the state keeps the configuration's notation " +
				"of the same instant. A time that has passed is accepted with a warning in the plan that sets it, since " +
				"the member then cannot use the workspace; later plans that keep it do not repeat the warning.",
			CustomType:    timetypes.RFC3339Type{},
			Optional:      true,
			PlanModifiers: []planmodifier.String{pastAccessExpiration{now: time.Now}},
		},
		"active": schema.BoolAttribute{
			Description: "Whether the member may use the workspace; `true` by default. `false` deactivates a member " +
				"who accepted the invitation (`status` `INACTIVE`), and `true` activates them again; someone " +
				"(de)activating the member outside Terraform shows in the next plan. A pending invitation cannot be " +
				"deactivated: `false` on a new member, or on one whose `status` is `PENDING`, is refused (at plan time " +
				"when Terraform knows the value, otherwise before anything is sent). An `EXPIRED` invitation with " +
				"`false` is left as it is, since it gives no access, instead of being sent again.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(defaultActive.ValueBool()),
		},
		tokenOwnerAcknowledgement: tokenOwnerAcknowledgementAttribute(),
	}
}

// pastAccessExpiration warns, in the plan that sets it, of an access expiration that has passed: the
// API takes it, and the member can no longer use the workspace, which is rarely what the configuration
// meant. A plan that keeps the time the state holds says nothing: the warning was given when it was
// set, and repeating it in every later plan would only teach people to ignore warnings.
type pastAccessExpiration struct {
	now func() time.Time
}

func (m pastAccessExpiration) Description(context.Context) string {
	return "warns, in the plan that sets it, of a time that has passed, since the member then cannot use the workspace"
}

func (m pastAccessExpiration) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m pastAccessExpiration) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	warnPastAccessExpiration(m.now(), req.StateValue, req.PlanValue, req.Path, &resp.Diagnostics)
}

// warnPastAccessExpiration warns when planned, at the path at, is a time before now that state does not hold already.
func warnPastAccessExpiration(now time.Time, state, planned types.String, at path.Path, diags *diag.Diagnostics) {
	if planned.IsNull() || planned.IsUnknown() || (!state.IsNull() && sameInstant(state.ValueString(), planned.ValueString())) {
		return
	}
	// An unparsable time is the attribute type's error to report.
	when, err := time.Parse(time.RFC3339, planned.ValueString())
	if err != nil || when.After(now) {
		return
	}
	diags.AddAttributeWarning(at, "Access expiration in the past",
		fmt.Sprintf("%s has passed: once applied, the member loses access and will be unable to use the workspace. "+
			"Set a time in the future to grant access until then, or remove %s for access without an end.",
			planned.ValueString(), at))
}
