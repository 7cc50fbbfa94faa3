package content

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
)

// Benchmarks for loading: run with
//
//	go test ./internal/content -run '^$' -bench . -benchmem
//
// The archives come from internal/bench/corpus, the generator behind
// make bench.

const benchEvents = 1000

func benchCorpus(b *testing.B, events int) fstest.MapFS {
	b.Helper()
	fsys, err := corpus.New(corpus.Options{Events: events, Seed: corpus.DefaultSeed}).MapFS()
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// BenchmarkLoad loads a 1,000-event archive held in memory: splitting
// front matter, parsing YAML and decoding every key, on all cores.
func BenchmarkLoad(b *testing.B) {
	fsys := benchCorpus(b, benchEvents)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchEvents)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkLoadDir is BenchmarkLoad from files on disk (in the page
// cache after the first round), as a build reads them.
func BenchmarkLoadDir(b *testing.B) {
	dir := b.TempDir()
	c := corpus.New(corpus.Options{Events: benchEvents, Seed: corpus.DefaultSeed})
	if err := c.Vitrine(corpus.WriteDir(dir)); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchEvents)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkParseEvent parses one event file on one core, in its two
// steps: split (find the front matter, parse its YAML) and decode
// (check and convert each key).
func BenchmarkParseEvent(b *testing.B) {
	fsys := benchCorpus(b, benchEvents)
	name := filepath.ToSlash(corpus.EventFile(42))
	data := fsys[name].Data
	b.Run("split", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := split(name, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		doc, perr := split(name, data)
		if perr != nil {
			b.Fatal(perr)
		}
		b.ReportAllocs()
		var k keeper
		for b.Loop() {
			d := &decoder{path: name, keep: &k}
			decodeEvent(d, doc, "event-00042")
			if len(d.errs) > 0 {
				b.Fatal(d.errs)
			}
		}
	})
}
