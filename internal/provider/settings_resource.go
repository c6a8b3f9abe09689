package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

var (
	_ resource.ResourceWithConfigure      = &settingsResource{}
	_ resource.ResourceWithImportState    = &settingsResource{}
	_ resource.ResourceWithValidateConfig = &settingsResource{}
	_ resource.ResourceWithModifyPlan     = &settingsResource{}
	_ resource.ResourceWithIdentity       = &settingsResource{}
)

// settingsResource is a settings singleton described by its spec.
type settingsResource struct {
	spec      settingsSpec
	client    *iam.Client
	applyFrom declaredAddresses
}

// originalKey names the private-state entry that holds the object as it was before Terraform managed
// it, for on_destroy = "restore".
const originalKey = "original"

func (r *settingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.spec.ID()
}

func (r *settingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Description:   "Always `" + r.spec.ID() + "`: the workspace has exactly one " + r.spec.Title + ".",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"on_destroy": onDestroyAttribute(r.spec.Type, map[string]string{
			settings.Restore: " (read when the resource was created or imported)",
			settings.Reset:   " (listed above)",
		}),
	}
	if a := r.spec.acknowledgement; a != nil {
		attributes[a.attr] = schema.BoolAttribute{Description: a.description, Optional: true}
	}
	for _, f := range r.spec.fields {
		attributes[f.Attr] = f.schemaAttribute()
		if f.writeOnly {
			attributes[f.writeOnlyAttr()] = schema.MapAttribute{
				Description: "Write-only alternative to `" + f.Attr + "` (Terraform 1.11 or later): sent to the API, never stored in the " +
					"plan or state. Terraform cannot compare it with the workspace, so `" + f.Attr + "` stays null and changes made " +
					"outside Terraform do not show; change `" + f.versionAttr() + "` to send new values.",
				ElementType: types.StringType,
				Optional:    true,
				WriteOnly:   true,
				Sensitive:   true,
				Validators: []validator.Map{
					mapvalidator.ConflictsWith(path.MatchRoot(f.Attr)),
					mapvalidator.AlsoRequires(path.MatchRoot(f.versionAttr())),
				},
			}
			attributes[f.versionAttr()] = schema.Int64Attribute{
				Description: "Any number; changing it sends `" + f.writeOnlyAttr() + "` to the API again, as after rotating a credential.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(f.writeOnlyAttr()))},
			}
		}
	}
	resp.Schema = schema.Schema{
		Description: r.spec.resourceDescription(),
		Attributes:  attributes,
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *settingsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema("id", "Always `"+r.spec.ID()+"`, the same as the import ID: the workspace has exactly one "+r.spec.Title+".")
}

func (r *settingsResource) identity() fixedIdentity {
	return fixedIdentity{ID: types.StringValue(r.spec.ID())}
}

func (r *settingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
	r.applyFrom = applyFromOf(req.ProviderData)
}

func (r *settingsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if r.spec.validate == nil {
		return
	}
	r.spec.validate(r.knownValues(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// knownValues reads the fields that from sets to known values.
func (r *settingsResource) knownValues(ctx context.Context, from attributeGetter, diags *diag.Diagnostics) map[string]attr.Value {
	values := map[string]attr.Value{}
	for _, f := range r.spec.fields {
		v, d := getAttribute(ctx, from, f)
		diags.Append(d...)
		if v != nil && !v.IsNull() && !v.IsUnknown() {
			values[f.Attr] = v
		}
	}
	return values
}

// ModifyPlan plans a field null while its write-only twin provides the value (the state never holds
// it), and lets the spec's guard refuse or warn of a planned object that may hurt.
func (r *settingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if r.spec.guard != nil {
		r.spec.guard(r.plannedSettings(ctx, req, &resp.Diagnostics), &resp.Diagnostics)
	}
	for _, f := range r.spec.fields {
		if !f.writeOnly {
			continue
		}
		var version types.Int64
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(f.versionAttr()), &version)...)
		if !version.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(f.Attr), types.MapNull(types.StringType))...)
		}
	}
}

