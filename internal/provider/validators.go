package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
