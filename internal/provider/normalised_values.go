package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// The API normalises some values: it compares email addresses and domain names without regard to case,
// and answers times in UTC, to the second. The state keeps the configuration's spelling of such a value
// as long as the API's names the same thing, and a respelling never replaces the object it names.
//
// A custom type with semantic equality would not be enough here: Terraform requires the plan of a
// configured attribute to equal the configuration, so a respelling is always planned as a change. What
// the provider controls is that the change is an update that sends nothing, not a replacement.

// requiresReplaceUnlessRespelled plans a replacement when a string changes other than in case.
func requiresReplaceUnlessRespelled(what string) planmodifier.String {
	description := "Changing " + what + " other than in case replaces the resource; a change of case only updates the state."
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = req.PlanValue.IsUnknown() || !strings.EqualFold(req.PlanValue.ValueString(), req.StateValue.ValueString())
	}, description, description)
}

// sameInstant reports whether two RFC 3339 times name the same second, whatever their offsets: the API
// keeps whole seconds in UTC. Unparsable text is the same only as identical text.
func sameInstant(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339, a)
	tb, errB := time.Parse(time.RFC3339, b)
	if errA != nil || errB != nil {
		return a == b
	}
	return ta.Truncate(time.Second).Equal(tb.Truncate(time.Second))
}
