package render

import (
	"bytes"
	"io"
	"testing"

	"github.com/vitrine-archive/vitrine/internal/bench/corpus"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// Benchmarks for rendering single pages of a generated 1,000-event
// archive: run with
//
//	go test ./internal/render -run '^$' -bench . -benchmem
//
// They use only the package's exported API, as the build does.

// benchSite loads a generated archive and renders every event once, as
// a build does before the lists (event bodies supply summaries).
func benchSite(b testing.TB, events, pageSize int) (*site.Site, *Renderer) {
	b.Helper()
	fsys, err := corpus.New(corpus.Options{Events: events, Seed: corpus.DefaultSeed, PageSize: pageSize}).MapFS()
	if err != nil {
		b.Fatal(err)
	}
	s, r := siteAndRenderer(b, fsys)
	for p := range s.Pages() {
		if p.Kind != site.KindEvent {
			continue
		}
		res, err := r.Render(io.Discard, p)
		if err != nil {
			b.Fatal(err)
		}
		if p.Event.Summary == "" {
			p.Event.Summary = res.Summary
		}
	}
	return s, r
}

// findPage returns the first page of a kind for which ok is true.
func findPage(b *testing.B, s *site.Site, kind string, ok func(*site.Page) bool) *site.Page {
	b.Helper()
	for p := range s.Pages() {
		if p.Kind == kind && (ok == nil || ok(p)) {
			return p
		}
	}
	b.Fatalf("no %s page", kind)
	return nil
}

// benchRender renders p repeatedly and reports the output size.
func benchRender(b *testing.B, r *Renderer, p *site.Page) {
	b.Helper()
	var buf bytes.Buffer
	if _, err := r.Render(&buf, p); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportMetric(float64(buf.Len()), "page-bytes")
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := r.Render(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderEvent renders one event page: reading its body back,
// Markdown with link checks, then the template. "template" leaves the
// body out, so the difference between the two is the Markdown's share.
func BenchmarkRenderEvent(b *testing.B) {
	s, r := benchSite(b, 1000, 0)
	p := findPage(b, s, site.KindEvent, func(p *site.Page) bool { return p.Event.Slug == "event-00042" })
	b.Run("page", func(b *testing.B) { benchRender(b, r, p) })
	b.Run("template", func(b *testing.B) {
		q := *p
		q.Source = nil
		benchRender(b, r, &q)
	})
}

// BenchmarkRenderList renders list pages: the first page of the biggest
// tag at the default 20 events a page; the timeline's first page at the
// largest page size a site may set (1,000), where the per-event cost of
// cards dominates; the 404 page, which is little but the layout every
// page shares; and the home page.
func BenchmarkRenderList(b *testing.B) {
	b.Run("tag-20", func(b *testing.B) {
		s, r := benchSite(b, 1000, 0)
		biggest := s.Tags[0]
		for _, t := range s.Tags {
			if t.Count > biggest.Count {
				biggest = t
			}
		}
		benchRender(b, r, findPage(b, s, site.KindTag, func(p *site.Page) bool { return p.Tag == biggest }))
	})
	b.Run("timeline-1000", func(b *testing.B) {
		s, r := benchSite(b, 1000, 1000)
		benchRender(b, r, findPage(b, s, site.KindTimeline, nil))
	})
	b.Run("404", func(b *testing.B) { // the layout (head, navigation, footer) and little else
		s, r := benchSite(b, 1000, 0)
		benchRender(b, r, findPage(b, s, site.KindNotFound, nil))
	})
	b.Run("home", func(b *testing.B) {
		s, r := benchSite(b, 1000, 0)
		benchRender(b, r, findPage(b, s, site.KindHome, nil))
	})
}

// BenchmarkMinifyPage minifies a rendered event page, the work a build
// that minified every page after rendering would do (vitrine minifies
// its templates once instead).
func BenchmarkMinifyPage(b *testing.B) {
	s, r := benchSite(b, 1000, 0)
	var page bytes.Buffer
	if _, err := r.Render(&page, findPage(b, s, site.KindEvent, nil)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(page.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := r.HTML(io.Discard, page.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
