package provider

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// noSurroundingSpace matches text that neither starts nor ends with whitespace.
var noSurroundingSpace = regexp.MustCompile(`(?s)^(\S.*\S|\S)$`)

// nameValidators reject names the API would store differently from the configuration, which would
// otherwise show as a change on every plan.
func nameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtLeast(1),
		stringvalidator.RegexMatches(noSurroundingSpace, "must not start or end with whitespace"),
	}
}

var (
	// nonNegative is the rule of every count and duration in the settings: 0 disables or means "default",
	// and the API description types them int32 (a Java int), so a larger number would be refused at apply.
	nonNegative = []validator.Int64{int64validator.Between(0, math.MaxInt32)}
	// httpURL accepts absolute http(s) URLs, including the API's {{ inserts }} in paths and queries.
	httpURL = []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^https?://[^\s/$.?#][^\s]*$`), "must be an absolute http(s) URL")}
)

// oneOf is the validator of an enum field.
func oneOf(values ...string) []validator.String {
	return []validator.String{stringvalidator.OneOf(values...)}
}

// atMost reports an error when the integer field low is above high, with high > 0 meaning "set".
func atMost(values map[string]attr.Value, low, high string, diags *diag.Diagnostics) {
	l, lok := values[low].(wholeNumber)
	h, hok := values[high].(wholeNumber)
	if lok && hok && h.ValueInt64() > 0 && l.ValueInt64() > h.ValueInt64() {
		diags.AddAttributeError(path.Root(low), "Inconsistent lengths",
			fmt.Sprintf("%s (%d) must not exceed %s (%d); set %s to 0 for no maximum.", low, l.ValueInt64(), high, h.ValueInt64(), high))
	}
}

// domainNamePattern matches a fully qualified domain name such as example.com or mail.example.co.uk.
var domainNamePattern = regexp.MustCompile(`^(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// domainNameForm says what domainNamePattern accepts.
const domainNameForm = "domain name such as example.com, without scheme, path or trailing dot"

// domainNameValidator is the rule of every domain name in a configuration.
var domainNameValidator = stringvalidator.RegexMatches(domainNamePattern, "must be a "+domainNameForm)

// roleIDsValidators require each role id to be positive, as the API numbers roles. No roles is valid:
// the reference makes them optional.
func roleIDsValidators() []validator.Set {
	return []validator.Set{
		setvalidator.ValueInt64sAre(int64validator.AtLeast(1)),
	}
}

// accessExpirationInThePast warns about an access expiration that has passed: the API takes it, and the
// member can no longer use the workspace, which is rarely what the configuration meant.
type accessExpirationInThePast struct {
	now func() time.Time
}

func (v accessExpirationInThePast) Description(context.Context) string {
	return "warns when the time has passed, since the member then cannot use the workspace"
}

func (v accessExpirationInThePast) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v accessExpirationInThePast) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	// An unparsable time is the attribute type's error to report.
	at, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString())
	if err != nil || at.After(v.now()) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Access expiration in the past",
		fmt.Sprintf("%s has passed: once applied, the member loses access and will be unable to use the workspace. "+
			"Set a time in the future to grant access until then, or remove %s for access without an end.",
			req.ConfigValue.ValueString(), req.Path))
}
