package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// numberedCRUD is the create, refresh and update of an object the API numbers and lists, its state
// model M written from the API's object O and sent as the input I: synerise_role and
// synerise_role_group. Each resource keeps its own Read and Delete around it, where they differ.
type numberedCRUD[M any, O any, I any] struct {
	// kind names the object in diagnostics: "role", "role group".
	kind string
	// id and name read the model; name is what a failed create reports, since there is no id yet.
	id    func(M) types.Int64
	name  func(M) string
	input func(M) I
	model func(*O) M
	// The client's operations on the kind: a refresh reads from the shared listing.
	create func(context.Context, I) (*O, error)
	list   func(context.Context, int64) (*O, error)
	update func(context.Context, int64, I) (*O, error)
}

func (c numberedCRUD[M, O, I]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := c.create(ctx, c.input(plan))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot create %s %q", c.kind, c.name(plan)), err)
		return
	}
	model := c.model(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: c.id(model)}, &resp.Diagnostics)
}

// refresh reads the object the state names from the shared listing and returns it as a model with
// the state it replaces; ok is false when there is nothing to write: the object is gone (and with it
// the resource from state) or the read failed (and resp says so). Writing the model is the caller's.
func (c numberedCRUD[M, O, I]) refresh(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) (refreshed, state M, ok bool) {
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return refreshed, state, false
	}
	id := c.id(state)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: id}, &resp.Diagnostics)
	found, err := c.list(ctx, id.ValueInt64())
	if iam.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return refreshed, state, false
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read %s %d", c.kind, id.ValueInt64()), err)
		return refreshed, state, false
	}
	return c.model(found), state, true
}

func (c numberedCRUD[M, O, I]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := c.id(state)
	updated, err := c.update(ctx, id.ValueInt64(), c.input(plan))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot update %s %d", c.kind, id.ValueInt64()), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, c.model(updated))...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: id}, &resp.Diagnostics)
}
