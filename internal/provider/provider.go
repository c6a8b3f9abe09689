// Package provider maps Terraform configurations of a Synerise workspace's access settings onto the
// API client in internal/iam. It knows Terraform and nothing of URLs.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

// Environment variables read when the provider block leaves an argument out.
const (
	envAPIURL         = "SYNERISE_API_URL"
	envAPIToken       = "SYNERISE_API_TOKEN"
	envRequestTimeout = "SYNERISE_REQUEST_TIMEOUT"
	// envMaxRequestsPerSecond caps the provider's request rate when the block leaves max_requests_per_second out.
	envMaxRequestsPerSecond = "SYNERISE_MAX_REQUESTS_PER_SECOND"
)

var (
	_ provider.Provider                  = &SyneriseProvider{}
	_ provider.ProviderWithListResources = &SyneriseProvider{}
	_ provider.ProviderWithActions       = &SyneriseProvider{}
	_ provider.ProviderWithFunctions     = &SyneriseProvider{}
)

// SyneriseProvider holds nothing mutable: Configure hands each resource the client it builds.
type SyneriseProvider struct {
	version string
	// adjustClient, when set, changes the API client's configuration before the client is made: tests
	// use it for what the provider block does not offer, such as a longer delete batch window.
	adjustClient func(*iam.Config)
}

// SyneriseProviderModel is the provider block.
type SyneriseProviderModel struct {
	APIURL                    types.String         `tfsdk:"api_url"`
	APIToken                  types.String         `tfsdk:"api_token"`
	MaxRetries                types.Int64          `tfsdk:"max_retries"`
	MaxRetryWait              timetypes.GoDuration `tfsdk:"max_retry_wait"`
	RequestTimeout            timetypes.GoDuration `tfsdk:"request_timeout"`
	MaxRequestsPerSecond      types.Int64          `tfsdk:"max_requests_per_second"`
	SkipCredentialsValidation types.Bool           `tfsdk:"skip_credentials_validation"`
	ApplyFromAddresses        types.Set            `tfsdk:"apply_from_addresses"`
}

// New returns the provider factory for a release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &SyneriseProvider{version: version}
	}
}

func (p *SyneriseProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "synerise"
	resp.Version = p.version
}

func (p *SyneriseProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages the identity and access configuration of a Synerise workspace.",
		Attributes: map[string]schema.Attribute{
			"api_url": schema.StringAttribute{
				Description: "Base URL of the Synerise API. Defaults to the `" + envAPIURL + "` environment variable, then to `" +
					iam.DefaultBaseURL + "`. Plain `http` is accepted only for a loopback host (such as the bundled mock server), " +
					"so that the token never crosses a network in clear text.",
				Optional: true,
			},
			"api_token": schema.StringAttribute{
				Description: "Bearer token (JWT) of a Synerise user with the permissions the managed objects need. " +
					"Defaults to the `" + envAPIToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"max_retries": schema.Int64Attribute{
				Description: fmt.Sprintf("How many times a request is repeated after a rate limit (429), a gateway error "+
					"(502, 503, 504), a dropped connection or an attempt that timed out (`request_timeout`), with exponential "+
					"backoff and jitter. Defaults to %d; 0 disables retries. Requests that create objects are repeated only when "+
					"the API certainly did not process them.", iam.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 50)},
			},
			"max_retry_wait": schema.StringAttribute{
				Description: fmt.Sprintf("The longest wait between two attempts, as a Go duration such as `30s`; it also caps "+
					"a server's Retry-After, so a bad header cannot stall a run. Defaults to `%s`.", iam.DefaultMaxRetryWait),
				CustomType: timetypes.GoDurationType{},
				Optional:   true,
			},
			"request_timeout": schema.StringAttribute{
				Description: fmt.Sprintf("How long one attempt of a request may take, from sending it to reading the whole "+
					"answer, as a Go duration such as `2m`. An attempt that gets no answer in time is retried like a 503 "+
					"(see `max_retries`), so an API that hangs cannot stall a run. Defaults to the `"+envRequestTimeout+
					"` environment variable, then to `%gs`.", iam.DefaultRequestTimeout.Seconds()),
				CustomType: timetypes.GoDurationType{},
				Optional:   true,
			},
			"max_requests_per_second": schema.Int64Attribute{
				Description: "The most requests the provider sends to the API in any second, to stay under the API's rate limits " +
					"in a large plan or apply. Every attempt counts, retries included; all resources, data sources and actions of " +
					"one provider configuration share the budget (each alias has its own), and an idle provider saves up no more " +
					"than one request. Requests wait for their turn, so a low cap makes runs longer, never failed; a wait ends " +
					"when Terraform is interrupted. Defaults to the `" + envMaxRequestsPerSecond + "` environment variable, then " +
					"to 0, no cap.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"skip_credentials_validation": schema.BoolAttribute{
				Description: skipCredentialsValidationDescription,
				Optional:    true,
			},
			"apply_from_addresses": applyFromAddressesAttribute(),
		},
	}
}

