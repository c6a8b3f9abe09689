// Command floorprovider is the benchmark's framework floor: a provider built with the same
// terraform-plugin-framework and terraform-plugin-go as terraform-provider-synerise that does nothing
// but keep what it is given. It has no HTTP and no client; Create stores the plan with an id, Read
// leaves the state as it is, Update stores the plan (with ids for new members), and Delete forgets. What a workspace of its
// resources costs beyond the same graph of terraform_data is what any framework provider pays: the
// plugin's process and gRPC, the SDK's per-request work, and Terraform core's side of the protocol.
//
// Its resource types carry about what the provider's do, so that the framework handles values of a
// like size. floor_object stands for the role groups, roles, PII settings, invitations and settings
// objects: a computed id kept with UseStateForUnknown (as every synerise resource keeps its id), a
// required name, an optional description, an optional parent_id (a role's group_id, a PII setting's
// role_id) and an optional set of ids (an invitation's role_ids). floor_team stands for
// the graph's synerise_invitations: an id and a map of members, each an email and a set of ids.
// floor_invitations stands for synerise_invitations in the bulk scenario: a map of members with the
// same attributes, types, defaults and computed values, without the provider's validators and plan.
//
// It runs its process as provider.Serve runs the provider's, with the SDK's discarded logging off and
// the same garbage collector settings: those are choices any provider can make, and without them the
// floor would measure them rather than the framework.
package main

import (
	"context"
	"log"
	"os"
	"runtime/debug"
	"strconv"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// registryAddress is the floor's address in the benchmark's dev_overrides.
const registryAddress = "registry.terraform.io/bench/floor"

func main() {
	// The same settings as internal/provider's serve.go, which only the provider's own Serve applies.
	if os.Getenv("TF_LOG") == "" && os.Getenv("TF_LOG_PROVIDER") == "" {
		for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
			if os.Getenv(name) == "" {
				_ = os.Setenv(name, "OFF")
			}
		}
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(128 << 20)
	}
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &floorProvider{} },
		providerserver.ServeOpts{Address: registryAddress})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (p *floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{Description: "The benchmark's framework floor: resources kept in state and nowhere else."}
}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return &stateResource[objectModel, *objectModel]{typeName: "_object", schema: objectSchema}
		},
		func() resource.Resource {
			return &stateResource[teamModel, *teamModel]{typeName: "_team", schema: teamSchema}
		},
		func() resource.Resource {
			return &stateResource[invitationsModel, *invitationsModel]{typeName: "_invitations", schema: invitationsSchema}
		},
	}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// lastID numbers the objects a process creates: the ids need only be known after apply, not unique
// across processes, since nothing looks them up.
var lastID atomic.Uint64

func nextID() types.String { return types.StringValue(strconv.FormatUint(lastID.Add(1), 10)) }

// stateResource is a resource kept in state only, whose model M is read from the plan and stored as
// the provider's resources store theirs; M's pointer P gives it the ids it lacks on create and update.
type stateResource[M any, P modelOf[M]] struct {
	// typeName follows the provider's name: "_object" is floor_object.
	typeName string
	schema   func() schema.Schema
}

// modelOf is the pointer to a model M that gives an object the ids its plan leaves unknown.
type modelOf[M any] interface {
	*M
	identify()
}

func (r *stateResource[M, P]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.typeName
}

func (r *stateResource[M, P]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema()
}

func (r *stateResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.store(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// Read leaves the state as the framework passed it on: there is nothing else to read it from.
func (r *stateResource[M, P]) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *stateResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.store(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// store keeps the plan as the state, with the ids it lacks.
func (r *stateResource[M, P]) store(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var model M
	diags.Append(plan.Get(ctx, &model)...)
	if diags.HasError() {
		return
	}
	P(&model).identify()
	diags.Append(state.Set(ctx, model)...)
}

func (r *stateResource[M, P]) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// stateSchema is the schema of a resource kept in state only: its attributes and an id.
func stateSchema(description string, attributes map[string]schema.Attribute) schema.Schema {
	attributes["id"] = schema.StringAttribute{
		Description:   "Id given on create.",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	return schema.Schema{Description: description, Attributes: attributes}
}

// identity is the id every model carries, given on create and kept after.
type identity struct {
	ID types.String `tfsdk:"id"`
}

func (m *identity) identify() {
	if m.ID.IsUnknown() {
		m.ID = nextID()
	}
}

// objectModel is floor_object.
type objectModel struct {
	identity
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	ParentID    types.String `tfsdk:"parent_id"`
	RoleIDs     types.Set    `tfsdk:"role_ids"`
}

func objectSchema() schema.Schema {
	return stateSchema("An object kept in state only.", map[string]schema.Attribute{
		"name":        schema.StringAttribute{Description: "Name of the object.", Required: true},
		"description": schema.StringAttribute{Description: "Description of the object.", Optional: true},
		"parent_id":   schema.StringAttribute{Description: "Id of the object this one belongs to.", Optional: true},
		"role_ids": schema.SetAttribute{
			Description: "Ids of the objects this one refers to.",
			ElementType: types.StringType,
			Optional:    true,
		},
	})
}

// teamModel is floor_team.
type teamModel struct {
	identity
	Members types.Map `tfsdk:"members"`
}

func teamSchema() schema.Schema {
	return stateSchema("A team of members kept in state only.", map[string]schema.Attribute{
		"members": schema.MapNestedAttribute{
			Description: "Members by label.",
			Required:    true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"email": schema.StringAttribute{Description: "Email address of the member.", Required: true},
					"role_ids": schema.SetAttribute{
						Description: "Ids of the objects the member refers to.",
						ElementType: types.StringType,
						Required:    true,
					},
				},
			},
		},
	})
}
