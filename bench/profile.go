package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

// profileKinds are the profiles the profiling build writes, each with the sample pprof's summary
// ranks by: CPU time, bytes allocated over the plan, bytes live at the heap's peak, the goroutines of
// that moment, and bytes live when the process was idle after serving.
var profileKinds = []struct{ kind, sampleIndex string }{
	{"cpu", "cpu"},
	{"allocs", "alloc_space"},
	{"heap", "inuse_space"},
	{"goroutine", "goroutine"},
	{"idleheap", "inuse_space"},
}

// profilePlan runs one more no-op plan in dir with the profiling build of the provider, merges the
// profiles of every provider process Terraform started into <kind>.pprof in out, and writes pprof's
// top summary of each beside it as <kind>-top.txt.
func profilePlan(ctx context.Context, w workspace, env []string, dir, out string) error {
	raw, err := os.MkdirTemp(w.dir, "profiles-")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	env = append(slices.Clone(env), "TF_CLI_CONFIG_FILE="+w.profiledConfig, "SYNERISE_BENCH_PROFILE_DIR="+raw)
	if _, err := terraform(ctx, dir, env, phasePlan); err != nil {
		return fmt.Errorf("profiled plan: %w", err)
	}
	for _, p := range profileKinds {
		parts, err := filepath.Glob(filepath.Join(raw, p.kind+"-*.pprof"))
		if err != nil || len(parts) == 0 {
			return fmt.Errorf("the profiled plan left no %s profile in %s", p.kind, raw)
		}
		merged := filepath.Join(out, p.kind+".pprof")
		if err := pprof(ctx, merged, append([]string{"-proto"}, parts...)...); err != nil {
			return err
		}
		top := filepath.Join(out, p.kind+"-top.txt")
		// The profiling build's own heap snapshots are left out of the summaries.
		if err := pprof(ctx, top, "-top", "-nodecount=40", "-sample_index="+p.sampleIndex, "-ignore=runtime/pprof|watchPeakHeap", merged); err != nil {
			return err
		}
	}
	log.Printf("  profiles of the no-op plan written to %s", out)
	return nil
}

// pprof runs go tool pprof with args and writes what it prints to path.
func pprof(ctx context.Context, path string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"tool", "pprof"}, args...)...)
	output, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go tool pprof %v: %w", args, err)
	}
	return os.WriteFile(path, output, 0o644)
}
