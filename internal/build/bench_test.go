package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
	"github.com/vitrine-archive/vitrine/internal/testutil"
)

// Benchmarks for whole builds of generated archives: run with
//
//	go test ./internal/build -run '^$' -bench Build -benchmem
//
// and add, say, -bench-events 10000 -bench-dir /dev/shm/vitrine-archives
// -cpuprofile cpu.out to profile a larger archive. make bench times the vitrine command itself, beside
// Hugo, with peak memory.
var (
	benchEvents = flag.String("bench-events", "1000", "comma-separated archive sizes for BenchmarkBuild")
	benchDir    = flag.String("bench-dir", "", "keep generated archives in `folder`/events-N and reuse them (default: a new temporary folder each run); profiles then leave out generating them")
)

// benchArchive returns the folder of a generated archive of n events.
func benchArchive(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "site")
	if *benchDir != "" {
		dir = filepath.Join(*benchDir, fmt.Sprintf("events-%d", n))
		if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
			return dir
		}
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
	}
	c := corpus.New(corpus.Options{Events: n, Seed: corpus.DefaultSeed})
	if err := c.Vitrine(corpus.WriteDir(dir)); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild builds a generated archive from files (in the page
// cache after the first round) into an Output that counts and drops
// what it is given, so the figure is the build's own work.
func BenchmarkBuild(b *testing.B) {
	testutil.ForSizes(b, *benchEvents, func(b *testing.B, n int) {
		opts := Options{Source: benchArchive(b, n), Theme: vitrine.Theme}
		out := &benchOutput{}
		peak := watchMemory()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Run(context.Background(), opts, out); err != nil {
				b.Fatal(err)
			}
		}
		files := float64(out.files.Load()) / float64(b.N)
		b.ReportMetric(files/(b.Elapsed().Seconds()/float64(b.N)), "files/s")
		b.ReportMetric(float64(out.bytes.Load())/float64(b.N)/1e6, "MB-written/op")
		b.ReportMetric(float64(out.largest.Load())/1e3, "largest-file-kB")
		b.ReportMetric(float64(peak())/1e6, "peak-go-MB")
	})
}

// benchOutput counts the files and bytes a build writes, and notes the
// largest file.
type benchOutput struct {
	files, bytes, largest atomic.Int64
}

func (o *benchOutput) WriteFile(name string, data []byte) error {
	o.files.Add(1)
	o.bytes.Add(int64(len(data)))
	for n := int64(len(data)); ; {
		l := o.largest.Load()
		if n <= l || o.largest.CompareAndSwap(l, n) {
			return nil
		}
	}
}

// watchMemory samples the memory the Go runtime holds from the system
// (what it has mapped less what it has returned: close to the process's
// resident size) every few milliseconds until the returned function is
// called, which stops the sampling and returns the peak.
func watchMemory() (stop func() uint64) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	var (
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		metrics.Read(samples)
		if v := samples[0].Value.Uint64() - samples[1].Value.Uint64(); v > peak {
			peak = v
		}
	}
	runtime.GC()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
