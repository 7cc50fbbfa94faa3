package site

import (
	"bytes"
	"flag"
	"io/fs"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/testutil"
)

// Benchmarks for the model: run with
//
//	go test ./internal/site -run '^$' -bench New -benchmem
//
// and add -bench-events 10000,100000 for larger archives (generating
// one of 100,000 events in memory takes some 500 MB and a minute).
var benchEvents = flag.String("bench-events", "10000", "comma-separated archive sizes for BenchmarkNew")

// BenchmarkNew loads a generated archive held in memory and builds its
// model, then gives each event without a summary key a summary as the
// build does after rendering its page (a stand-in of the same size:
// the body's first paragraph, its Markdown marks dropped). Besides the
// time, it reports what the model keeps for the whole build, per event:
// the bytes and the objects live after a collection. Above a few
// thousand events these decide how hard the collector works under the
// build's memory limit (see build.MemoryLimit), so they are the figures
// to watch, more than the time.
func BenchmarkNew(b *testing.B) {
	testutil.ForSizes(b, *benchEvents, func(b *testing.B, n int) {
		fsys, err := corpus.New(corpus.Options{Events: n, Seed: corpus.DefaultSeed}).MapFS()
		if err != nil {
			b.Fatal(err)
		}
		var liveBytes, liveObjects, events float64
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			before := liveHeap()
			b.StartTimer()
			a, err := content.Load(fsys, content.Options{})
			if err != nil {
				b.Fatal(err)
			}
			s, err := New(a, Options{})
			if err != nil {
				b.Fatal(err)
			}
			a = nil
			if err := summarize(s, fsys); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			after := liveHeap()
			events = float64(len(s.Events))
			liveBytes = float64(after.bytes) - float64(before.bytes)
			liveObjects = float64(after.objects) - float64(before.objects)
			runtime.KeepAlive(s)
			b.StartTimer()
		}
		b.ReportMetric(liveBytes/events, "live-B/event")
		b.ReportMetric(liveObjects/events, "live-objects/event")
	})
}

// heapFigures are the bytes and objects in the heap.
type heapFigures struct{ bytes, objects uint64 }

// liveHeap collects garbage and returns what is left.
func liveHeap() heapFigures {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return heapFigures{m.HeapAlloc, m.HeapObjects}
}

// summarize sets the summary of every event without a summary key to
// its body's first paragraph as plain text: what rendering its page
// gives the build, near enough in size.
func summarize(s *Site, fsys fs.FS) error {
	var buf bytes.Buffer
	for _, e := range s.Events {
		if e.Summary != "" {
			continue
		}
		body, err := e.ReadBody(fsys, &buf)
		if err != nil {
			return err
		}
		e.Summary = firstParagraph(body)
	}
	return nil
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// firstParagraph returns the first block of text lines in body, with
// its links' addresses and its emphasis marks dropped.
func firstParagraph(body []byte) string {
	body = bytes.TrimLeft(body, "\n")
	para, _, _ := bytes.Cut(body, []byte("\n\n"))
	para = mdLink.ReplaceAll(para, []byte("$1"))
	para = bytes.ReplaceAll(para, []byte("*"), nil)
	return strings.Join(strings.Fields(string(para)), " ")
}
