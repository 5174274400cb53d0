package credential

import (
	"context"
	"time"
)

// Settle waits until no background refresh of a's credentials runs, so
// that a test on a fake clock sees its effect before it moves the clock.
func (a *Account) Settle() {
	for range 20_000 {
		if !a.Token.refreshing.Load() && !a.JSAPITicket.refreshing.Load() && !a.CardTicket.refreshing.Load() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	panic("a background refresh ran for 20 s")
}

// Tick does what KeepFresh does at each tick.
func (a *Account) Tick(ctx context.Context) { a.CheckStore(ctx); a.refreshDue(ctx) }
