package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// NewUserPasswordResetAction is synerise_user_password_reset.
func NewUserPasswordResetAction() action.Action {
	return &userResetAction{userReset: userReset{
		name: "user_password_reset",
		what: "password",
		description: "Has Synerise mail a member of the workspace a password reset link, for a password that leaked or was " +
			"forgotten. Their account is locked until they set a new password. Each invocation mails a new link and voids " +
			"the one before; should the API fail, or the run be interrupted, after the request may have reached it, the " +
			"reset is not sent again, and the error says that a link may have been mailed and to ask the user whether one " +
			"arrived before invoking the action again.",
		reset: func(ctx context.Context, client *iam.Client, userID int64) error {
			return client.ResetUserPassword(ctx, userID)
		},
		done: func(u *iam.User) string {
			return fmt.Sprintf("Synerise mailed %s a password reset link; their account stays locked until they set a new password.", u.Email)
		},
	}}
}
