// Command terraform-provider-synerise serves the Synerise Terraform provider over the plugin protocol.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/synerise-oss/terraform-provider-synerise/internal/provider"
)

// version is set by the release build (goreleaser's ldflags).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if err := provider.Serve(version, debug, os.Getenv, os.Setenv); err != nil {
		log.Fatal(err)
	}
}
