package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// A password reset that may have reached the API is never sent again: its diagnostics say that a link
// may have been mailed, and give no hint about retries, which would not have helped.
func TestAddAPIErrorOfAnUnconfirmedPasswordReset(t *testing.T) {
	t.Parallel()
	timeout := &iam.TimeoutError{Method: "POST", Path: "/uauth/users/12/password-reset", Timeout: time.Second, Attempts: 1, TimedOut: 1}
	cases := []struct {
		name      string
		err       error
		want      []string
		wantNever []string
	}{
		{
			name:      "timed out after it was sent",
			err:       &iam.UnconfirmedResetError{UserID: 12, Err: timeout},
			want:      []string{"The request may have reached the API before it failed", "a link may have been mailed to user 12", "raise request_timeout"},
			wantNever: []string{"max_retries", "interrupted"},
		},
		{
			name:      "interrupted after it was sent",
			err:       &iam.UnconfirmedResetError{UserID: 12, Err: fmt.Errorf("POST /uauth/users/12/password-reset: %w", context.Canceled), Interrupted: true},
			want:      []string{"The request was interrupted after it was sent", "a link may have been mailed to user 12", "Ask them whether a link arrived"},
			wantNever: []string{"max_retries", "request_timeout"},
		},
		{
			name:      "a timeout of a request that is retried",
			err:       timeout,
			want:      []string{"raise request_timeout", "max_retries and max_retry_wait give it more and longer chances"},
			wantNever: []string{"a link may have been mailed"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			addAPIError(&diags, "Cannot reset the password of user 12 (ada@example.com)", c.err)
			if len(diags) != 1 {
				t.Fatalf("diagnostics = %v, want one", diags)
			}
			detail := diags[0].Detail()
			for _, want := range c.want {
				if !strings.Contains(detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, detail)
				}
			}
			for _, never := range c.wantNever {
				if strings.Contains(detail, never) {
					t.Errorf("detail mentions %q:\n%s", never, detail)
				}
			}
		})
	}
}