// plannedSettings is what the spec's guard sees of the plan.
func (r *settingsResource) plannedSettings(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) plannedSettings {
	plan := plannedSettings{planned: r.knownValues(ctx, req.Plan, diags), applyFrom: r.applyFrom}
	if !req.State.Raw.IsNull() {
		plan.prior = r.knownValues(ctx, req.State, diags)
	}
	if a := r.spec.acknowledgement; a != nil {
		var acknowledged types.Bool
		diags.Append(req.Plan.GetAttribute(ctx, path.Root(a.attr), &acknowledged)...)
		plan.acknowledged = acknowledged.ValueBool()
	}
	return plan
}

// Create adopts the object, and keeps a copy of it as it was for on_destroy = "restore".
func (r *settingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	setIdentity(ctx, resp.Identity, r.identity(), &resp.Diagnostics)
	if original := r.write(ctx, req.Config, req.Plan, &resp.State, &resp.Diagnostics); original != nil {
		keepOriginal(ctx, original, resp.Private, &resp.Diagnostics)
	}
}

func (r *settingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	setIdentity(ctx, resp.Identity, r.identity(), &resp.Diagnostics)
	r.write(ctx, req.Config, req.Plan, &resp.State, &resp.Diagnostics)
}

// write sends the whole object: the planned values where known, write-only values from the
// configuration, and the API's current values elsewhere. It returns the object as it was before,
// less the fields that write-only values provided (secrets stay out of the state, private data
// included); nil when the write failed.
func (r *settingsResource) write(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) map[string]any {
	current, err := r.read(ctx)
	if err != nil {
		addAPIError(diags, "Cannot read the "+r.spec.Title, err)
		return nil
	}
	original := r.spec.object(current)
	object := r.spec.object(current)
	for _, f := range r.spec.fields {
		v, d := getAttribute(ctx, plan, f)
		diags.Append(d...)
		if v == nil || v.IsUnknown() || v.IsNull() {
			continue
		}
		object[f.JSON] = toJSON(ctx, f, v, diags)
	}
	for _, f := range r.spec.fields {
		if !f.writeOnly {
			continue
		}
		var secret types.Map
		diags.Append(config.GetAttribute(ctx, path.Root(f.writeOnlyAttr()), &secret)...)
		if !secret.IsNull() && !secret.IsUnknown() {
			object[f.JSON] = toJSON(ctx, f, secret, diags)
			delete(original, f.JSON)
		}
	}
	if diags.HasError() {
		return nil
	}
	written, err := r.replace(ctx, object)
	if err != nil {
		addAPIError(diags, "Cannot update the "+r.spec.Title, err)
		return nil
	}
	var onDestroy types.String
	diags.Append(plan.GetAttribute(ctx, path.Root("on_destroy"), &onDestroy)...)
	r.setState(ctx, written, onDestroy, plan, state, diags)
	return original
}

// privateData is the part of a resource's private state that create, import and delete use.
type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func keepOriginal(ctx context.Context, original map[string]any, private privateData, diags *diag.Diagnostics) {
	raw, err := json.Marshal(original)
	if err != nil {
		diags.AddError("Cannot keep the settings as they were", err.Error())
		return
	}
	diags.Append(private.SetKey(ctx, originalKey, raw)...)
}

