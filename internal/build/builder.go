package build

import (
	"cmp"
	"context"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/render"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// Builder builds one site again and again, into memory, as its files
// change. The dev server uses it; it is not safe for concurrent use.
//
// The first build, and any build after a change it cannot follow, is a
// full build: the same pipeline as Run. After a good build, two kinds of
// change are quick, because they leave the site model (every URL, list,
// count and link) as it was:
//
//   - the body of a Markdown file whose front matter is unchanged: only
//     the pages showing that body are rendered again, and, when an
//     event's summary comes from its first paragraph and that changed,
//     the lists that hold the event and the home page;
//   - an existing file of the site's static/ folder: it is copied alone.
//
// Anything else (a file created, removed or renamed, front matter,
// templates, content/site.yaml) rebuilds the whole site.
//
// The source folder is read through an os.Root, so that no symbolic link
// leads the build outside it.
type Builder struct {
	opts Options
	root *os.Root
	src  fs.FS

	// good reports whether the fields below hold a good build: the last
	// full one, as quick builds have updated it since.
	good       bool
	docs       map[string]any // each content file's document, by path
	site       *site.Site
	r          *render.Renderer
	static     map[string]staticFile
	siteStatic map[string]bool              // the site's own static files, by path: "static/style.css"
	bySource   map[string][]*site.Page      // the other pages that show a file's body, by its path
	showing    map[*site.Event][]*site.Page // the pages, other than event pages, whose lists hold an event
	home       []*site.Page                 // the home page, which lists the latest events
	results    map[string]render.Result     // what rendering each page learned, by URL
	summaries  map[*site.Event]string       // the summary lists show: the key's, or the first paragraph
	files      map[string]File              // the site as last built without errors
	retry      map[string]bool              // files a quick build failed on: tried again with the next change
}

// Update is what one build made.
type Update struct {
	Files    map[string]File // the whole site, by path; never modified afterwards
	Changed  []string        // the files added, changed or removed since the last good build, sorted
	Full     bool            // whether the whole site was rebuilt
	Rendered int             // pages rendered and static files copied
	Report   *Report         // for a full build, the pages by kind
	Duration time.Duration
}

// NewBuilder returns a Builder for the site opts describe. opts.Dest is
// not used.
func NewBuilder(opts Options) (*Builder, error) {
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, err
	}
	return &Builder{opts: opts, root: root, src: root.FS(), files: map[string]File{}}, nil
}

// Close releases the source folder.
func (b *Builder) Close() error { return b.root.Close() }

// Build builds the site again after the files changed (slash-separated
// paths relative to the source folder) did. With no paths it builds the
// whole site. On error, which is a content.ErrorList when the site has
// problems, the last good site stays the one to show.
func (b *Builder) Build(ctx context.Context, changed []string) (*Update, error) {
	start := time.Now()
	var (
		up  *Update
		err error
	)
	if p, ok := b.plan(changed); ok {
		up, err = b.quick(ctx, p)
	} else {
		up, err = b.full(ctx)
	}
	if err != nil {
		return nil, err
	}
	up.Duration = time.Since(start)
	return up, nil
}

// A plan is the work of a quick build.
type plan struct {
	paths  []string     // the changed files, and those to retry
	pages  []*site.Page // the pages showing the bodies that changed
	static []string     // the static files to copy again, by site URL
}

// plan reports whether the changes allow a quick build, and what it is.
func (b *Builder) plan(changed []string) (plan, bool) {
	var p plan
	if !b.good || len(changed) == 0 {
		return p, false
	}
	set := maps.Clone(b.retry)
	if set == nil {
		set = map[string]bool{}
	}
	for _, c := range changed {
		set[c] = true
	}
	p.paths = slices.Sorted(maps.Keys(set))
	for _, name := range p.paths {
		if b.siteStatic[name] {
			if _, err := fs.Stat(b.src, name); err != nil {
				return p, false // removed: the theme's file may take its place
			}
			p.static = append(p.static, strings.TrimPrefix(name, StaticDir+"/"))
			continue
		}
		pages := b.bySource[name]
		if e := b.site.EventFile(name); e != nil { // its body is on its own page
			pages = []*site.Page{b.site.EventPage(e)}
		}
		if len(pages) == 0 || !b.sameFrontMatter(name) {
			return p, false
		}
		p.pages = append(p.pages, pages...)
	}
	return p, true
}

