package iam

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// pacer spaces the attempts of one client's requests so that no more than its rate leave in any
// second; a nil pacer lets every attempt go at once. Its burst is one: an idle client saves up no
// more than one request.
type pacer struct {
	limiter *rate.Limiter
}

func newPacer(perSecond int) *pacer {
	if perSecond <= 0 {
		return nil
	}
	return &pacer{limiter: rate.NewLimiter(rate.Limit(perSecond), 1)}
}

// awaitTurn blocks until an attempt may be sent, or until ctx ends; then the attempt fails at once on
// ctx without reaching the network. Unlike rate.Limiter.Wait it does not return early when the turn
// lies beyond ctx's deadline, since the retrying client it serves cannot be told to skip an attempt.
func (p *pacer) awaitTurn(ctx context.Context) {
	if p == nil {
		return
	}
	turn := p.limiter.Reserve()
	delay := turn.Delay()
	if delay <= 0 {
		return
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
		// Give the unused turn back, so that those queued behind it need not wait for it.
		turn.Cancel()
	}
}
