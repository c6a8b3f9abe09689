package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// List resources (Terraform 1.14 and later) let `terraform query` find the objects a workspace has, and
// `terraform query -generate-config-out` write an import block (by identity) and a resource block for
// each. A resource type lists its objects from the same shared listings that refresh reads, so a list
// of a thousand roles costs one request.

// listedObject is one object a list resource found.
type listedObject struct {
	// displayName is how a person recognises the object: a role's name and group, a member's email.
	displayName string
	// identity is the resource's identity model.
	identity any
	// resource writes the object's state into the result; it is called only when Terraform asks for
	// the whole resource (include_resource, or generating configuration).
	resource func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics
}

// listResults streams the objects as list results, no more than the limit Terraform asks for.
func listResults(ctx context.Context, req list.ListRequest, objects []listedObject) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for i, object := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = object.displayName
			result.Diagnostics.Append(result.Identity.Set(ctx, object.identity)...)
			if req.IncludeResource {
				result.Diagnostics.Append(object.resource(ctx, result.Resource)...)
			}
			if !push(result) {
				return
			}
		}
	}
}

// withinLimit is how many of n objects a list may return.
func withinLimit(req list.ListRequest, n int) int {
	if req.Limit > 0 && int64(n) > req.Limit {
		return int(req.Limit)
	}
	return n
}