// objectToWriteOnDestroy is what on_destroy asks to write back; nil for "retain". A state without the
// original object (written before "restore" existed) falls back to the defaults, with a warning.
func (r *settingsResource) objectToWriteOnDestroy(ctx context.Context, onDestroy string, private privateData, diags *diag.Diagnostics) map[string]any {
	switch onDestroy {
	case settings.Retain:
		return nil
	case settings.Reset:
		return r.spec.defaults()
	}
	raw, d := private.GetKey(ctx, originalKey)
	diags.Append(d...)
	if len(raw) == 0 {
		diags.AddWarning("Restored the defaults of the "+r.spec.Title,
			"on_destroy = \"restore\" writes back the "+r.spec.Title+" as it was before Terraform managed it, but this "+
				"resource's state holds no copy of it (it was written by an older version of the provider), so the defaults "+
				"were written instead, as on_destroy = \"reset\" does: "+r.spec.describeDefaults()+".")
		return r.spec.defaults()
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	var original map[string]any
	if err := decoder.Decode(&original); err != nil {
		diags.AddError("Cannot read the "+r.spec.Title+" as it was", "The copy kept in the state's private data is damaged: "+err.Error()+
			". Set on_destroy = \"reset\" or \"retain\" and apply before destroying.")
		return nil
	}
	return r.spec.object(original)
}

// setState records object; prior (the plan, or the state before a refresh) tells which fields take
// their value from a write-only twin and stay null.
func (r *settingsResource) setState(ctx context.Context, object map[string]any, onDestroy types.String, prior attributeGetter, state *tfsdk.State, diags *diag.Diagnostics) {
	diags.Append(state.SetAttribute(ctx, path.Root("id"), r.spec.ID())...)
	diags.Append(state.SetAttribute(ctx, path.Root("on_destroy"), onDestroy)...)
	if a := r.spec.acknowledgement; a != nil {
		var acknowledged types.Bool
		diags.Append(prior.GetAttribute(ctx, path.Root(a.attr), &acknowledged)...)
		diags.Append(state.SetAttribute(ctx, path.Root(a.attr), acknowledged)...)
	}
	for _, f := range r.spec.fields {
		value := fromJSON(f, object[f.JSON], diags)
		if f.writeOnly {
			var version types.Int64
			diags.Append(prior.GetAttribute(ctx, path.Root(f.versionAttr()), &version)...)
			diags.Append(state.SetAttribute(ctx, path.Root(f.versionAttr()), version)...)
			diags.Append(state.SetAttribute(ctx, path.Root(f.writeOnlyAttr()), types.MapNull(types.StringType))...)
			if !version.IsNull() {
				value = types.MapNull(types.StringType)
			}
		}
		diags.Append(state.SetAttribute(ctx, path.Root(f.Attr), value)...)
	}
}

// read reads the object as the API has it.
func (r *settingsResource) read(ctx context.Context) (map[string]any, error) {
	return r.client.ReadSettings(ctx, r.spec.Path)
}

// replace writes object, which spec.object has built, and returns it as the API stored it.
func (r *settingsResource) replace(ctx context.Context, object map[string]any) (map[string]any, error) {
	return r.client.ReplaceSettings(ctx, r.spec.Path, object)
}

func (r *settingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(ctx, resp.Identity, r.identity(), &resp.Diagnostics)
	current, err := r.read(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot read the "+r.spec.Title, err)
		return
	}
	var onDestroy types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("on_destroy"), &onDestroy)...)
	if onDestroy.IsNull() {
		onDestroy = types.StringValue(settings.Restore)
	}
	r.setState(ctx, current, onDestroy, req.State, &resp.State, &resp.Diagnostics)
}

func (r *settingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var onDestroy types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("on_destroy"), &onDestroy)...)
	object := r.objectToWriteOnDestroy(ctx, onDestroy.ValueString(), req.Private, &resp.Diagnostics)
	if object == nil || resp.Diagnostics.HasError() {
		return
	}
	if _, err := r.replace(ctx, object); err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot write back the %s (on_destroy = %q)", r.spec.Title, onDestroy.ValueString()), err)
	}
}

func (r *settingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importedString(ctx, req, "id", r.spec.ID(), &resp.Diagnostics)
	if !ok {
		return
	}
	if id != r.spec.ID() {
		summary := "Invalid import ID"
		if req.ID == "" {
			summary = "Invalid import identity: id"
		}
		resp.Diagnostics.AddError(summary,
			fmt.Sprintf("The workspace has one %s; import it with the id %q, not %q.", r.spec.Title, r.spec.ID(), id))
		return
	}
	current, err := r.read(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot read the "+r.spec.Title+" to import it", err)
		return
	}
	keepOriginal(ctx, r.spec.object(current), resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), r.spec.ID())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("on_destroy"), settings.Restore)...)
	setIdentity(ctx, resp.Identity, r.identity(), &resp.Diagnostics)
}
