// Package build runs the whole pipeline: it loads a site's content,
// models it, renders every page and static file, and publishes the
// result. Data flows one way: files → content → site → render → output.
//
// A build reports every problem it finds (a content.ErrorList, each
// "path:line: message") and publishes nothing unless there are none: it
// writes into a staging folder beside the destination and swaps it into
// place only when the whole build succeeded, so the published folder is
// never half-written and never lost.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/render"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// StaticDir is the folder of files copied as they are, in a theme and in a site.
const StaticDir = "static"

// Options say what to build and where.
type Options struct {
	Source  string // the site's folder: content/, and optionally templates/ and static/
	Dest    string // the folder to publish into
	BaseURL string // overrides base_url from content/site.yaml
	Drafts  bool   // include drafts
	Theme   fs.FS  // the default theme (templates/ and static/); may be nil

	// CacheDir is where Build keeps a record of its last build into
	// Dest, so that it can skip a build that would publish what is
	// already published (see record.go); "" keeps none. Force builds
	// even then.
	CacheDir string
	Force    bool

	// Loading and Loaded, when not nil, are called as a full build
	// starts to load the content, and once it has loaded and modelled
	// it, before the first page is rendered; neither is called when the
	// build is skipped (Report.Unchanged). The command changes the
	// garbage collector's pace between the two: see GCPercent.
	Loading, Loaded func()
}

// Report says what a build wrote.
type Report struct {
	Pages    map[string]int // pages written, by kind
	Static   int            // static files copied
	XML      int            // the sitemap and feed, when the base URL is absolute
	Duration time.Duration

	// Unchanged says that nothing changed since the build the report
	// describes, so nothing was built: the published folder is its output.
	Unchanged bool `json:"-"`
}

// TotalPages returns the number of pages of every kind.
func (r *Report) TotalPages() int {
	total := 0
	for _, n := range r.Pages {
		total += n
	}
	return total
}

