package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// List resources (Terraform 1.14 and later) let `terraform query` find the objects a workspace has, and
// `terraform query -generate-config-out` write an import block (by identity) and a resource block for
// each. A resource type lists its objects from the same shared listings that refresh reads, so a list
// of a thousand roles costs one request.
//
// Every list resource is one listing: what its config block filters (F, the config's model), how the
// objects are read, and how each one shows: its display name, its identity and its state. streamList
// gives them all the same behaviour: the config is read, the objects are read once, no more than
// Terraform's limit is returned, and the state is written only when Terraform asks for it.

// listing describes the objects (T) a list resource lists.
type listing[F, T any] struct {
	// failure is the summary of the error when read fails, such as "Cannot list the role groups".
	failure string
	// read returns the objects filter selects; limit is Terraform's (0 for none), for a read that
	// costs a request per object.
	read func(ctx context.Context, filter F, limit int64) ([]T, error)
	// displayName is how a person recognises the object: a role's name and group, a member's email.
	displayName func(T) string
	// identity is the resource's identity model of the object.
	identity func(T) any
	// resource writes the object's state into the result.
	resource func(ctx context.Context, object T, into *tfsdk.Resource) diag.Diagnostics
}

// noFilter is the config of a list resource whose list block takes no arguments.
type noFilter struct{}

// setModel writes the object's state through the resource's model, which model builds.
func setModel[T any](model func(T) any) func(context.Context, T, *tfsdk.Resource) diag.Diagnostics {
	return func(ctx context.Context, object T, into *tfsdk.Resource) diag.Diagnostics {
		return into.Set(ctx, model(object))
	}
}

// listError is a failure of a read that names its own summary: an API error (err), or an argument of
// the list block that selects nothing the workspace has (attribute, detail).
type listError struct {
	summary           string
	err               error
	attribute, detail string
}

func (e *listError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return e.detail
}

func (e *listError) Unwrap() error { return e.err }

// streamList answers a list request with the objects of l.
func streamList[F, T any](ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, l listing[F, T]) {
	var diags diag.Diagnostics
	var filter F
	diags.Append(req.Config.Get(ctx, &filter)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	objects, err := l.read(ctx, filter, req.Limit)
	var failed *listError
	switch {
	case errors.As(err, &failed) && failed.attribute != "":
		diags.AddAttributeError(path.Root(failed.attribute), failed.summary, failed.detail)
	case errors.As(err, &failed):
		addAPIError(&diags, failed.summary, failed.err)
	case err != nil:
		addAPIError(&diags, l.failure, err)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, object := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = l.displayName(object)
			result.Diagnostics.Append(result.Identity.Set(ctx, l.identity(object))...)
			if req.IncludeResource {
				result.Diagnostics.Append(l.resource(ctx, object, result.Resource)...)
			}
			if !push(result) {
				return
			}
		}
	}
}

// withinLimit is how many of n objects a list may return.
func withinLimit(limit int64, n int) int {
	if limit > 0 && int64(n) > limit {
		return int(limit)
	}
	return n
}
