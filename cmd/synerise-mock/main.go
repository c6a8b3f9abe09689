// Command synerise-mock serves the mock Synerise IAM API in the foreground, for the demo and for
// trying a configuration without a Synerise account.
//
// Environment: MOCK_ADDR, the address to listen on (default 127.0.0.1:8080; port 0 picks a free
// port); MOCK_TOKEN, the bearer token to accept (default mock-token); MOCK_LATENCY, an optional
// delay per request as a Go duration (250ms). It stops cleanly on SIGINT or SIGTERM.
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

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           mockserver.New(mockserver.Options{Token: token, Latency: latency}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	// The address is printed only once the socket listens, so a script may wait for this line.
	fmt.Printf("synerise mock API listening on http://%s (token: %s)\n", ln.Addr(), token)

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
