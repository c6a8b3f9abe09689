package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// numberedCRUD is what synerise_role and synerise_role_group share, embedded in each: the client
// (Configure), Create, Update, ImportState and the read under their Read, for an object the API
// numbers and lists. The state model M is written from the API's object O and sent as the input I.
// Each resource keeps its own Read, which shows how it writes the state, and its own Delete.
type numberedCRUD[M numberedModel[I], O any, I any] struct {
	client *iam.Client
	// kind names the object in diagnostics: "role", "role group".
	kind string
	// findIDs says where to find the right id when an import names no object.
	findIDs string
	model   func(*O) M
	// The client's operations on the kind; a refresh reads from the shared listing.
	create func(*iam.Client, context.Context, I) (*O, error)
	list   func(*iam.Client, context.Context, int64) (*O, error)
	update func(*iam.Client, context.Context, int64, I) (*O, error)
}

// numberedModel is the state model of a numbered object, I what a create or an update sends.
type numberedModel[I any] interface {
	numberedID() types.Int64
	// label is what a failed create reports, there being no id yet.
	label() string
	input() I
}

func (c *numberedCRUD[M, O, I]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (c *numberedCRUD[M, O, I]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := c.create(c.client, ctx, plan.input())
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot create %s %q", c.kind, plan.label()), err)
		return
	}
	model := c.model(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: model.numberedID()}, &resp.Diagnostics)
}

// refresh reads the object the state names from the shared listing and returns it as a model with
// the state it replaces; ok is false when there is nothing to write: the object is gone (and with it
// the resource from state) or the read failed (and resp says so). Writing the model is the Read's.
func (c *numberedCRUD[M, O, I]) refresh(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) (refreshed, state M, ok bool) {
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return refreshed, state, false
	}
	id := state.numberedID()
	setIdentity(ctx, resp.Identity, numericIdentity{ID: id}, &resp.Diagnostics)
	found, err := c.list(c.client, ctx, id.ValueInt64())
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

func (c *numberedCRUD[M, O, I]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.numberedID()
	updated, err := c.update(c.client, ctx, id.ValueInt64(), plan.input())
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot update %s %d", c.kind, id.ValueInt64()), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, c.model(updated))...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: id}, &resp.Diagnostics)
}

func (c *numberedCRUD[M, O, I]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedNumber(ctx, req, "id", c.kind, &resp.Diagnostics)
	if !ok {
		return
	}
	_, err := c.list(c.client, ctx, id)
	if !importFound(&resp.Diagnostics, fmt.Sprintf("%s %d", c.kind, id), c.findIDs, err) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setIdentity(ctx, resp.Identity, numericIdentity{ID: types.Int64Value(id)}, &resp.Diagnostics)
}
