// Package testutil holds helpers that tests in several packages share.
// Only tests import it.
package testutil

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// SyncBuffer is a bytes.Buffer that is safe for concurrent use: a
// process or server writes its log into it while a test reads it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// ForSizes runs bench once for each archive size in sizes, a
// comma-separated list such as a -bench-events flag holds ("1000,10000"),
// as a sub-benchmark named "events=N".
func ForSizes(b *testing.B, sizes string, bench func(b *testing.B, events int)) {
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("-bench-events: %q is not a number of events", f)
		}
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) { bench(b, n) })
	}
}
