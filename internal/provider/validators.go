package provider

import (
	"fmt"
	"math"
	"regexp"

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

// minLengthAtMostMax is the cross-field rule of objects with a password's minimum and maximum length.
func minLengthAtMostMax(values map[string]attr.Value, diags *diag.Diagnostics) {
	atMost(values, "min_length", "max_length", diags)
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
