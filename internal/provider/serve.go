package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// RegistryAddress is where Terraform finds the provider; dev_overrides in a CLI configuration must use it too.
const RegistryAddress = "registry.terraform.io/synerise-oss/synerise"

// Serve serves the provider over the plugin protocol until Terraform is done with it. It is the whole
// of the release binary's main, and of the benchmark's profiling build, so both run the same server.
func Serve(ctx context.Context, version string, debug bool, getenv func(string) string, setenv func(string, string) error) error {
	if !debug {
		silenceDiscardedLogs(getenv, setenv)
	}
	return providerserver.Serve(ctx, New(version), providerserver.ServeOpts{
		Address: RegistryAddress,
		Debug:   debug,
	})
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