// sameFrontMatter reports whether the content file at name still loads
// without errors into the same document as in the last good build.
func (b *Builder) sameFrontMatter(name string) bool {
	a, err := content.Load(newSubsetFS(b.src, content.ConfigFile, name), content.Options{Drafts: b.opts.Drafts})
	if err != nil {
		return false
	}
	doc, ok := docsByPath(a)[name]
	return ok && reflect.DeepEqual(doc, b.docs[name])
}

// quick carries out a plan against the last good build.
func (b *Builder) quick(ctx context.Context, p plan) (*Update, error) {
	var errs content.ErrorList
	out := NewMemory()
	results := map[string]render.Result{}
	xml := 0

	// Event pages first, with the summaries that come from first
	// paragraphs unset, exactly as a full build renders them.
	var events, rest []*site.Page
	for _, pg := range p.pages {
		if pg.Kind == site.KindEvent {
			events = append(events, pg)
		} else {
			rest = append(rest, pg)
		}
	}
	for _, e := range b.site.Events {
		e.Summary = e.SummaryKey
	}
	b.r.Forget() // cached partials may show summaries
	res := make([]render.Result, len(events))
	errs = append(errs, renderAll(ctx, b.r, out, events, samePage, collect(res))...)
	summaries := map[*site.Event]string{}
	for i, pg := range events {
		results[pg.URL] = res[i]
		e := pg.Event
		if e.SummaryKey == "" && res[i].Summary != b.summaries[e] {
			summaries[e] = res[i].Summary
			rest = append(rest, b.showing[e]...)
			rest = append(rest, b.home...)
		}
	}
	b.setSummaries(summaries)
	b.r.Forget()
	rest = unique(rest)
	res = make([]render.Result, len(rest))
	errs = append(errs, renderAll(ctx, b.r, out, rest, samePage, collect(res))...)
	for i, pg := range rest {
		results[pg.URL] = res[i]
	}
	errs = append(errs, checkAnchors(b.results, results)...)
	// The feed shows summaries.
	if len(summaries) > 0 {
		n, xerrs, err := writeXML(b.site, b.static, out)
		if err != nil {
			xerrs = append(xerrs, content.Errorf("", 0, "%v", err))
		}
		errs = append(errs, xerrs...)
		xml = n
	}
	for _, rel := range p.static {
		if err := copyStatic(b.static[rel], rel, b.site.Config.Minify, out); err != nil {
			errs = append(errs, err)
		}
	}

	if err := cmp.Or(render.CollapsePageErrors(errs).Err(), ctx.Err()); err != nil {
		// Nothing is kept: the files are tried again with the next change.
		b.setSummaries(nil)
		b.r.Forget()
		b.retry = map[string]bool{}
		for _, name := range p.paths {
			b.retry[name] = true
		}
		return nil, err
	}

	files := maps.Clone(b.files)
	var changed []string
	for name, f := range out.Files() {
		if !f.Equal(files[name]) {
			changed = append(changed, name)
		}
		files[name] = f
	}
	sort.Strings(changed)
	for url, res := range results {
		keepResult(b.results, url, res)
	}
	maps.Copy(b.summaries, summaries)
	b.files, b.retry = files, nil
	return &Update{Files: files, Changed: changed, Rendered: len(events) + len(rest) + xml + len(p.static)}, nil
}

// collect returns a function for renderAll that keeps each page's
// result in results, by the page's index.
func collect(results []render.Result) func(int, *site.Page, render.Result) {
	return func(i int, _ *site.Page, res render.Result) { results[i] = res }
}

// setSummaries gives every event the summary lists show, as of the last
// good build overridden by next.
func (b *Builder) setSummaries(next map[*site.Event]string) {
	for _, e := range b.site.Events {
		if s, ok := next[e]; ok {
			e.Summary = s
		} else {
			e.Summary = b.summaries[e]
		}
	}
}

