package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The Terraform runner: the builds Terraform runs, the CLI configurations that point it at them, and
// one timed terraform command.

// providerBinary and frameworkFloorBinary are the names Terraform looks for in a dev_overrides folder.
const (
	providerBinary       = "terraform-provider-synerise"
	frameworkFloorBinary = "terraform-provider-floor"
)

// Terraform finds the provider and the framework floor at these addresses in the CLI configurations.
const (
	providerAddress       = "registry.terraform.io/synerise-oss/synerise"
	frameworkFloorAddress = "registry.terraform.io/bench/floor"
)

// workspace is the temporary folder of one invocation: the binaries and the CLI configurations.
type workspace struct {
	dir string
	// binary is the provider Terraform runs under cliConfig; profiledConfig runs the profiling build.
	binary         string
	cliConfig      string
	profiledConfig string
	mockBinary     string
	// frameworkFloor is the framework floor's binary, under cliConfig too; empty when it is not measured.
	frameworkFloor string
}

// prepare builds the provider (and its profiling build and the framework floor when asked) and the mock
// API into dir, with a CLI configuration that points Terraform at each build.
func prepare(ctx context.Context, root, dir string, profiled, frameworkFloor bool) (workspace, error) {
	w := workspace{dir: dir, binary: filepath.Join(dir, "bin", providerBinary), cliConfig: filepath.Join(dir, "terraformrc"),
		mockBinary: filepath.Join(dir, "synerise-mock")}
	log.Printf("building the provider and the mock API")
	if err := goBuild(ctx, root, w.binary, "."); err != nil {
		return w, err
	}
	if err := goBuild(ctx, root, w.mockBinary, "./cmd/synerise-mock"); err != nil {
		return w, err
	}
	overrides := map[string]string{providerAddress: filepath.Dir(w.binary)}
	if frameworkFloor {
		// The framework floor belongs to this module, whose go.mod holds it to the provider's versions of the SDK.
		w.frameworkFloor = filepath.Join(dir, "floor", frameworkFloorBinary)
		if err := goBuild(ctx, filepath.Join(root, "bench"), w.frameworkFloor, "./floorprovider"); err != nil {
			return w, err
		}
		overrides[frameworkFloorAddress] = filepath.Dir(w.frameworkFloor)
	}
	if err := writeCLIConfig(w.cliConfig, overrides); err != nil {
		return w, err
	}
	if !profiled {
		return w, nil
	}
	// The profiling build belongs to this module; it serves the provider of root through the replace in go.mod.
	profiledBin := filepath.Join(dir, "profiled")
	if err := goBuild(ctx, filepath.Join(root, "bench"), filepath.Join(profiledBin, providerBinary), "./profiledprovider"); err != nil {
		return w, err
	}
	w.profiledConfig = filepath.Join(dir, "terraformrc-profiled")
	return w, writeCLIConfig(w.profiledConfig, map[string]string{providerAddress: profiledBin})
}

// writeCLIConfig writes a CLI configuration that takes each provider address from its folder.
func writeCLIConfig(path string, overrides map[string]string) error {
	var rc strings.Builder
	rc.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, address := range slices.Sorted(maps.Keys(overrides)) {
		fmt.Fprintf(&rc, "    %q = %q\n", address, overrides[address])
	}
	rc.WriteString("  }\n  direct {}\n}\n")
	return os.WriteFile(path, []byte(rc.String()), 0o600)
}

func goBuild(ctx context.Context, root, out, pkg string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// terraform runs one phase in dir and returns its wall time. A plan after apply must find nothing to
// do, and the plan of a one-member change must change one resource and nothing else.
func terraform(ctx context.Context, dir string, env []string, ph phase) (time.Duration, error) {
	var args []string
	switch ph {
	case phaseApply, phaseChangeApply:
		args = []string{"apply", "-auto-approve", "-no-color"}
	case phasePlan, phaseChangePlan:
		args = []string{"plan", "-detailed-exitcode", "-no-color"}
	case phaseDestroy:
		args = []string{"destroy", "-auto-approve", "-no-color"}
	}
	cmd := exec.CommandContext(ctx, "terraform", args...)
	cmd.Dir, cmd.Env = dir, env
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var exitErr *exec.ExitError
	changes := errors.As(err, &exitErr) && exitErr.ExitCode() == 2 && (ph == phasePlan || ph == phaseChangePlan)
	switch {
	case ph == phaseChangePlan && changes && !strings.Contains(output.String(), oneChange):
		return 0, fmt.Errorf("the plan of a one-member change did not say %q:\n%s", oneChange, tail(output.String()))
	case ph == phaseChangePlan && changes:
		return took, nil
	case ph == phaseChangePlan && err == nil:
		return 0, fmt.Errorf("the plan of a one-member change found nothing to do:\n%s", tail(output.String()))
	case changes:
		return 0, fmt.Errorf("the plan after apply was not empty:\n%s", tail(output.String()))
	case err != nil:
		return 0, fmt.Errorf("terraform %s: %w\n%s", ph, err, tail(output.String()))
	}
	return took, nil
}

// oneChange is the summary of the plan of a one-member change: the one resource that holds the members
// changes in place.
const oneChange = "Plan: 0 to add, 1 to change, 0 to destroy."

// tail is the end of Terraform's output that an error quotes: enough for its diagnostics.
func tail(s string) string {
	const n = 3000
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// terraformEnv is the environment of Terraform against mock, with the provider capped at limit
// requests per second (none when 0).
func terraformEnv(w workspace, mock *mockProcess, limit int) []string {
	return append(os.Environ(), "TF_CLI_CONFIG_FILE="+w.cliConfig, "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"SYNERISE_API_URL="+mock.url, "SYNERISE_API_TOKEN=mock-token", "CHECKPOINT_DISABLE=1",
		"SYNERISE_MAX_REQUESTS_PER_SECOND="+strconv.Itoa(limit))
}

// writeConfigs writes each configuration as main.tf in its working directory.
func writeConfigs(configs map[string]string) error {
	for dir, config := range configs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
			return err
		}
	}
	return nil
}
