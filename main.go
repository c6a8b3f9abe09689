// Command terraform-provider-synerise serves the Synerise Terraform provider over the plugin protocol.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/synerise-oss/terraform-provider-synerise/internal/provider"
)

// version is set by the release build (goreleaser's ldflags).
var version = "dev"

// registryAddress is where Terraform finds the provider; dev_overrides in a CLI configuration must use it too.
const registryAddress = "registry.terraform.io/synerise-oss/synerise"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if !debug {
		silenceDiscardedLogs(os.Getenv, os.Setenv)
	}
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: registryAddress,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
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
