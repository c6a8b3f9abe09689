// Command synerise-mock serves the mock Synerise IAM API in the foreground: for the demo, for trying a
// configuration without a Synerise account, and for testing Terraform modules in a user's own CI
// (examples/kits/terraform-test).
//
// Usage:
//
//	synerise-mock [-seed workspace.json] [-dump workspace.json] [-version]
//
// -seed starts the workspace from a JSON snapshot instead of a new workspace, and -dump writes the
// workspace as a snapshot of the same format when the mock stops on SIGINT or SIGTERM; the format is
// described in package internal/mockserver (doc.go). GET /_mock/state answers the snapshot at any time.
//
// Environment: MOCK_ADDR, the address to listen on (default 127.0.0.1:8080; port 0 picks a free
// port); MOCK_TOKEN, the bearer token to accept (default mock-token); MOCK_SEED and MOCK_DUMP, as
// -seed and -dump (a flag wins over its variable); MOCK_LATENCY, an optional delay per request as a
// Go duration (250ms); MOCK_ANSWERS, "sparse" to answer the endpoints whose success the API
// reference gives no JSON body with no body at all ("assumed", the default, answers as
// api/openapi.yaml assumes). It stops cleanly on SIGINT or SIGTERM.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

// version is set by the release build (goreleaser's ldflags); go install and go run name@version
// leave it empty and the module's version is read from the build information instead.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		log.SetFlags(0)
		log.Fatalf("synerise-mock: %v", err)
	}
}

// config is what the flags and the environment ask for.
type config struct {
	addr, token, seed, dump string
	latency                 time.Duration
	sparse, version         bool
}

func parseConfig(args []string, getenv func(string) string, out io.Writer) (config, error) {
	envOr := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	c := config{addr: envOr("MOCK_ADDR", "127.0.0.1:8080"), token: envOr("MOCK_TOKEN", mockserver.DefaultToken)}
	flags := flag.NewFlagSet("synerise-mock", flag.ContinueOnError)
	flags.SetOutput(out)
	flags.StringVar(&c.seed, "seed", getenv("MOCK_SEED"), "start from the workspace snapshot in this JSON `file` (env MOCK_SEED)")
	flags.StringVar(&c.dump, "dump", getenv("MOCK_DUMP"), "write the workspace as a snapshot to this JSON `file` on SIGINT or SIGTERM (env MOCK_DUMP)")
	flags.BoolVar(&c.version, "version", false, "print the version and exit")
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	if flags.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q: the mock takes flags only (-seed, -dump, -version)", flags.Args())
	}
	if raw := getenv("MOCK_LATENCY"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return c, fmt.Errorf("MOCK_LATENCY: %w", err)
		}
		c.latency = d
	}
	switch answers := envOr("MOCK_ANSWERS", "assumed"); answers {
	case "assumed":
	case "sparse":
		c.sparse = true
	default:
		return c, fmt.Errorf("MOCK_ANSWERS: want assumed or sparse, got %q", answers)
	}
	return c, nil
}

// run serves the mock until ctx ends, then dumps the workspace when asked to.
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	c, err := parseConfig(args, getenv, out)
	if err != nil {
		return err
	}
	if c.version {
		_, err := fmt.Fprintf(out, "synerise-mock %s\n", releaseVersion())
		return err
	}
	mock := mockserver.New(mockserver.Options{Token: c.token, Latency: c.latency, SparseAnswers: c.sparse})
	if c.seed != "" {
		if err := seed(mock, c.seed); err != nil {
			return err
		}
	}

	ln, err := new(net.ListenConfig).Listen(ctx, "tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
	// The address is printed only once the socket listens, so a script may wait for this line.
	fmt.Fprintf(out, "synerise mock API listening on http://%s (token: %s)\n", ln.Addr(), c.token)
	if c.seed != "" {
		fmt.Fprintf(out, "workspace seeded from %s\n", c.seed)
	}
	if c.sparse {
		fmt.Fprintln(out, "answering as sparsely as the API reference allows (MOCK_ANSWERS=sparse)")
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if c.dump != "" {
		if err := dump(mock, c.dump); err != nil {
			return err
		}
		fmt.Fprintf(out, "workspace dumped to %s\n", c.dump)
	}
	return nil
}

func seed(mock *mockserver.Server, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	defer f.Close()
	if err := mock.LoadState(f); err != nil {
		return fmt.Errorf("seed %s: %w", path, err)
	}
	return nil
}

// dump writes the snapshot beside path first and renames it over path, so that a reader never finds
// half a snapshot.
func dump(mock *mockserver.Server, path string) error {
	var buf bytes.Buffer
	if err := mock.WriteState(&buf); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("dump: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return nil
}

// releaseVersion is the version the release build set, else the module's version when built by go
// install or go run name@version, else "(devel)".
func releaseVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
