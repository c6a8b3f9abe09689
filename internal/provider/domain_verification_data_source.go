package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/synerise-oss/terraform-provider-synerise/internal/iam"
)

var _ datasource.DataSourceWithConfigure = &DomainVerificationDataSource{}

// NewDomainVerificationDataSource is the factory of synerise_domain_verification.
func NewDomainVerificationDataSource() datasource.DataSource {
	return &DomainVerificationDataSource{}
}

// DomainVerificationDataSource reads the proof a domain must publish before it can be managed.
type DomainVerificationDataSource struct {
	client *iam.Client
}

// DomainVerificationDataSourceModel is the state of synerise_domain_verification.
type DomainVerificationDataSourceModel struct {
	Domain         types.String `tfsdk:"domain"`
	Code           types.String `tfsdk:"code"`
	TXTRecordName  types.String `tfsdk:"txt_record_name"`
	TXTRecordValue types.String `tfsdk:"txt_record_value"`
	FileName       types.String `tfsdk:"file_name"`
	FileURL        types.String `tfsdk:"file_url"`
}

func (d *DomainVerificationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_domain_verification"
}

func (d *DomainVerificationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "What a domain must publish before `synerise_managed_domain` can verify it. The verification string " +
			"is the same for every domain of the workspace and exists before anything is created, so it is known at plan " +
			"time and can feed a DNS record of another provider in the same configuration.",
		Attributes: map[string]schema.Attribute{
			"domain": schema.StringAttribute{
				Description: "The domain to verify, such as `example.com`; fills `txt_record_name` and `file_url`.",
				Optional:    true,
				Validators:  []validator.String{domainNameValidator},
			},
			"code":             schema.StringAttribute{Description: "The workspace's verification string.", Computed: true},
			"txt_record_name":  schema.StringAttribute{Description: "Name of the TXT record to create for `TXT_RECORD` verification: the domain itself.", Computed: true},
			"txt_record_value": schema.StringAttribute{Description: "Value of that TXT record: the verification string.", Computed: true},
			"file_name": schema.StringAttribute{
				Description: "For `FILE_CHECK` verification: the HTML file the site must serve at its root, named after the verification string; it may be empty.",
				Computed:    true,
			},
			"file_url": schema.StringAttribute{Description: "Where that file must be reachable: `https://<domain>/<file_name>`.", Computed: true},
		},
	}
	resp.Schema.MarkdownDescription = dataSourceWithPermissions(d, resp.Schema.Description)
}

func (d *DomainVerificationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *DomainVerificationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state DomainVerificationDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	code, err := d.client.DomainVerificationCode(ctx)
	if errors.Is(err, iam.ErrNoVerificationCode) {
		resp.Diagnostics.AddError("Cannot read the domain verification string", err.Error()+"\n\n"+
			"The API answered, but not with the verification string where the provider looks for it, so the provider "+
			"cannot tell what to publish. Copy the string from the managed domains of the workspace in the Synerise app "+
			"and publish it yourself, and report the answer above to the provider's maintainers.")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot read the domain verification string", err)
		return
	}
	proof := domainProofFor(state.Domain.ValueString(), code)
	state.Code = types.StringValue(code)
	state.TXTRecordValue = types.StringValue(code)
	state.FileName = types.StringValue(proof.fileName)
	state.TXTRecordName, state.FileURL = types.StringNull(), types.StringNull()
	if !state.Domain.IsNull() {
		state.TXTRecordName = types.StringValue(state.Domain.ValueString())
		state.FileURL = types.StringValue(proof.fileURL)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
