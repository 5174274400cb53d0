package server

import (
	"sync"
	"time"
)

// Limits on the lines failed requests write: a client can send as many
// bad requests as it likes, the log takes a few of them.
const (
	// logBurst lines may be written at once; then logRate a second.
	logBurst = 20
	logRate  = 5
	// maxLoggedPath bounds the request path a line quotes.
	maxLoggedPath = 256
)

// logLimiter is a token bucket for log lines, on the Server's clock. It
// counts the lines it holds back, so that the next line it lets through
// can say how many.
type logLimiter struct {
	mu      sync.Mutex
	tokens  float64
	last    time.Time
	dropped int
}

// allow reports whether a line may be written at now, and how many were
// held back since the last one written.
func (l *logLimiter) allow(now time.Time) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last.IsZero() {
		l.tokens = logBurst
	} else if elapsed := now.Sub(l.last); elapsed > 0 {
		l.tokens = min(logBurst, l.tokens+elapsed.Seconds()*logRate)
	}
	if now.After(l.last) {
		l.last = now
	}
	if l.tokens < 1 {
		l.dropped++
		return false, 0
	}
	l.tokens--
	dropped := l.dropped
	l.dropped = 0
	return true, dropped
}

// truncate cuts s to at most n bytes, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
