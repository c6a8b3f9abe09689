// Command profiledprovider is the provider as the release builds it, with the CPU, allocation and
// peak-heap profiles of its process written on exit. The benchmark builds it under the provider's own
// binary name when asked to profile (-profile), so that the release binary carries no profiling code.
//
// SYNERISE_BENCH_PROFILE_DIR names the folder; each process writes cpu-<pid>.pprof, allocs-<pid>.pprof
// and heap-<pid>.pprof (the live heap at the largest it reached), since Terraform starts the provider
// more than once per operation.
package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/synerise-oss/terraform-provider-synerise/internal/provider"
)

func main() {
	dir := os.Getenv("SYNERISE_BENCH_PROFILE_DIR")
	if dir == "" {
		log.Fatal("SYNERISE_BENCH_PROFILE_DIR must name the folder for the profiles")
	}
	name := func(kind string) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid())) }
	cpu, err := os.Create(name("cpu"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Fatal(err)
	}
	peak := watchPeakHeap()
	serveErr := provider.Serve(context.Background(), "bench", false, os.Getenv, os.Setenv)
	pprof.StopCPUProfile()
	if err := cpu.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(name("heap"), peak.stop(), 0o600); err != nil {
		log.Fatal(err)
	}
	if err := writeProfile("allocs", name("allocs")); err != nil {
		log.Fatal(err)
	}
	if serveErr != nil {
		log.Fatal(serveErr)
	}
}

func writeProfile(kind, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(kind).WriteTo(f, 0); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// peakHeap keeps the heap profile taken when the live heap was the largest it has been: a profile
// taken on exit would show what is left, not what made the peak.
type peakHeap struct {
	done    chan struct{}
	stopped chan []byte
}

// heapSampleEvery is how often the live heap is looked at; a profile is taken only when it has grown.
const heapSampleEvery = 50 * time.Millisecond

func watchPeakHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{}), stopped: make(chan []byte)}
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var largest uint64
		var profile bytes.Buffer
		take := func() {
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > largest+largest/20 || profile.Len() == 0 {
				largest = live
				profile.Reset()
				_ = pprof.Lookup("heap").WriteTo(&profile, 0)
			}
		}
		ticker := time.NewTicker(heapSampleEvery)
		defer ticker.Stop()
		for {
			select {
			case <-p.done:
				runtime.GC()
				take()
				p.stopped <- profile.Bytes()
				return
			case <-ticker.C:
				take()
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() []byte {
	close(p.done)
	return <-p.stopped
}