func (p *SyneriseProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config SyneriseProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if refuseUnknownConnection(config, &resp.Diagnostics) {
		return
	}
	clientConfig := p.clientConfig(config, req.TerraformVersion, &resp.Diagnostics)
	skipCheck := credentialsCheckSkipped(config.SkipCredentialsValidation, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if p.adjustClient != nil {
		p.adjustClient(&clientConfig)
	}
	client, err := iam.New(clientConfig)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the Synerise API client", err.Error())
		return
	}
	data := &providerData{client: client, applyFrom: readApplyFromAddresses(ctx, config.ApplyFromAddresses, &resp.Diagnostics)}
	if !skipCheck {
		data.tokenOwner = checkCredentials(ctx, client, clientConfig.BaseURL, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// clientConfig reads the provider block and the environment into the API client's configuration,
// refusing in diags what the client cannot work with.
func (p *SyneriseProvider) clientConfig(config SyneriseProviderModel, terraformVersion string, diags *diag.Diagnostics) iam.Config {
	apiURL := firstNonEmpty(config.APIURL.ValueString(), os.Getenv(envAPIURL), iam.DefaultBaseURL)
	token := firstNonEmpty(config.APIToken.ValueString(), os.Getenv(envAPIToken))
	if token == "" {
		diags.AddAttributeError(path.Root("api_token"), "Missing Synerise API token",
			"Set api_token in the provider block or the "+envAPIToken+" environment variable.")
	}
	if err := iam.CheckBaseURL(apiURL); err != nil {
		diags.AddAttributeError(path.Root("api_url"), "Invalid Synerise API URL", err.Error())
	}
	if diags.HasError() {
		return iam.Config{}
	}
	maxRetries := iam.DefaultMaxRetries
	if !config.MaxRetries.IsNull() {
		maxRetries = int(config.MaxRetries.ValueInt64())
	}
	return iam.Config{
		BaseURL:              apiURL,
		Token:                token,
		MaxRetries:           maxRetries,
		MaxRetryWait:         positiveDuration(config.MaxRetryWait, "", path.Root("max_retry_wait"), "maximum retry wait", diags),
		RequestTimeout:       positiveDuration(config.RequestTimeout, envRequestTimeout, path.Root("request_timeout"), "request timeout", diags),
		MaxRequestsPerSecond: requestRateCap(config.MaxRequestsPerSecond, diags),
		UserAgent:            fmt.Sprintf("terraform-provider-synerise/%s (+https://registry.terraform.io/providers/synerise-oss/synerise) terraform/%s", p.version, terraformVersion),
		Logger:               tflogLogger{secret: token},
	}
}

// refuseUnknownConnection reports, and says so in diags, when the API URL or token is known only after
// apply: the provider cannot connect with either unknown.
func refuseUnknownConnection(config SyneriseProviderModel, diags *diag.Diagnostics) bool {
	if config.APIURL.IsUnknown() {
		diags.AddAttributeError(path.Root("api_url"), "Unknown Synerise API URL",
			"The api_url depends on a value known only after apply. Set it to a literal or use the "+envAPIURL+" environment variable.")
	}
	if config.APIToken.IsUnknown() {
		diags.AddAttributeError(path.Root("api_token"), "Unknown Synerise API token",
			"The api_token depends on a value known only after apply. Set it from a known value or use the "+envAPIToken+" environment variable.")
	}
	return diags.HasError()
}

func (p *SyneriseProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewRoleGroupResource,
		NewRoleResource,
		NewRolePIIResource,
		NewInvitationResource,
		NewInvitationsResource,
		NewIPPolicyResource,
		NewPasswordPolicyResource,
		NewBanSettingsResource,
		NewOAuthSettingsResource,
		NewMFARequirementResource,
		NewGeneralSettingsResource,
		NewEmailTemplateSettingsResource,
		NewDeviceControlSettingsResource,
		NewSyneriseAuthSettingsResource,
		NewGoogleSignInResource,
		NewFacebookSignInResource,
		NewAppleSignInResource,
		NewManagedDomainResource,
	}
}

// ListResources are the resource types that can list the workspace's objects: every type but
// synerise_invitations (its members are listed one by one as synerise_invitation) and
// synerise_mfa_requirement (the API cannot read it).
func (p *SyneriseProvider) ListResources(ctx context.Context) []func() list.ListResource {
	var factories []func() list.ListResource
	for _, factory := range p.Resources(ctx) {
		if _, ok := factory().(list.ListResource); !ok {
			continue
		}
		factories = append(factories, func() list.ListResource {
			lister, _ := factory().(list.ListResource)
			return lister
		})
	}
	return factories
}

// Actions are the one-off operations, which Terraform 1.14 and later run from action blocks.
func (p *SyneriseProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewUserPasswordResetAction,
		NewUserMFAResetAction,
	}
}

// Functions are the provider-defined functions, which Terraform 1.8 and later and OpenTofu 1.7 and later call.
func (p *SyneriseProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewIPAllowlistCoversFunction}
}

