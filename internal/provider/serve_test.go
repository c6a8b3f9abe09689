package provider

import (
	"context"
	"maps"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestSilenceDiscardedLogs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{
			name: "nobody asked for logs",
			env:  map[string]string{},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER": "OFF"},
		},
		{
			name: "an explicit subsystem level wins",
			env:  map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "TRACE", "TF_LOG_PROVIDER": "OFF"},
		},
		{
			name: "Terraform keeps logs",
			env:  map[string]string{"TF_LOG": "DEBUG"},
			want: map[string]string{"TF_LOG": "DEBUG"},
		},
		{
			name: "Terraform keeps the provider's logs",
			env:  map[string]string{"TF_LOG_PROVIDER": "INFO"},
			want: map[string]string{"TF_LOG_PROVIDER": "INFO"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := maps.Clone(tt.env)
			silenceDiscardedLogs(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if !maps.Equal(env, tt.want) {
				t.Errorf("environment = %v, want %v", env, tt.want)
			}
		})
	}
}

func TestPluginGC(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		env   map[string]string
		tuned bool
	}{
		{name: "nothing set", env: map[string]string{}, tuned: true},
		{name: "GOGC set", env: map[string]string{"GOGC": "100"}, tuned: false},
		{name: "GOGC off", env: map[string]string{"GOGC": "off"}, tuned: false},
		{name: "GOMEMLIMIT set", env: map[string]string{"GOMEMLIMIT": "1GiB"}, tuned: false},
		{name: "unrelated variables", env: map[string]string{"TF_LOG": "DEBUG", "GODEBUG": "gctrace=1"}, tuned: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			settings, tuned := pluginGC(func(k string) string { return tt.env[k] })
			if tuned != tt.tuned {
				t.Fatalf("tuned = %v, want %v", tuned, tt.tuned)
			}
			if !tuned {
				if settings != (gcSettings{}) {
					t.Errorf("settings = %+v with the user's own, want none", settings)
				}
				return
			}
			if settings.percent != 100 {
				t.Errorf("GOGC = %d, want the runtime's default of 100: a small live heap may double", settings.percent)
			}
			// Above the live heap of a plan of 5,000 members, lest the collector run without pause, and
			// under the 150 MiB that such a plan may take.
			if settings.memoryLimit < 120<<20 || settings.memoryLimit > 140<<20 {
				t.Errorf("memory limit = %d MiB, want between 120 and 140 MiB", settings.memoryLimit>>20)
			}
		})
	}
}

// requestValue stands for what terraform-plugin-go puts in an RPC's context: its loggers, some 13 KB.
type requestValue [64]byte

type requestValueKey struct{}

// TestProtocolServerLetsGoOfEndedRequests checks that the provider's server keeps nothing of an RPC's
// context once the RPC has ended. The framework keeps a cancel function of every RPC's context until
// Terraform stops the provider, so a plan of 1,000 resources kept the loggers of its 4,000 RPCs alive.
func TestProtocolServerLetsGoOfEndedRequests(t *testing.T) {
	t.Parallel()
	server, err := protocolServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	// Without the server alive to the end, its own collection would let go of every request.
	defer runtime.KeepAlive(server)

	const rpcs = 100
	values := make([]weak.Pointer[requestValue], rpcs)
	for i := range rpcs {
		value := &requestValue{}
		values[i] = weak.Make(value)
		ctx, endRPC := context.WithCancel(context.WithValue(context.Background(), requestValueKey{}, value))
		if _, err := server.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{}); err != nil {
			t.Fatalf("GetMetadata: %v", err)
		}
		// gRPC cancels an RPC's context when the RPC has ended.
		endRPC()
	}

	// The server may let go of a request's context a moment after the context is cancelled.
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		reachable := 0
		for _, v := range values {
			if v.Value() != nil {
				reachable++
			}
		}
		if reachable == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d contexts of ended RPCs are still reachable from the provider's server", reachable, rpcs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestEndedRequestContext(t *testing.T) {
	t.Parallel()
	deadline := time.Now().Add(time.Hour)
	value := &requestValue{}
	request, endRPC := context.WithDeadline(context.WithValue(context.Background(), requestValueKey{}, value), deadline)
	ctx := lettingGoWhenDone(request)
	// The framework derives a context of its own from the one it is handed, and keeps its cancel function.
	derived, cancelDerived := context.WithCancel(ctx)
	defer cancelDerived()

	if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
		t.Errorf("Deadline() = %v, %v during the RPC, want %v, true", got, ok, deadline)
	}
	if got := derived.Value(requestValueKey{}); got != value {
		t.Errorf("a derived context's value = %v during the RPC, want the RPC's %v", got, value)
	}
	if err := derived.Err(); err != nil {
		t.Errorf("a derived context's Err() = %v during the RPC, want nil", err)
	}

	endRPC()
	select {
	case <-derived.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a derived context was not cancelled with the RPC's")
	}
	if err := ctx.Err(); err != context.Canceled {
		t.Errorf("Err() = %v once the RPC ended, want %v", err, context.Canceled)
	}
	waitForLettingGo(t, derived)
	if err := ctx.Err(); err != context.Canceled {
		t.Errorf("Err() = %v after letting go of the RPC's context, want %v", err, context.Canceled)
	}
	if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
		t.Errorf("Deadline() = %v, %v after the RPC, want %v, true", got, ok, deadline)
	}
}

func TestEndedRequestContextPastItsDeadline(t *testing.T) {
	t.Parallel()
	request, cancel := context.WithTimeout(context.WithValue(context.Background(), requestValueKey{}, &requestValue{}), time.Millisecond)
	defer cancel()
	ctx := lettingGoWhenDone(request)
	<-ctx.Done()
	if err := ctx.Err(); err != context.DeadlineExceeded {
		t.Errorf("Err() = %v past the RPC's deadline, want %v", err, context.DeadlineExceeded)
	}
	waitForLettingGo(t, ctx)
	if err := ctx.Err(); err != context.DeadlineExceeded {
		t.Errorf("Err() = %v after letting go of the RPC's context, want %v", err, context.DeadlineExceeded)
	}
}

// waitForLettingGo waits until ctx, whose RPC has ended, no longer answers with the RPC's values.
func waitForLettingGo(t *testing.T, ctx context.Context) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ctx.Value(requestValueKey{}) != nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the context still answers with the RPC's values long after the RPC ended")
		}
	}
}
