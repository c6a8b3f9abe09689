package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssSampler follows the peak resident set (VmHWM) of every process of one executable while a phase
// runs. It goes by the executable's whole path, so that other providers of the name on the machine
// (another checkout's tests or demo) are not counted.
type rssSampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak int64
}

func startRSSSampler(executable string) *rssSampler {
	s := &rssSampler{done: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ticker := time.NewTicker(20 * time.Millisecond)
		defer ticker.Stop()
		for {
			if hwm := peakRSSOf(executable); hwm > 0 {
				s.mu.Lock()
				s.peak = max(s.peak, hwm)
				s.mu.Unlock()
			}
			select {
			case <-s.done:
				return
			case <-ticker.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() int64 {
	close(s.done)
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// peakRSSOf returns the largest VmHWM of the running processes of an executable.
func peakRSSOf(executable string) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var peak int64
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != executable {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if fields := strings.Fields(line); len(fields) == 3 && fields[0] == "VmHWM:" {
				kb, _ := strconv.ParseInt(fields[1], 10, 64)
				peak = max(peak, kb*1024)
			}
		}
	}
	return peak
}
