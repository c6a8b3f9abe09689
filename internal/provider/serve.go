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
// A plugin process lives for one operation. In a no-op plan of 1,000 resources its live heap stays
// near 16 MiB, once the server lets go of each RPC's context (see protocolServer); the default GOGC of
// 100 lets its heap reach twice that, and collecting costs little. One synerise_invitations of 5,000
// members holds a live heap of some 115 to 130 MiB while the plugin framework walks the members in a
// plan, and twice that would be some 250 MiB: the soft limit of 128 MiB makes the collector run more
// often once the heap nears it, rather than let the process grow. The limit is soft and never fails a
// run. It sits above that live heap on purpose: under a soft limit of 96 MiB (and GOGC 400, the setting
// before this one) the collector ran without pause in that plan: marking took 44% of the provider's
// CPU, against 31% with this one, and the plan's CPU fell from 21 s to 13 s (make bench's bulk profile).
func pluginGC(getenv func(string) string) (settings gcSettings, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return gcSettings{}, false
	}
	return gcSettings{percent: 100, memoryLimit: 128 << 20}, true
}
