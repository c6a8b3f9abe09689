package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// NewUserMFAResetAction is synerise_user_mfa_reset.
func NewUserMFAResetAction() action.Action {
	return &userResetAction{userReset: userReset{
		name: "user_mfa_reset",
		what: "multi-factor authentication",
		description: "Removes the multi-factor authentication of a member of the workspace who lost both the device with " +
			"their authenticator and their recovery code. They set it up again, as the first time, at their next sign-in. " +
			"Resetting twice does what resetting once does, so a reset whose answer was lost is sent again.",
		reset: func(ctx context.Context, client *iam.Client, userID int64) error {
			return client.ResetUserMFA(ctx, userID)
		},
		done: func(u *iam.User) string {
			return fmt.Sprintf("The multi-factor authentication of %s is reset; they set it up again at their next sign-in.", u.Email)
		},
	}}
}
