// Command profiledprovider is the provider as the release builds it, with the CPU, allocation and
// peak-heap profiles of its process written on exit. The benchmark builds it under the provider's own
// binary name when asked to profile (-profile), so that the release binary carries no profiling code.
//
// SYNERISE_BENCH_PROFILE_DIR names the folder; each process writes cpu-<pid>.pprof, allocs-<pid>.pprof,
// heap-<pid>.pprof (the live heap at the largest it reached), goroutine-<pid>.pprof (the goroutines
// at that moment) and idleheap-<pid>.pprof (the live heap after a forced collection the last time the
// process fell idle after serving), since Terraform starts the provider more than once per operation.
// The last two tell a heap that is large because many requests are in flight from one that is large
// because requests that ended are still reachable.
package main

import (
	"bytes"
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
	serveErr := provider.Serve("bench", false, os.Getenv, os.Setenv)
	pprof.StopCPUProfile()
	if err := cpu.Close(); err != nil {
		log.Fatal(err)
	}
	profiles := peak.stop()
	for kind, profile := range map[string][]byte{"heap": profiles.peakHeap, "goroutine": profiles.peakGoroutines, "idleheap": profiles.idleHeap} {
		if err := os.WriteFile(name(kind), profile, 0o600); err != nil {
			log.Fatal(err)
		}
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

// peakHeap keeps the heap profile taken when the live heap was the largest it has been, with the
// goroutines of that moment: a profile taken on exit would show what is left, not what made the peak.
// It also keeps the heap as a forced collection leaves it the last time the process fell idle.
type peakHeap struct {
	done    chan struct{}
	stopped chan heapProfiles
}

type heapProfiles struct {
	peakHeap, peakGoroutines, idleHeap []byte
}

const (
	// heapSampleEvery is how often the live heap is looked at; a profile is taken only when it has grown.
	heapSampleEvery = 50 * time.Millisecond
	// idleAllocations is how little the process may allocate in one sample period and still count as
	// idle; busyAllocations is how much it must have allocated since the last idle profile to be worth
	// profiling idle again.
	idleAllocations = 256 << 10
	busyAllocations = 8 << 20
)

func watchPeakHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{}), stopped: make(chan heapProfiles)}
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
		var largest, lastAllocs, idleAllocs uint64
		var peak, goroutines, idle bytes.Buffer
		take := func() {
			metrics.Read(sample)
			live, allocs := sample[0].Value.Uint64(), sample[1].Value.Uint64()
			if live > largest+largest/20 || peak.Len() == 0 {
				largest = live
				peak.Reset()
				_ = pprof.Lookup("heap").WriteTo(&peak, 0)
				goroutines.Reset()
				_ = pprof.Lookup("goroutine").WriteTo(&goroutines, 0)
			}
			if allocs-lastAllocs < idleAllocations && allocs-idleAllocs > busyAllocations {
				runtime.GC()
				idle.Reset()
				_ = pprof.Lookup("heap").WriteTo(&idle, 0)
				metrics.Read(sample)
				idleAllocs = sample[1].Value.Uint64()
			}
			lastAllocs = sample[1].Value.Uint64()
		}
		ticker := time.NewTicker(heapSampleEvery)
		defer ticker.Stop()
		for {
			select {
			case <-p.done:
				runtime.GC()
				take()
				if idle.Len() == 0 {
					_ = pprof.Lookup("heap").WriteTo(&idle, 0)
				}
				p.stopped <- heapProfiles{peakHeap: peak.Bytes(), peakGoroutines: goroutines.Bytes(), idleHeap: idle.Bytes()}
				return
			case <-ticker.C:
				take()
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() heapProfiles {
	close(p.done)
	return <-p.stopped
}
