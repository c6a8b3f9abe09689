// Command synerise-mock serves the mock Synerise IAM API in the foreground, for the demo and for
// trying a configuration without a Synerise account.
//
// Environment: MOCK_ADDR, the address to listen on (default 127.0.0.1:8080; port 0 picks a free
// port); MOCK_TOKEN, the bearer token to accept (default mock-token); MOCK_LATENCY, an optional
// delay per request as a Go duration (250ms); MOCK_ANSWERS, "sparse" to answer the endpoints whose
// success the API reference gives no JSON body with no body at all ("assumed", the default, answers
// as api/openapi.yaml assumes). It stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/mockserver"
)

func main() {
	if err := run(); err != nil {
		log.SetFlags(0)
		log.Fatalf("synerise-mock: %v", err)
	}
}

func run() error {
	addr := envOr("MOCK_ADDR", "127.0.0.1:8080")
	token := envOr("MOCK_TOKEN", mockserver.DefaultToken)
	var latency time.Duration
	if raw := os.Getenv("MOCK_LATENCY"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("MOCK_LATENCY: %w", err)
		}
		latency = d
	}
	var sparse bool
	switch answers := envOr("MOCK_ANSWERS", "assumed"); answers {
	case "assumed":
	case "sparse":
		sparse = true
	default:
		return fmt.Errorf("MOCK_ANSWERS: want assumed or sparse, got %q", answers)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           mockserver.New(mockserver.Options{Token: token, Latency: latency, SparseAnswers: sparse}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	// The address is printed only once the socket listens, so a script may wait for this line.
	fmt.Printf("synerise mock API listening on http://%s (token: %s)\n", ln.Addr(), token)
	if sparse {
		fmt.Println("answering as sparsely as the API reference allows (MOCK_ANSWERS=sparse)")
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
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
