package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// importFound reports whether the object an import names exists, after reading it with err as the
// outcome. A missing object gets an error that names it and says where to find the right id, rather
// than Terraform's generic "non-existent remote object".
func importFound(diags *diag.Diagnostics, what, findIt string, err error) bool {
	switch {
	case err == nil:
		return true
	case iam.IsNotFound(err):
		diags.AddError("Cannot import "+what,
			fmt.Sprintf("The workspace has no %s. Check the import ID or identity: %s", what, findIt))
	default:
		addAPIError(diags, "Cannot read "+what+" to import it", err)
	}
	return false
}
