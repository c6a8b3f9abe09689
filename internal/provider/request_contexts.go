package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The framework keeps a cancel function of every RPC's context until Terraform stops the provider
// (terraform-plugin-framework v1.19.0, internal/proto6server/serve.go, registerContext), and with it the
// context: terraform-plugin-go puts some 13 KB of loggers in each. Terraform stops a provider only when
// interrupted, so a no-op plan of 1,000 resources kept its 4,000 RPCs' contexts, 51 MiB, alive to the
// end, most of the plugin's live heap. The server below hands the framework each RPC's context
// wrapped in one that lets go of it once the RPC has ended, so what the framework keeps is a few
// hundred bytes per RPC. It can go once the framework forgets the contexts of RPCs that have ended.

// endedRequestContext is an RPC's context with the same deadline, cancellation and values, until the
// RPC's context is done: gRPC cancels it when the RPC has ended. From then on it keeps only the error
// and has no values; that is seen only by work that outlived a cancelled RPC, such as a shared listing
// that other readers still wait for, whose log lines then go nowhere.
type endedRequestContext struct {
	deadline    time.Time
	hasDeadline bool
	done        <-chan struct{}

	mu sync.RWMutex
	// request is the RPC's context, nil once it is done.
	request context.Context
	err     error
}

func lettingGoWhenDone(request context.Context) context.Context {
	deadline, hasDeadline := request.Deadline()
	c := &endedRequestContext{deadline: deadline, hasDeadline: hasDeadline, done: request.Done(), request: request}
	context.AfterFunc(request, c.letGo)
	return c
}

func (c *endedRequestContext) letGo() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = c.request.Err()
	c.request = nil
}

func (c *endedRequestContext) Deadline() (time.Time, bool) { return c.deadline, c.hasDeadline }

func (c *endedRequestContext) Done() <-chan struct{} { return c.done }

func (c *endedRequestContext) Err() error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.request != nil {
		return c.request.Err()
	}
	return c.err
}

// Value answers with the RPC's context's values, among them the context package's own key for the
// cancellation it derives from, so a context derived from this one is cancelled with the RPC as
// directly as one derived from the RPC's own.
func (c *endedRequestContext) Value(key any) any {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.request != nil {
		return c.request.Value(key)
	}
	return nil
}

// frameworkServer is what the framework's protocol server offers, every optional service included.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
	tfprotov6.ListResourceServer
	tfprotov6.StateStoreServer
}

var _ frameworkServer = lettingGoServer{}

// lettingGoServer serves every RPC with the framework's server, handing it the RPC's context through
// lettingGoWhenDone.
type lettingGoServer struct {
	framework frameworkServer
}

func (s lettingGoServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return s.framework.GetMetadata(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return s.framework.GetProviderSchema(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return s.framework.GetResourceIdentitySchemas(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return s.framework.ValidateProviderConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return s.framework.ConfigureProvider(lettingGoWhenDone(ctx), req)
}

// StopProvider hands the framework the RPC's own context: the framework does not keep it.
func (s lettingGoServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return s.framework.StopProvider(ctx, req)
}

func (s lettingGoServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return s.framework.ValidateResourceConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return s.framework.UpgradeResourceState(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return s.framework.ReadResource(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return s.framework.PlanResourceChange(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return s.framework.ApplyResourceChange(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return s.framework.ImportResourceState(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return s.framework.MoveResourceState(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return s.framework.UpgradeResourceIdentity(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return s.framework.GenerateResourceConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return s.framework.ValidateDataResourceConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return s.framework.ReadDataSource(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return s.framework.GetFunctions(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return s.framework.CallFunction(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return s.framework.ValidateEphemeralResourceConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return s.framework.OpenEphemeralResource(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return s.framework.RenewEphemeralResource(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return s.framework.CloseEphemeralResource(lettingGoWhenDone(ctx), req)
}

// ListResource's stream is read after it returns, while the RPC lasts, so with the RPC's values.
func (s lettingGoServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.framework.ListResource(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return s.framework.ValidateListResourceConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return s.framework.ValidateActionConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return s.framework.PlanAction(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return s.framework.InvokeAction(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return s.framework.ValidateStateStoreConfig(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return s.framework.ConfigureStateStore(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return s.framework.ReadStateBytes(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) WriteStateBytes(ctx context.Context, stream *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return s.framework.WriteStateBytes(lettingGoWhenDone(ctx), stream)
}

func (s lettingGoServer) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return s.framework.GetStates(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return s.framework.DeleteState(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return s.framework.LockState(lettingGoWhenDone(ctx), req)
}

func (s lettingGoServer) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return s.framework.UnlockState(lettingGoWhenDone(ctx), req)
}