// full builds the whole site and keeps what a quick build needs.
func (b *Builder) full(ctx context.Context) (*Update, error) {
	// Let the last build's model go: only its files are needed, to tell
	// what changed.
	b.good = false
	b.docs, b.site, b.r, b.static, b.siteStatic = nil, nil, nil, nil, nil
	b.bySource, b.showing, b.home, b.results, b.summaries = nil, nil, nil, nil, nil
	out := NewMemory()
	p, err := fullBuild(ctx, b.src, b.opts, out, true)
	if err != nil {
		return nil, err
	}
	b.site, b.r, b.static, b.results = p.site, p.r, p.static, p.results
	b.docs = p.docs
	b.index()

	files := out.Files()
	var changed []string
	for name, f := range files {
		if old, ok := b.files[name]; !ok || !f.Equal(old) {
			changed = append(changed, name)
		}
	}
	for name := range b.files {
		if _, ok := files[name]; !ok {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	b.files, b.retry, b.good = files, nil, true
	return &Update{Files: files, Changed: changed, Full: true, Rendered: p.report.TotalPages() + p.report.Static + p.report.XML, Report: p.report}, nil
}

// index records which pages show what, for quick builds.
func (b *Builder) index() {
	s := b.site
	b.bySource = map[string][]*site.Page{}
	b.showing = map[*site.Event][]*site.Page{}
	b.home = nil
	for _, p := range s.OtherPages() {
		if p.Source != nil {
			b.bySource[p.Source.Path] = append(b.bySource[p.Source.Path], p)
		}
		// Lists show the events of their Items; an alias names its
		// event; the home page shows the latest events.
		for _, e := range p.Items {
			b.showing[e] = append(b.showing[e], p)
		}
		if p.Kind == site.KindAlias && p.Event != nil {
			b.showing[p.Event] = append(b.showing[p.Event], p)
		}
		if p.Kind == site.KindHome {
			b.home = append(b.home, p)
		}
	}
	b.summaries = make(map[*site.Event]string, len(s.Events))
	for _, e := range s.Events {
		b.summaries[e] = e.Summary
	}
	b.siteStatic = map[string]bool{}
	for _, f := range b.static {
		if _, err := fs.Stat(b.src, f.path); err == nil {
			b.siteStatic[f.path] = true
		}
	}
}

// docsByPath returns every document of an archive by its file's path.
func docsByPath(a *content.Archive) map[string]any {
	docs := map[string]any{}
	for _, d := range a.Events {
		docs[d.Path] = d
	}
	for _, d := range a.Platforms {
		docs[d.Path] = d
	}
	for _, d := range a.Institutions {
		docs[d.Path] = d
	}
	for _, d := range a.Pages {
		docs[d.Path] = d
	}
	return docs
}

func unique(pages []*site.Page) []*site.Page {
	seen := make(map[*site.Page]bool, len(pages))
	out := pages[:0]
	for _, p := range pages {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// subsetFS is a view of a file system that holds only some of its files
// and the folders on their way, so that content.Load reads just those.
type subsetFS struct {
	fsys  fs.FS
	files map[string]bool
	dirs  map[string][]string // folder → the names in it that are kept
}

func newSubsetFS(fsys fs.FS, names ...string) subsetFS {
	s := subsetFS{fsys: fsys, files: map[string]bool{}, dirs: map[string][]string{}}
	for _, n := range names {
		s.files[n] = true
		for child := n; child != "."; child = path.Dir(child) {
			dir := path.Dir(child)
			if !slices.Contains(s.dirs[dir], path.Base(child)) {
				s.dirs[dir] = append(s.dirs[dir], path.Base(child))
			}
		}
	}
	return s
}

func (s subsetFS) Open(name string) (fs.File, error) {
	if !s.files[name] && s.dirs[name] == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(name)
}

// ReadDir lists only the kept names: fs.WalkDir calls it rather than
// the folder's own listing.
func (s subsetFS) ReadDir(name string) ([]fs.DirEntry, error) {
	kept, ok := s.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	for _, n := range kept {
		info, err := fs.Stat(s.fsys, path.Join(name, n))
		if err != nil {
			continue // not there (yet): as in the folder itself
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

var _ fs.ReadDirFS = subsetFS{}