func (p *SyneriseProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAvailableRolesDataSource,
		NewRoleDataSource,
		NewRoleGroupsDataSource,
		NewRolePermissionsDataSource,
		NewUsersDataSource,
		NewDomainVerificationDataSource,
	}
}

// positiveDuration reads a duration argument of the provider block, or the environment variable env
// (when not "") if the block leaves it out; 0, the client's default, when neither sets it.
func positiveDuration(value timetypes.GoDuration, env string, attribute path.Path, what string, diags *diag.Diagnostics) time.Duration {
	if value.IsUnknown() {
		return 0
	}
	if value.IsNull() {
		raw := ""
		if env != "" {
			raw = os.Getenv(env)
		}
		if raw == "" {
			return 0
		}
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			diags.AddAttributeError(attribute, "Invalid "+what,
				fmt.Sprintf("The %s environment variable must be a positive Go duration such as 60s, got %q.", env, raw))
		}
		return d
	}
	d, diagnostics := value.ValueGoDuration()
	diags.Append(diagnostics...)
	if !diagnostics.HasError() && d <= 0 {
		diags.AddAttributeError(attribute, "Invalid "+what,
			fmt.Sprintf("%s must be a positive duration such as 30s, got %q.", attribute, value.ValueString()))
	}
	return d
}

// requestRateCap reads max_requests_per_second, or SYNERISE_MAX_REQUESTS_PER_SECOND when the block
// leaves it out; 0, no cap, when neither sets it. The schema's validator refuses a negative value in the block.
func requestRateCap(value types.Int64, diags *diag.Diagnostics) int {
	// Unknown until apply would otherwise read as 0, no cap, the opposite of what was asked.
	if value.IsUnknown() {
		diags.AddAttributeError(path.Root("max_requests_per_second"), "Unknown request rate cap",
			"max_requests_per_second depends on a value known only after apply, so the provider cannot cap the rate "+
				"of the requests that come first. Set it to a literal number, or use SYNERISE_MAX_REQUESTS_PER_SECOND.")
		return 0
	}
	if !value.IsNull() {
		return int(value.ValueInt64())
	}
	raw := os.Getenv(envMaxRequestsPerSecond)
	if raw == "" {
		return 0
	}
	perSecond, err := strconv.Atoi(raw)
	if err != nil || perSecond < 0 {
		diags.AddAttributeError(path.Root("max_requests_per_second"), "Invalid request rate cap",
			fmt.Sprintf("The %s environment variable must be a whole number of requests per second, 0 for no cap, got %q. "+
				"Correct or unset it, or set max_requests_per_second in the provider block.", envMaxRequestsPerSecond, raw))
	}
	return perSecond
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// tflogLogger carries the client's debug lines into Terraform's log with the token masked.
type tflogLogger struct {
	secret string
}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	ctx = tflog.MaskLogStrings(ctx, l.secret)
	tflog.Debug(ctx, msg, fields)
}
