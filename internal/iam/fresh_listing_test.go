package iam

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestFreshListing holds freshListing to its promise: every caller gets a listing begun after it asked,
// and the callers that arrive while one listing runs share the next one.
func TestFreshListing(t *testing.T) {
	t.Parallel()
	var f freshListing[int]
	var mu sync.Mutex
	started := 0
	release := make(chan struct{})
	list := func(context.Context) ([]int, error) {
		mu.Lock()
		started++
		n := started
		mu.Unlock()
		<-release
		return []int{n}, nil
	}
	ctx := context.Background()
	first := make(chan []int)
	go func() {
		items, _ := f.get(ctx, list)
		first <- items
	}()
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return started == 1 })

	// These arrive while listing 1 runs: it may have been answered before they asked.
	const late = 5
	results := make(chan []int, late)
	var asking sync.WaitGroup
	asking.Add(late)
	for range late {
		go func() {
			asking.Done()
			items, err := f.get(ctx, list)
			if err != nil {
				t.Errorf("get: %v", err)
			}
			results <- items
		}()
	}
	asking.Wait()
	waitFor(t, func() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.next != nil })
	time.Sleep(50 * time.Millisecond) // the other late callers join the same next listing
	close(release)
	if got := <-first; len(got) != 1 || got[0] != 1 {
		t.Errorf("first caller got listing %v, want [1]", got)
	}
	for range late {
		if got := <-results; len(got) != 1 || got[0] != 2 {
			t.Errorf("a caller that arrived during listing 1 got listing %v, want [2]", got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if started != 2 {
		t.Errorf("%d listings for %d callers, want 2", started, late+1)
	}
}

func TestFreshListing_callerGivesUp(t *testing.T) {
	t.Parallel()
	var f freshListing[int]
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.get(ctx, func(context.Context) ([]int, error) { <-release; return nil, nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func waitFor(t *testing.T, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatal("gave up waiting")
		}
		time.Sleep(time.Millisecond)
	}
}
