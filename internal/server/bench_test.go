package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
	"github.com/vitrine-archive/vitrine/internal/testutil"
)

// The dev server's figures: run with
//
//	go test ./internal/server -run '^$' -bench EditToReload -bench-events 10000
var benchEvents = flag.String("bench-events", "1000", "comma-separated archive sizes for BenchmarkEditToReload")

// BenchmarkEditToReload measures what an editor waits for: from writing
// an event's file (a change to its body) to the reload event reaching
// the browser, through the watcher's quiet period, the rebuild, and the
// event stream. It reports the memory the server holds while serving:
// heap-MB, the live heap after a collection, and go-MB, what the Go
// runtime holds from the system.
func BenchmarkEditToReload(b *testing.B) {
	testutil.ForSizes(b, *benchEvents, func(b *testing.B, n int) { benchEditToReload(b, n) })
}

func benchEditToReload(b *testing.B, n int) {
	dir := b.TempDir()
	if err := corpus.New(corpus.Options{Events: n, Seed: corpus.DefaultSeed}).Vitrine(corpus.WriteDir(dir)); err != nil {
		b.Fatal(err)
	}
	// An event that is not a draft, so that it has a page.
	var (
		file string
		text []byte
		err  error
	)
	for i := n / 2; i < n; i++ {
		file = filepath.Join(dir, filepath.FromSlash(corpus.EventFile(i)))
		if text, err = os.ReadFile(file); err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(text), "\ndraft: true") {
			break
		}
	}

	srv, err := New(Options{Source: dir, Addr: "127.0.0.1:0", Theme: vitrine.Theme, Log: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(srv.URL()); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 10*time.Minute {
			b.Fatal("the first build took over 10 minutes")
		}
	}
	if srv.current.Load().errors != nil {
		b.Fatalf("the corpus has errors: %v", srv.current.Load().errors)
	}
	live := listenB(b, srv)
	if name, _ := live.nextB(b); name != "hello" {
		b.Fatalf("first event %q, want hello", name)
	}

	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		edited := fmt.Sprintf("%s\nEdit number %d.\n", text, i)
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		if name, _ := live.nextB(b); name != "reload" {
			b.Fatalf("after an edit: event %q, want reload", name)
		}
	}
	b.StopTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/1e6, "heap-MB")
	b.ReportMetric(float64(m.Sys-m.HeapReleased)/1e6, "go-MB")
}

// listenB and nextB are listen and next for a benchmark.
func listenB(b *testing.B, srv *Server) *sse {
	req, _ := http.NewRequest("GET", srv.URL()+strings.TrimPrefix(liveEndpoint, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { resp.Body.Close() })
	return readEvents(resp.Body)
}

func (s *sse) nextB(b *testing.B) (name, data string) {
	select {
	case ev, ok := <-s.events:
		if !ok {
			b.Fatal("the event stream ended")
		}
		return ev[0], ev[1]
	case <-time.After(time.Minute):
		b.Fatal("no event within a minute")
	}
	return "", ""
}
