package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
	"github.com/synerise-oss/terraform-provider-synerise/internal/permissions"
)

var (
	_ resource.ResourceWithConfigure   = &ManagedDomainResource{}
	_ resource.ResourceWithImportState = &ManagedDomainResource{}
	_ resource.ResourceWithIdentity    = &ManagedDomainResource{}
)

const (
	// defaultVerificationTimeout leaves DNS time to propagate a new TXT record.
	defaultVerificationTimeout = 10 * time.Minute
	firstVerificationWait      = time.Second
	maxVerificationWait        = 15 * time.Second
)

// NewManagedDomainResource is the factory of synerise_managed_domain.
func NewManagedDomainResource() resource.Resource {
	return &ManagedDomainResource{}
}

// ManagedDomainResource manages one verified domain of the workspace.
type ManagedDomainResource struct {
	client *iam.Client
}

// ManagedDomainResourceModel is the state of synerise_managed_domain.
type ManagedDomainResourceModel struct {
	ID                 types.String   `tfsdk:"id"`
	Domain             types.String   `tfsdk:"domain"`
	VerificationMethod types.String   `tfsdk:"verification_method"`
	Verified           types.Bool     `tfsdk:"verified"`
	CreatedAt          types.String   `tfsdk:"created_at"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

func (r *ManagedDomainResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_managed_domain"
}

func (r *ManagedDomainResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A domain whose users the workspace manages. Synerise verifies the domain before managing it: the " +
			"verification string of `synerise_domain_verification` must be published first, as a DNS TXT record or as a " +
			"file on the site. Creating the resource retries the verification until the proof is visible or the create " +
			"timeout (10 minutes by default) runs out, so the record can be created in the same apply; it also waits out " +
			"failures of the service, and gives up at once only on a refusal a retry cannot change (401, 403, 404, 409). Destroying the " +
			"resource stops the workspace managing the domain; the published proof may stay or go.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The domain name, spelled as `domain` is.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{idIsDomain{}},
			},
			"domain": schema.StringAttribute{
				Description: "The domain, such as `example.com`. Domain names are compared without regard to case, as " +
					"the API compares them, and the state keeps the configuration's spelling: a change of case only is an " +
					"update that sends nothing. Any other change manages another domain (replacement).",
				Required:      true,
				Validators:    []validator.String{domainNameValidator},
				PlanModifiers: []planmodifier.String{requiresReplaceUnlessRespelled("domain")},
			},
			"verification_method": schema.StringAttribute{
				Description: "How the domain proves ownership: `TXT_RECORD` (the default; a TXT record on the domain holds the " +
					"verification string) or `FILE_CHECK` (the site serves an HTML file named after it). Changing it verifies again (replacement).",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(iam.DomainVerificationTXTRecord),
				Validators:    []validator.String{stringvalidator.OneOf(iam.DomainVerificationTXTRecord, iam.DomainVerificationFileCheck)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"verified": schema.BoolAttribute{
				Description:   "Whether Synerise considers the domain verified.",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Description:   "When the domain was verified (RFC 3339).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true}),
		},
	}
	resp.Schema.MarkdownDescription = withPermissions(permissions.Resource, r, resp.Schema.Description)
}

func (r *ManagedDomainResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema("name", "The domain name, such as `example.com`. The API compares domain names without "+
		"regard to case, so the identity holds the name in lower case and an import by identity accepts any case.")
}

// managedDomainIdentity names a domain as the API compares it.
func managedDomainIdentity(domain types.String) domainIdentity {
	return domainIdentity{Name: types.StringValue(strings.ToLower(domain.ValueString()))}
}

func (r *ManagedDomainResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *ManagedDomainResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ManagedDomainResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultVerificationTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain, method := plan.Domain.ValueString(), plan.VerificationMethod.ValueString()
	// Managed before this create: a conflict to report. Managed during it: our own verification, whose
	// answer was lost.
	if _, err := r.client.GetManagedDomain(ctx, domain); err == nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot verify the domain %s", domain), alreadyManaged(domain))
		return
	} else if !iam.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the managed domain %s", domain), err)
		return
	}
	verified, err := r.verify(ctx, domain, method, timeout)
	// Managed meanwhile (409), or verified with an answer that does not describe the domain.
	if iam.IsConflict(err) || (err == nil && verified == nil) {
		verified, err = r.client.GetManagedDomain(ctx, domain)
	}
	if err != nil {
		r.explainFailure(ctx, domain, method, timeout, err, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, managedDomainModel(verified, plan))...)
	setIdentity(ctx, resp.Identity, managedDomainIdentity(plan.Domain), &resp.Diagnostics)
}

// verify repeats the verification, waiting longer each time, until it succeeds, the API refuses it for
// good, or the timeout ends. The reference does not say how the API answers while the proof is not
// visible yet, so every failure may be that, but a refusal that a repeat cannot change.
func (r *ManagedDomainResource) verify(ctx context.Context, domain, method string, timeout time.Duration) (*iam.ManagedDomain, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	wait := firstVerificationWait
	for attempt := 1; ; attempt++ {
		verified, err := r.client.VerifyManagedDomain(ctx, domain, method)
		if err == nil || ctx.Err() != nil || !verificationMaySucceedLater(err) {
			return verified, err
		}
		tflog.Debug(ctx, "domain verification failed; trying again", map[string]any{"domain": domain, "attempt": attempt, "wait": wait.String(), "answer": err.Error()})
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (last answer: %w)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, maxVerificationWait)
	}
}

// verificationMaySucceedLater reports whether a failed verification is worth repeating: every answer
// of the API but 401, 403, 404 and 409, which a repeat cannot change, and a request that found no
// answer in time.
func verificationMaySucceedLater(err error) bool {
	var apiErr *iam.Error
	if errors.As(err, &apiErr) {
		switch apiErr.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusConflict:
			return false
		}
		return true
	}
	var timeout *iam.TimeoutError
	return errors.As(err, &timeout)
}

// explainFailure tells the user what to publish where, since that is what a failed verification needs.
func (r *ManagedDomainResource) explainFailure(ctx context.Context, domain, method string, timeout time.Duration, err error, diags *diag.Diagnostics) {
	summary := fmt.Sprintf("Cannot verify the domain %s", domain)
	if iam.IsConflict(err) {
		diags.AddError(summary, err.Error()+"\n\n"+alreadyManaged(domain))
		return
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		addAPIError(diags, summary, err)
		return
	}
	code, codeErr := r.client.DomainVerificationCode(ctx)
	if codeErr != nil {
		code = "(the verification string of synerise_domain_verification)"
	}
	what := fmt.Sprintf("a TXT record on %s with the value %q", domain, code)
	if method == iam.DomainVerificationFileCheck {
		what = fmt.Sprintf("a file at %s (it may be empty)", domainProofFor(domain, code).fileURL)
	}
	diags.AddError(summary, fmt.Sprintf(
		"The verification did not succeed within %s: Synerise could not see the proof yet. Publish %s, make sure it is "+
			"visible from the internet (DNS changes can take a while to propagate), and apply again; raise timeouts.create "+
			"to wait longer.\n\n%s", timeout, what, strings.TrimSpace(err.Error())))
}

func (r *ManagedDomainResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ManagedDomainResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, managedDomainIdentity(state.ID), &resp.Diagnostics)
	domain, err := r.client.ManagedDomainFromListing(ctx, state.ID.ValueString())
	if iam.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the managed domain %s", state.ID.ValueString()), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, managedDomainModel(domain, state))...)
}

// Update has nothing to send: every argument but timeouts replaces the resource, and a change of the
// domain's case names the same domain.
func (r *ManagedDomainResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan ManagedDomainResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, managedDomainIdentity(plan.Domain), &resp.Diagnostics)
}

func (r *ManagedDomainResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ManagedDomainResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteManagedDomain(ctx, state.ID.ValueString()); err != nil && !iam.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot remove the managed domain %s", state.ID.ValueString()), err)
	}
}

// ImportState takes the domain name, which the workspace must manage, as the import ID or the identity's name.
func (r *ManagedDomainResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, ok := importedString(ctx, req, "name", "example.com", &resp.Diagnostics)
	if !ok {
		return
	}
	if !domainNamePattern.MatchString(name) {
		summary := "Invalid import ID"
		if req.ID == "" {
			summary = "Invalid import identity: name"
		}
		resp.Diagnostics.AddError(summary, fmt.Sprintf("Expected a bare %s; got %q.", domainNameForm, name))
		return
	}
	_, err := r.client.ManagedDomainFromListing(ctx, name)
	if iam.IsNotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot import the managed domain %s", name), fmt.Sprintf(
			"The workspace manages no domain %s. Check the spelling, or create the resource instead to verify the domain.", name))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot read the managed domain %s", name), err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	setIdentity(ctx, resp.Identity, managedDomainIdentity(types.StringValue(name)), &resp.Diagnostics)
}

// idIsDomain plans the id as the configured domain, so that a change of case respells both at once.
type idIsDomain struct{}

func (idIsDomain) Description(context.Context) string { return "The id is the configured domain name." }

func (m idIsDomain) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (idIsDomain) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	var domain types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("domain"), &domain)...)
	resp.PlanValue = domain
}

// managedDomainModel keeps the configuration's spelling of a domain the API treats as the same.
func managedDomainModel(d *iam.ManagedDomain, prior ManagedDomainResourceModel) ManagedDomainResourceModel {
	name := d.Domain
	if strings.EqualFold(prior.Domain.ValueString(), d.Domain) {
		name = prior.Domain.ValueString()
	}
	return ManagedDomainResourceModel{
		ID:                 types.StringValue(name),
		Domain:             types.StringValue(name),
		VerificationMethod: types.StringValue(d.VerificationMethod),
		Verified:           types.BoolValue(d.Verified),
		CreatedAt:          types.StringValue(d.CreatedAt),
		Timeouts:           prior.Timeouts,
	}
}

func alreadyManaged(domain string) string {
	return fmt.Sprintf("The workspace manages %s already. Import it instead: terraform import synerise_managed_domain.<name> %s", domain, domain)
}