// String is the one line the command prints after a build.
func (r *Report) String() string {
	total := r.TotalPages()
	var parts []string
	for _, k := range site.Kinds {
		if n := r.Pages[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	xml := ""
	if r.XML > 0 {
		xml = fmt.Sprintf(", %d XML files (sitemap, feed)", r.XML)
	}
	if r.Unchanged {
		return fmt.Sprintf("nothing changed since the last build: its %d pages and %d static files stay as they are (-force builds anyway)", total, r.Static)
	}
	return fmt.Sprintf("wrote %d pages (%s)%s and %d static files in %s",
		total, strings.Join(parts, ", "), xml, r.Static, r.Duration.Round(time.Millisecond))
}

// Build builds the site described by opts and publishes it to opts.Dest,
// unless opts.CacheDir's record shows that the build would publish what
// is already there (then the report says Unchanged).
func Build(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	if err := checkFolders(opts.Source, opts.Dest); err != nil {
		return nil, err
	}
	var recFile string
	var inputs chan string // the inputs' digest, or "" when they cannot be trusted
	if opts.CacheDir != "" && haveStamps {
		var err error
		if recFile, err = recordFile(opts.CacheDir, opts.Dest); err != nil {
			return nil, err
		}
		inputs = make(chan string, 1)
		// With nothing published there is nothing the record could
		// spare building: the inputs' digest is taken meanwhile, as below.
		_, statErr := os.Stat(opts.Dest)
		if prev := readRecord(recFile); prev != nil && !opts.Force && statErr == nil {
			in, _ := inputDigest(opts, start)
			if in != "" && in == prev.Inputs {
				if o, err := outputDigest(opts.Dest); err == nil && o == prev.Output {
					prev.Report.Unchanged = true
					prev.Report.Duration = time.Since(start)
					return prev.Report, nil
				}
			}
			inputs <- in
		} else {
			// Identities can be taken while the build runs: a file
			// changed since it started is too recent to be trusted anyway.
			go func() {
				in, _ := inputDigest(opts, start)
				inputs <- in
			}()
		}
	}
	out, err := newDirOutput(opts.Dest)
	if err != nil {
		return nil, err
	}
	if inputs != nil {
		out.record()
	}
	rep, err := Run(ctx, opts, out)
	if err != nil {
		out.discard()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		out.discard()
		return nil, err
	}
	if err := out.publish(); err != nil {
		out.discard()
		return nil, fmt.Errorf("publishing %s: %w", opts.Dest, err)
	}
	if inputs != nil {
		// Without a record the next build runs in full: no harm done.
		if in := <-inputs; in != "" {
			_ = writeRecord(recFile, &record{Version: recordVersion, Inputs: in, Output: out.written.sum(), Report: rep})
		}
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// checkFolders refuses a destination that is the source, holds it, or
// lies inside one of the folders the build reads.
func checkFolders(source, dest string) error {
	if dest == "" {
		return errors.New("no destination folder")
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if within(src, dst) {
		return fmt.Errorf("destination %s is the source folder or contains it: choose a folder of its own, like public", dest)
	}
	for _, d := range []string{content.Dir, render.TemplatesDir, StaticDir} {
		if within(dst, filepath.Join(src, d)) {
			return fmt.Errorf("destination %s is inside the source's %s/ folder: choose a folder of its own, like public", dest, d)
		}
	}
	return nil
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Check runs every check of a build, rendering every page, but writes
// nothing: it is "vitrine check".
func Check(ctx context.Context, opts Options) (*Report, error) {
	return Run(ctx, opts, Discard)
}

// Discard is an Output that drops what it is given.
var Discard Output = discard{}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// Run builds the site into out without publishing: the dev server and
// tests use it with outputs of their own.
func Run(ctx context.Context, opts Options, out Output) (*Report, error) {
	start := time.Now()
	// os.Root confines every read to the source folder: a symbolic link
	// in content/, templates/ or static/ that leads outside it is refused.
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	defer root.Close()
	src, release := sourceFS(root)
	defer release()
	p, err := fullBuild(ctx, src, opts, out, false)
	if err != nil {
		return nil, err
	}
	p.report.Duration = time.Since(start)
	return p.report, nil
}

// A pipeline is one full build: the model, the renderer, and what
// rendering learned.
type pipeline struct {
	docs    map[string]any // by path, when asked for (docsByPath)
	site    *site.Site
	r       *render.Renderer
	static  map[string]staticFile
	results map[string]render.Result // by page URL
	report  *Report
}

// fullBuild builds the whole site from src into out.
//
// Run and the dev server's Builder both use it; the Builder keeps the
// model and results for its quick rebuilds, and asks for the loaded
// documents (withDocs). Run does not: the model keeps what it needs of
// them, and the rest can be freed early.
func fullBuild(ctx context.Context, src fs.FS, opts Options, out Output, withDocs bool) (*pipeline, error) {
	var errs content.ErrorList
	if opts.Loading != nil {
		opts.Loading()
	}
	arch, err := content.Load(src, content.Options{Drafts: opts.Drafts})
	if err != nil {
		errs = append(errs, content.ListOf(err)...)
	}
	static, err := staticFiles(src, opts.Theme)
	if err != nil {
		errs = append(errs, content.ListOf(err)...)
	}
	// Static files are copied while the model is built, mostly on the
	// core that building it leaves idle: nothing in them depends on it.
	// (When the build fails, what was copied is discarded with the rest.)
	copied := make(chan staticCopy, 1)
	minify := arch.Config.Minify
	go func() { copied <- copyAllStatic(static, minify, out) }()
	s, err := site.New(arch, site.Options{BaseURL: opts.BaseURL})
	if err != nil {
		errs = append(errs, content.ListOf(err)...)
	}
	for rel, f := range static {
		if s.HasPage(rel) || s.HasPage(strings.TrimSuffix(rel, "index.html")) {
			errs = append(errs, content.Errorf(f.path, 0, "static file would overwrite the generated page /%s", rel))
		}
	}
	for _, e := range s.Events {
		if local := content.LocalImage(e.Image); local != "" {
			if _, ok := static[local]; !ok {
				errs = append(errs, content.Errorf(e.Path, e.ImageLine(), "image %q: no such file in %s/", e.Image, StaticDir))
			}
		}
	}
	if opts.Loaded != nil {
		opts.Loaded()
	}
	r, err := render.New(s, src, opts.Theme, func(rel string) bool { _, ok := static[rel]; return ok })
	if err != nil {
		// Without templates nothing can be rendered; report what we have.
		errs = append(errs, content.ListOf(err)...)
		errs = append(errs, (<-copied).errs...)
		return nil, errs.Err()
	}
	p := &pipeline{site: s, r: r, static: static, report: &Report{Pages: map[string]int{}}}
	if withDocs {
		p.docs = docsByPath(arch)
	}

	if len(s.Events) > 0 {
		p.report.Pages[site.KindEvent] = len(s.Events)
	}
	for _, pg := range s.OtherPages() {
		p.report.Pages[pg.Kind]++
	}
	// Events first: their bodies give the summaries that lists show,
	// once every event page is written (until then, pages show only the
	// summaries of the summary key). Their pages are made as they are
	// rendered: the model keeps none. What each learned stays in a slice
	// until the end: a map by URL would take twice the room.
	events := s.Events
	results := make([]render.Result, len(events))
	forgetEvents := forgetShown(r, s, len(events), func(i int) []*site.Event { return events[i].Related() })
	errs = append(errs, renderAll(ctx, r, out, events, s.EventPage, func(i int, pg *site.Page, res render.Result) {
		if events[i].Summary != "" {
			res.Summary = "" // the summary key's is the one lists show
		}
		results[i] = res
		forgetEvents(pg)
	})...)
	for i, e := range events {
		if e.Summary == "" {
			e.Summary = results[i].Summary
		}
	}
	r.Forget() // cached partials may show summaries
	// The sitemap and feed need only the model, summaries and all: they
	// are written while the lists are rendered, on the time that
	// rendering leaves a core idle (at 100,000 events, a quarter of a
	// second that would otherwise come after the lists, on one core).
	type xmlDone struct {
		n    int
		errs content.ErrorList
		err  error
	}
	xmlc := make(chan xmlDone, 1)
	go func() {
		var d xmlDone
		d.n, d.errs, d.err = writeXML(s, static, out)
		xmlc <- d
	}()
	// Lists in the order of their first event, so that the pages showing
	// an event (its place on the timeline, its platforms', institutions'
	// and tags' lists) come close together and its cached card can be
	// dropped soon after.
	pages := slices.Clone(s.OtherPages())
	slices.SortStableFunc(pages, func(a, b *site.Page) int { return firstShown(a) - firstShown(b) })
	// Of the other pages, few have a body: what they learned goes
	// straight to the map the anchor check reads, when it is anything.
	p.results = map[string]render.Result{}
	var mu sync.Mutex
	forgetPages := forgetShown(r, s, len(pages), func(i int) []*site.Event { return shown(pages[i]) })
	errs = append(errs, renderAll(ctx, r, out, pages, samePage, func(_ int, pg *site.Page, res render.Result) {
		mu.Lock()
		keepResult(p.results, pg.URL, res)
		mu.Unlock()
		forgetPages(pg)
	})...)
	for i, e := range events {
		keepResult(p.results, e.URL, results[i])
	}
	errs = append(errs, checkAnchors(p.results, nil)...)

	xml := <-xmlc
	if xml.err != nil {
		return nil, xml.err
	}
	errs = append(errs, xml.errs...)
	p.report.XML = xml.n

	c := <-copied
	errs = append(errs, c.errs...)
	p.report.Static = c.n
	if err := render.CollapsePageErrors(errs).Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// writeXML writes the sitemap and the feed when the base URL is
// absolute, and returns how many files it wrote.
func writeXML(s *site.Site, static map[string]staticFile, out Output) (int, content.ErrorList, error) {
	if s.BaseURL == "" {
		return 0, nil, nil
	}
	files, err := render.XMLFiles(s)
	if err != nil {
		return 0, nil, err
	}
	n := 0
	var errs content.ErrorList
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if _, clash := static[name]; clash {
			errs = append(errs, content.Errorf(path.Join(StaticDir, name), 0, "static file would overwrite the generated /%s", name))
			continue
		}
		if err := out.WriteFile(name, files[name]); err != nil {
			return n, errs, err
		}
		n++
	}
	return n, errs, nil
}

// copyStatic copies the static file f to the site URL rel, minified.
// staticCopy is what copying the static files came to.
type staticCopy struct {
	n    int // files copied
	errs content.ErrorList
}

// copyAllStatic copies every static file, in path order.
func copyAllStatic(static map[string]staticFile, minify bool, out Output) staticCopy {
	var c staticCopy
	for _, rel := range slices.Sorted(maps.Keys(static)) {
		if err := copyStatic(static[rel], rel, minify, out); err != nil {
			c.errs = append(c.errs, err)
			continue
		}
		c.n++
	}
	return c
}

func copyStatic(f staticFile, rel string, minify bool, out Output) *content.Error {
	data, err := fs.ReadFile(f.fsys, f.path)
	if err != nil {
		return content.FileError(f.path, err)
	}
	data, err = render.Static(rel, data, minify)
	if err != nil {
		return content.Errorf(f.path, 0, "minifying: %v", err)
	}
	if err := out.WriteFile(rel, data); err != nil {
		return content.Errorf(f.path, 0, "%v", err)
	}
	return nil
}

// keepResult records in results what the anchor check (and the dev
// server's next one) needs of the page at url: only what a page with
// headings or links to headings learned, so that pages without either
// take no room.
func keepResult(results map[string]render.Result, url string, res render.Result) {
	if res.Anchors == nil && !res.HasIDs() {
		delete(results, url)
		return
	}
	res.Summary = ""
	results[url] = res
}

// checkAnchors checks every link to a heading on another page, with the
// results in fresh (the pages just rendered) over those in last.
func checkAnchors(last, fresh map[string]render.Result) content.ErrorList {
	var errs content.ErrorList
	target := func(url string) render.Result {
		if r, ok := fresh[url]; ok {
			return r
		}
		return last[url]
	}
	check := func(r render.Result) {
		for _, a := range r.Anchors {
			if !target(a.Target).HasID(a.Fragment) {
				errs = append(errs, content.Errorf(a.Path, a.Line, "link to /%s#%s: that page has no heading with this anchor", a.Target, a.Fragment))
			}
		}
	}
	for url, r := range last {
		if _, ok := fresh[url]; !ok {
			check(r)
		}
	}
	for _, r := range fresh {
		check(r)
	}
	return errs
}

// shown returns the events whose cards page p shows: a list's events,
// an event's related events.
func shown(p *site.Page) []*site.Event {
	if p.Kind == site.KindEvent {
		return p.Event.Related()
	}
	return p.Items
}

// firstShown returns the index of the oldest event p shows, or -1.
func firstShown(p *site.Page) int {
	if ev := shown(p); len(ev) > 0 {
		return ev[0].Index()
	}
	return -1
}

// forgetShown returns a function for renderAll to call as each of n
// pages is done, shows(i) being the events the i-th shows: it drops an
// event's cached partials once the last of these pages that shows it is
// written. They would be kept to the end of the build otherwise: 100,000
// events' cards are hundreds of MB.
func forgetShown(r *render.Renderer, s *site.Site, n int, shows func(i int) []*site.Event) func(*site.Page) {
	left := make([]atomic.Int32, len(s.Events))
	for i := range n {
		for _, e := range shows(i) {
			left[e.Index()].Add(1)
		}
	}
	return func(p *site.Page) {
		for _, e := range shown(p) {
			if left[e.Index()].Add(-1) == 0 {
				r.ForgetEvent(e)
			}
		}
	}
}

// renderAll renders the pages of items (page(items[i]) the i-th) on a
// pool of workers, one per core, each writing its pages as soon as they
// are done, and then calling done (when not nil) with the page's index,
// the page, and what rendering it learned. done is called from the
// workers, at once.
func renderAll[T any](ctx context.Context, r *render.Renderer, out Output, items []T, page func(T) *site.Page, done func(i int, p *site.Page, res render.Result)) content.ErrorList {
	var (
		mu   sync.Mutex
		errs content.ErrorList
		wg   sync.WaitGroup
	)
	// Workers take pages in order from a counter rather than a channel,
	// so that none waits to be handed its next page.
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), max(1, len(items)))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(items) || ctx.Err() != nil {
					return
				}
				p := page(items[i])
				buf.Reset()
				res, err := r.Render(&buf, p)
				if err == nil {
					err = out.WriteFile(p.File(), buf.Bytes())
				}
				// What the body gave is passed on even when the template
				// failed: links to its headings are still checked against them.
				if done != nil {
					done(i, p, res)
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, content.ListOf(err)...)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return errs
}

// samePage is renderAll's page function for a list of pages.
func samePage(p *site.Page) *site.Page { return p }

// staticFile is a file to copy, from the theme or the site.
type staticFile struct {
	fsys fs.FS
	path string // within fsys
}

// staticFiles lists the theme's static files, then the site's over them,
// by site URL.
func staticFiles(src, theme fs.FS) (map[string]staticFile, error) {
	files := map[string]staticFile{}
	var errs content.ErrorList
	for _, fsys := range []fs.FS{theme, src} {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == StaticDir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				errs = append(errs, content.FileError(p, err))
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && p != StaticDir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				files[strings.TrimPrefix(p, StaticDir+"/")] = staticFile{fsys, p}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, content.Errorf(StaticDir, 0, "%v", err))
		}
	}
	return files, errs.Err()
}

// MemoryLimit suggests a soft memory limit (for debug.SetMemoryLimit)
// for building the site at source: a base for the theme, the renderer
// and buffers, and a share per event file for its place in the model
// (about 1.6 KB live at 100,000 events) with room for the garbage
// collector to work. The command lets the heap grow to it while the
// content loads (see GCPercent); while pages are rendered, the
// collector's own pace keeps the heap of a small archive lower, and the
// limit binds on large ones: it keeps a 100,000-event build under
// 600 MB, at the cost of more frequent collections.
func MemoryLimit(source string) int64 {
	events := 0
	_ = filepath.WalkDir(filepath.Join(source, filepath.FromSlash(content.EventsDir)), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			events++
		}
		return nil
	})
	return memoryBase + int64(events)*memoryPerEvent
}

// The limit's base and share per event, in bytes. The process goes a
// little over a soft limit at times (up to 4% in measurements at 100,000
// events), and must stay under 600 MB there.
const (
	memoryBase     = 64 << 20
	memoryPerEvent = 5000
)

// GCPercent is the garbage collector's pace (debug.SetGCPercent) that
// suits rendering: half again as much garbage as live data before each
// collection, rather than Go's default of as much. Rendering allocates
// short-lived data at a high rate over a small live model, so this
// trades some 10 MB at 10,000 events for a tenth less CPU time.
//
// Loading is different: the heap only grows, as the model is made, and
// a collection at that pace comes after every few hundred files, each
// finding little to free (35 of a 10,000-event build's 60 collections
// came before its first page). Under a memory limit (MemoryLimit), a
// build can leave the collector off until it is reached, and set this
// pace once the content is loaded (Options.Loading, Loaded): 3% fewer
// instructions at 10,000 events (and half the collections), for a peak
// no higher than the limit.
const GCPercent = 150
