package provider

import (
	"fmt"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// RegistryAddress is where Terraform finds the provider; dev_overrides in a CLI configuration must use it too.
const RegistryAddress = "registry.terraform.io/synerise-oss/synerise"

// Serve serves the provider over the plugin protocol until Terraform is done with it. It is the whole
// of the release binary's main, and of the benchmark's profiling build, so both run the same server.
func Serve(version string, debugging bool, getenv func(string) string, setenv func(string, string) error) error {
	if !debugging {
		silenceDiscardedLogs(getenv, setenv)
	}
	if gc, ok := pluginGC(getenv); ok {
		debug.SetGCPercent(gc.percent)
		debug.SetMemoryLimit(gc.memoryLimit)
	}
	server, err := protocolServer(New(version)())
	if err != nil {
		return err
	}
	var opts []tf6server.ServeOpt
	if debugging {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(RegistryAddress, func() tfprotov6.ProviderServer { return server }, opts...)
}

// protocolServer is the provider's server of Terraform's plugin protocol (version 6): the framework's,
// letting go of each RPC's context once the RPC has ended (see request_contexts.go).
func protocolServer(p provider.Provider) (tfprotov6.ProviderServer, error) {
	server := providerserver.NewProtocol6(p)()
	framework, ok := server.(frameworkServer)
	if !ok {
		return nil, fmt.Errorf("the framework's protocol server (%T) no longer offers every service the provider passes on; "+
			"this is a bug in the provider, please report it", server)
	}
	return lettingGoServer{framework: framework}, nil
}

// sdkLogLevels are the variables that set the level of the plugin SDK's loggers and the provider's own.
var sdkLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// silenceDiscardedLogs turns the plugin's logging off when Terraform will throw it away. Unless told
// otherwise, the SDK's loggers write every TRACE line as JSON to Terraform, which keeps none of them
// when neither TF_LOG nor TF_LOG_PROVIDER is set; encoding them took a third of the provider's CPU time
// in a plan of 1,000 resources (terraform-plugin-framework issue 1269). A level set explicitly wins.
func silenceDiscardedLogs(getenv func(string) string, setenv func(string, string) error) {
	if getenv("TF_LOG") != "" || getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range sdkLogLevels {
		if getenv(name) == "" {
			_ = setenv(name, "OFF")
		}
	}
}

// gcSettings are the garbage collector's two knobs: GOGC's percentage and GOMEMLIMIT's soft limit in bytes.
type gcSettings struct {
	percent     int
	memoryLimit int64
}

// pluginGC is how the provider's garbage collector runs unless GOGC or GOMEMLIMIT says otherwise; ok is
// false when either is set, and the runtime's own reading of them stands.
//
// A plugin process lives for one operation and keeps little: in a no-op plan of 1,000 resources it
// allocated 578 MB, yet its live heap never passed 10 MiB once the server let go of each RPC's context
// (it was 55 MiB before, nearly all of it the contexts of RPCs that had ended: see protocolServer). With
// the default GOGC of 100 the collector ran whenever the heap doubled a small live heap, and took a
// quarter of the CPU. A higher GOGC lets the heap grow further between collections, so it collects
// less often for the same garbage; the soft limit keeps that growth from costing memory, since the
// collector runs sooner as the heap nears it. The limit is soft: a larger workspace whose live heap
// comes near it only collects more often, and it never fails for it.
func pluginGC(getenv func(string) string) (settings gcSettings, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return gcSettings{}, false
	}
	return gcSettings{percent: 400, memoryLimit: 96 << 20}, true
}
