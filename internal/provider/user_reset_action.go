package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// userReset is what sets the password reset and the MFA reset apart; userResetAction does the rest.
type userReset struct {
	// name completes "synerise_"; what completes "reset the … of user 12"; needs the schema's description.
	name, what, description string
	reset                   func(ctx context.Context, client *iam.Client, userID int64) error
	// done tells the person who invoked the reset what happens next.
	done func(u *iam.User) string
}

// userResetAction resets something of one member of the workspace: a one-off operation, which
// Terraform 1.14 and later run from an action block, without any object in the state.
type userResetAction struct {
	userReset
	client *iam.Client
}

var (
	_ action.ActionWithConfigure  = &userResetAction{}
	_ action.ActionWithModifyPlan = &userResetAction{}
)

type userResetModel struct {
	UserID types.Int64 `tfsdk:"user_id"`
}

func (a *userResetAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + a.name
}

func (a *userResetAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: a.description + " The user must be a member of the workspace, active or deactivated: a pending or " +
			"expired invitation has nothing to reset, and is refused. The user is looked up when the action is planned, " +
			"when their id is known by then, and again when it runs. Requires Terraform 1.14 or later.",
		Attributes: map[string]schema.Attribute{
			"user_id": schema.Int64Attribute{
				Description: "Numeric id of the user, as `data.synerise_users` or `synerise_invitation.<name>.id` gives it.",
				Required:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
		},
	}
	resp.Schema.MarkdownDescription = actionWithPermissions(a, resp.Schema.Description)
}

func (a *userResetAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses, before anything is applied, a reset of a user who is not there to reset.
func (a *userResetAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var config userResetModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || a.client == nil || config.UserID.IsUnknown() || !a.hasUserID(config, &resp.Diagnostics) {
		return
	}
	a.resettableUser(ctx, config.UserID.ValueInt64(), &resp.Diagnostics)
}

func (a *userResetAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var config userResetModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !a.hasUserID(config, &resp.Diagnostics) {
		return
	}
	id := config.UserID.ValueInt64()
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Looking up user %d", id)})
	user := a.resettableUser(ctx, id, &resp.Diagnostics)
	if user == nil {
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Resetting the %s of user %d (%s)", a.what, id, user.Email)})
	if err := a.reset(ctx, a.client, id); err != nil {
		summary := fmt.Sprintf("Cannot reset the %s of user %d (%s)", a.what, id, user.Email)
		if iam.IsNotFound(err) {
			addNoSuchUser(&resp.Diagnostics, summary, id)
			return
		}
		addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: a.done(user)})
}

// hasUserID refuses a null user_id. Terraform checks that a required argument is set when it validates
// the configuration, but not again when a value it did not know then, such as a lookup in a data
// source, turns out to be null.
func (a *userResetAction) hasUserID(config userResetModel, diags *diag.Diagnostics) bool {
	if !config.UserID.IsNull() {
		return true
	}
	diags.AddAttributeError(path.Root("user_id"), fmt.Sprintf("Cannot reset the %s: no user_id", a.what),
		"user_id is null, as a lookup that finds no user yields, such as one() over an empty list of data.synerise_users. "+
			"Check that the user the lookup looks for is a member of the workspace.")
	return false
}

// resettableUser reads the user, or says why there is nothing of theirs to reset.
func (a *userResetAction) resettableUser(ctx context.Context, id int64, diags *diag.Diagnostics) *iam.User {
	summary := fmt.Sprintf("Cannot reset the %s of user %d", a.what, id)
	user, err := a.client.GetUser(ctx, id)
	switch {
	case iam.IsNotFound(err):
		addNoSuchUser(diags, summary, id)
		return nil
	case err != nil:
		addAPIError(diags, summary, err)
		return nil
	}
	if user.Status == iam.UserStatusPending || user.Status == iam.UserStatusExpired {
		// An invitee may hold an account of another workspace: resetting it would lock out someone
		// who is not a member here.
		diags.AddAttributeError(path.Root("user_id"), summary,
			fmt.Sprintf("User %d (%s) is %s: their invitation was not accepted, or their access expired, so they have no %s "+
				"in this workspace to reset. For a pending invitation, let them accept it, or delete and re-create "+
				"synerise_invitation to send a new one; for expired access, extend access_expires_at first.",
				id, user.Email, user.Status, a.what))
		return nil
	}
	return user
}

func addNoSuchUser(diags *diag.Diagnostics, summary string, id int64) {
	diags.AddAttributeError(path.Root("user_id"), summary,
		fmt.Sprintf("The workspace has no user %d. Check user_id: data.synerise_users lists the workspace's users with their ids; "+
			"a user removed from the workspace is not found either.", id))
}
