// Package render turns the site's pages into HTML: Markdown bodies
// through goldmark, pages through html/template, and minification
// through tdewolff/minify. It is the only package that uses those
// libraries.
//
// # Templates
//
// A theme is a folder templates/ of html/template files:
//
//	base.html        the layout; defines "base", with blocks "title", "head" and "main"
//	_*.html          partials shared by every page kind (cards, pagers, …)
//	<kind>.html      one per page kind: home, event, timeline, platforms,
//	                 platform, institutions, institution, tags, tag, page,
//	                 404 and alias
//
// The default theme is built into vitrine. A site overrides any one of
// its files by putting a file of the same name in its own templates/
// folder, and may add partials the same way. Each kind's file is the
// template executed for pages of that kind; it usually starts with
// {{template "base" .}} and defines "main".
//
// A template receives a *site.Page (its Site, Event, Platform,
// Institution, Tag, Doc, Items, Groups, Names, Pager, …), as Page.Full
// returns it, with Body set to the page's rendered Markdown.
//
// # Template functions
//
//	url REL          the href of a site URL such as .Event.URL, with the base path
//	absURL REL       the absolute URL, when the base URL has a host
//	date D           a content.Date for readers, at its precision: "September 2020"
//	datetime D       the same date for <time datetime>: "2020-09"
//	number N         a figure with the site language's grouping: "3,800,000"
//	compact N        a figure as the press writes it: "3.8 million"
//	plural N ONE MANY   "1 event", "9 events"
//	duration D       "2 h", "1 h 30 min"
//	percent N MAX    N as a whole percentage of MAX (1–100; 0 when N is 0)
//	langName CODE    the English name of a BCP 47 code: "zh" → "Chinese"
//	hue NAME         a fixed colour hue (0–359) for a name, for platform colours
//	join LIST SEP    strings.Join
//	year             the year of the newest event
//	inc N            N+1, for numbered lists
//	dict K V ...     a map of the pairs, to pass several values to a partial
//	cached NAME DATA the output of partial NAME executed with DATA, rendered
//	                 once for each distinct NAME and DATA and reused after
//	                 (see below)
//	card E H SUMMARY the "card" partial for event E with a title heading of
//	                 level H, with its summary when SUMMARY is true: cached,
//	                 and given fields Event, H and Summary (read as those
//	                 of dict "Event" E "H" H "Summary" SUMMARY would be)
//
// N may be an int, an int64 or an *int64 (nil counts as 0).
//
// # Cached partials
//
// Executing templates is most of a build's work, and many pages show the
// same fragments: the layout's header and footer, an event's card on a
// dozen lists. {{cached "footer" .Site}} renders the partial once and
// inserts the same output everywhere after. The cache is keyed by the
// partial's name and its data, which must be comparable: a pointer (the
// thing it points to, as it was when first rendered), a string, a
// number, a boolean, or a dict of at most six of those, such as
// (dict "Site" .Site "Section" .Section). Give a cached partial the
// least it needs: given the page while it reads only .Site, it would be
// rendered again for every page. A template sees nothing but its data,
// so the cached output is always the one it would render; the build
// forgets every cached output when the model changes (once event bodies
// have given their summaries, and in the dev server before each
// re-render). What cached and card return is HTML the partial's own
// escaping made safe: the templates are escaped when loaded, and
// html/template's escaper, which would return it unchanged, is left out
// of the actions that print it (see skipSafeEscapes).
//
// # Escaping
//
// Pages are escaped by html/template, as written. For speed, the
// templates pages execute have each action's chain of escapers ({{url
// .URL}} in an href ends with three) fused into one call, with the
// function before it when it is one of the above (see fuseEscapers);
// the output is the same byte for byte. The templates as written are
// executed again when a page fails, so that errors name their lines and
// functions as written.
//
// # Markdown
//
// Bodies are CommonMark with GitHub's tables, strikethrough and task
// lists, footnotes, typographic quotes, and ids on headings. Bare URLs
// stay text (GitHub's "linkify" is left out, for speed); <https://…>
// and [text](https://…) are links.
// Raw HTML is omitted unless the site sets unsafe_html. Links to other
// content files ("louvre.md", "../platforms/fliggy.md") become their
// pages' URLs; root-relative links ("/events/louvre/") get the base path;
// links and images that lead to nothing, links to missing #anchors,
// addresses other than http, https and mailto, and images without alt
// text are errors naming the file and line.
//
// # Minification
//
// When the site minifies, templates are minified once as they are
// loaded (the HTML minifier understands Go template delimiters), rather
// than every page after rendering; CSS, JS, SVG and JSON files from
// static/ are minified as they are copied.
package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"
	"unique"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// TemplatesDir is the folder of a theme's templates, in the theme and in a site.
const TemplatesDir = "templates"

// Result is what rendering a page learned that the build needs later.
type Result struct {
	Summary string      // the body's first paragraph, as plain text
	Anchors []AnchorRef // links to headings on other pages
	ids     string      // the ids of the body's headings, each between "\x00"s
}

// HasID reports whether one of the body's headings has the id.
func (r Result) HasID(id string) bool { return hasID(r.ids, id) }

// HasIDs reports whether the body has headings.
func (r Result) HasIDs() bool { return r.ids != "" }

// IDs returns the ids of the body's headings, in order.
func (r Result) IDs() []string { return splitIDs(r.ids) }

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	site     *site.Site
	src      fs.FS
	md       goldmark.Markdown
	resolver Resolver
	pages    map[string]*template.Template // by kind; minified when the site minifies
	plain    map[string]*template.Template // by kind, as written, for error lines
	min      *minifier
	bufs     sync.Pool // *bytes.Buffer
	writers  sync.Pool // *bufio.Writer, for goldmark
	skipped  int       // escaper calls left out of the templates (skipSafeEscapes)
	fused    int       // and those fused with others (fuseEscapers)
	// fragments holds the output of cached partials; events those given
	// an event or its card, by the event's index in the site's events.
	// A map under a lock rather than a sync.Map: a lookup then needs no
	// key boxed into an interface, and almost every call is a lookup.
	mu        sync.RWMutex
	fragments map[fragmentKey]template.HTML
	events    []atomic.Pointer[eventFragments]
}

// fragmentKey names one cached output of a partial: the partial and its
// data, or for a dict, its keys and values in key order (an array of
// two values a pair, so that a key is no bigger than it needs to be).
type fragmentKey struct {
	name string
	data any
}

// maxCachedPairs is the most values a dict given to cached may hold.
const maxCachedPairs = 6

// cached returns the output of the partial name executed with data,
// rendering it once for each distinct name and data until the model
// changes (Forget). data must be comparable (a pointer, a string, a
// number, a struct of those), or a dict of at most six such values; a
// pointer stands for what it points to as it is when first rendered.
// Many pages show the same fragments (the layout's header and footer,
// an event's card) and executing templates is most of a build's work.
func (r *Renderer) cached(name string, data any) (template.HTML, error) {
	key := fragmentKey{name: name}
	if d, ok := data.(map[string]any); ok {
		k, err := dictKey(d)
		if err != nil {
			return "", fmt.Errorf("cached %q: %w", name, err)
		}
		key.data = k
	} else if comparable(data) {
		key.data = data
	} else {
		return "", fmt.Errorf("cached %q: %T cannot key a cached partial: pass a pointer, a string, a number, or a dict of those", name, data)
	}
	if html, ok := r.fragment(key); ok {
		return html, nil
	}
	return r.renderFragment(key, data)
}

// eventFragments are the cached partials given one event (or its card),
// kept apart so that ForgetEvent can drop them.
type eventFragments struct {
	mu   sync.Mutex
	keys []fragmentKey
	html []template.HTML
}

// eventOf returns the event a fragment key belongs to, if any.
func eventOf(key fragmentKey) *site.Event {
	switch d := key.data.(type) {
	case *site.Event:
		return d
	case cardKey:
		return d.e
	}
	return nil
}

// fragment looks a cached partial up.
func (r *Renderer) fragment(key fragmentKey) (template.HTML, bool) {
	if e := eventOf(key); e != nil {
		f := r.eventSlot(e).Load()
		if f == nil {
			return "", false
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		for i, k := range f.keys {
			if k == key {
				return f.html[i], true
			}
		}
		return "", false
	}
	r.mu.RLock()
	html, ok := r.fragments[key]
	r.mu.RUnlock()
	return html, ok
}

// keep caches a rendered partial.
func (r *Renderer) keep(key fragmentKey, html template.HTML) {
	e := eventOf(key)
	if e == nil {
		r.mu.Lock()
		r.fragments[key] = html
		r.mu.Unlock()
		return
	}
	slot := r.eventSlot(e)
	f := slot.Load()
	for f == nil { // ForgetEvent may empty the slot again meanwhile
		slot.CompareAndSwap(nil, &eventFragments{})
		f = slot.Load()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !slices.Contains(f.keys, key) {
		f.keys = append(f.keys, key)
		f.html = append(f.html, html)
	}
}

// renderFragment executes the partial key.name with data and caches it.
func (r *Renderer) renderFragment(key fragmentKey, data any) (template.HTML, error) {
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := r.pages[site.KindEvent].ExecuteTemplate(buf, key.name, data); err != nil {
		return "", err
	}
	// The partial's output was escaped by html/template as it ran. The
	// string is an exact copy: the cache holds tens of thousands.
	html := template.HTML(buf.String())
	r.keep(key, html)
	return html, nil
}

// uncached executes the partial name, as written, with data: what
// cached does, for finding the line of an error in a minified partial.
func (r *Renderer) uncached(name string, data any) (template.HTML, error) {
	var b strings.Builder
	if err := r.plain[site.KindEvent].ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// dictKey returns a comparable key for a dict's keys and values.
func dictKey(d map[string]any) (any, error) {
	if len(d) > maxCachedPairs {
		return nil, fmt.Errorf("a dict of %d values; at most %d can key a cached partial", len(d), maxCachedPairs)
	}
	var pairs [2 * maxCachedPairs]any
	n := 0
	for k, v := range d {
		if !comparable(v) {
			return nil, fmt.Errorf("dict value %q (%T) cannot key a cached partial: pass pointers, strings, numbers or booleans", k, v)
		}
		// Insertion by key order: a map's order is random.
		i := n
		for ; i > 0 && pairs[2*(i-1)].(string) > k; i-- {
			pairs[2*i], pairs[2*i+1] = pairs[2*(i-1)], pairs[2*(i-1)+1]
		}
		pairs[2*i], pairs[2*i+1] = k, v
		n++
	}
	switch n {
	case 0:
		return [0]any{}, nil
	case 1:
		return [2]any(pairs[:2]), nil
	case 2:
		return [4]any(pairs[:4]), nil
	case 3:
		return [6]any(pairs[:6]), nil
	case 4:
		return [8]any(pairs[:8]), nil
	case 5:
		return [10]any(pairs[:10]), nil
	}
	return pairs, nil
}

// comparable reports whether v can key a cached partial: whether == on
// it cannot panic.
func comparable(v any) bool {
	if v == nil {
		return true
	}
	t := reflect.TypeOf(v)
	known, ok := plainTypes.Load(t)
	if !ok {
		known = plain(t)
		plainTypes.Store(t, known)
	}
	if known.(bool) {
		return true
	}
	// A struct or array holding an interface is comparable as long as
	// the values in it are.
	return t.Comparable() && reflect.ValueOf(v).Comparable()
}

// plainTypes caches plain's answer by type: the same few types key
// every cached partial.
var plainTypes sync.Map // reflect.Type → bool

// plain reports whether every value of type t is comparable: t is
// comparable and holds no interface.
func plain(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface:
		return false
	case reflect.Array:
		return plain(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !plain(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return t.Comparable()
}

// cardKey is the key of an event's card variant.
type cardKey struct {
	e       *site.Event
	h       int
	summary bool
}

// card renders the "card" partial for event e: cached, as with a dict
// of Event, H and Summary, without building the dict to look it up.
func (r *Renderer) card(e *site.Event, h int, summary bool) (template.HTML, error) {
	key := fragmentKey{"card", cardKey{e, h, summary}}
	if html, ok := r.fragment(key); ok {
		return html, nil
	}
	return r.renderFragment(key, cardData{e, h, summary})
}

// cardData is what the "card" partial is given: the fields of the dict
// its documentation names, in a struct, which templates read as they
// would the dict, without a map to build and look up for each card.
type cardData struct {
	Event   *site.Event
	H       int
	Summary bool
}

// Forget drops every cached partial. The build calls it when the model
// has changed: once event bodies have given their summaries, and before
// the dev server re-renders pages after an edit.
func (r *Renderer) Forget() {
	r.mu.Lock()
	clear(r.fragments)
	r.mu.Unlock()
	for i := range r.events {
		r.events[i].Store(nil)
	}
}

// ForgetEvent drops the cached partials given event e (and its cards):
// the build calls it once no page left to render shows e, so that the
// cache holds only the events of the pages at hand.
func (r *Renderer) ForgetEvent(e *site.Event) {
	r.eventSlot(e).Store(nil)
}

// eventSlot returns where the cached partials given event e are kept.
func (r *Renderer) eventSlot(e *site.Event) *atomic.Pointer[eventFragments] {
	if i := e.Index(); i < len(r.events) && r.site.Events[i] == e {
		return &r.events[i]
	}
	panic(fmt.Sprintf("render: event %s is not one of the site's", e.Path))
}

// New loads the templates of the default theme (fs theme) overridden
// by the site's own (fs src, the site's source folder), and returns a
// renderer for s. exists reports whether a static file is published at
// a site URL, so that links to static files can be checked.
func New(s *site.Site, src, theme fs.FS, exists func(rel string) bool) (*Renderer, error) {
	r := &Renderer{
		site:      s,
		src:       src,
		md:        newMarkdown(s.Config.UnsafeHTML),
		pages:     map[string]*template.Template{},
		fragments: map[fragmentKey]template.HTML{},
		events:    make([]atomic.Pointer[eventFragments], len(s.Events)),
		plain:     map[string]*template.Template{},
		bufs:      sync.Pool{New: func() any { return new(bytes.Buffer) }},
		writers:   sync.Pool{New: func() any { return bufio.NewWriter(nil) }},
	}
	if s.Config.Minify {
		r.min = theMinifier()
	}
	r.resolver = resolver{s, exists}
	files, err := templateFiles(src, theme)
	if err != nil {
		return nil, err
	}
	var errs content.ErrorList
	fm := funcs(s)
	fm["card"] = r.card
	fm["cached"] = r.cached
	addFused(fm)
	// The templates executed are minified when the site minifies, and
	// their escapers fused (fuseEscapers): the templates as written are
	// executed again only to find the line of an error, and the names
	// of its functions; their partials run as written too, and uncached.
	plainFM := funcs(s)
	plainFM["card"] = func(e *site.Event, h int, summary bool) (template.HTML, error) {
		return r.uncached("card", cardData{e, h, summary})
	}
	plainFM["cached"] = r.uncached
	var transform func(string, string) (string, error)
	if r.min != nil {
		transform = r.min.template
	}
	for _, kind := range site.Kinds {
		name := path.Join(TemplatesDir, kind+".html")
		if _, ok := files[name]; !ok {
			errs = append(errs, content.Errorf(TemplatesDir, 0, "no template for %s pages: add %s", kind, name))
			continue
		}
		t, err := parseKind(name, files, plainFM, nil)
		if err != nil {
			errs = append(errs, templateError(err, ""))
			continue
		}
		r.plain[kind] = t
		pt, err := parseKind(name, files, fm, transform)
		if err != nil {
			return nil, fmt.Errorf("%s: minified template does not parse (a minifier bug; set minify: false): %w", name, err)
		}
		r.pages[kind] = pt
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, kind := range site.Kinds {
		r.skipped += skipSafeEscapes(r.pages[kind], fm)
		r.fused += fuseEscapers(r.pages[kind], fm)
	}
	return r, nil
}

// templateFiles reads the theme's templates, then the site's over them.
func templateFiles(src, theme fs.FS) (map[string]string, error) {
	files := map[string]string{}
	for _, fsys := range []fs.FS{theme, src} {
		if fsys == nil {
			continue
		}
		names, err := fs.Glob(fsys, TemplatesDir+"/*.html")
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if strings.HasPrefix(path.Base(n), ".") {
				continue // editors' lock and swap files
			}
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, content.FileError(n, err)
			}
			files[n] = string(b)
		}
	}
	return files, nil
}

// parseKind parses the template set for one page kind: the base layout,
// every partial, and the kind's own file, which is the one executed.
func parseKind(name string, files map[string]string, fm template.FuncMap, transform func(string, string) (string, error)) (*template.Template, error) {
	names := []string{path.Join(TemplatesDir, "base.html")}
	var partials []string
	for n := range files {
		if strings.HasPrefix(path.Base(n), "_") {
			partials = append(partials, n)
		}
	}
	sort.Strings(partials)
	names = append(names, partials...)
	names = append(names, name)
	root := template.New(name).Funcs(fm)
	for _, n := range names {
		text, ok := files[n]
		if !ok {
			return nil, content.Errorf(n, 0, "missing template file")
		}
		if transform != nil {
			var err error
			if text, err = transform(n, text); err != nil {
				return nil, err
			}
		}
		t := root
		if n != name {
			t = root.New(n)
		}
		if _, err := t.Parse(text); err != nil {
			return nil, err
		}
	}
	return root, nil
}

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?(.*)$`)

// templateError turns an html/template error into a content.Error that
// names the template file and line, and the page being rendered.
func templateError(err error, page string) *content.Error {
	var ce *content.Error
	if errors.As(err, &ce) {
		return ce
	}
	// An error in a partial that a function (cached, card) executed is
	// wrapped in the error of the template that called the function:
	// report the partial's, which names the line at fault.
	if ee := (texttemplate.ExecError{}); errors.As(err, &ee) {
		for {
			err = ee
			if !errors.As(ee.Err, &ee) {
				break
			}
		}
	}
	msg := err.Error()
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return content.Errorf(te.Name, te.Line, "%s%s", strings.TrimPrefix(te.Description, ""), onPage(page))
	}
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return content.Errorf(m[1], line, "%s%s", m[3], onPage(page))
	}
	return content.Errorf(TemplatesDir, 0, "%s%s", msg, onPage(page))
}

// renderingPage opens what onPage appends to a template error, and what
// splitPage looks for.
const renderingPage = " (rendering "

func onPage(page string) string {
	if page == "" {
		return ""
	}
	return renderingPage + page + ")"
}

// CollapsePageErrors merges the errors that one template mistake raises
// on many pages (a partial shown on every list, say) into one, naming
// the first of those pages in URL order and how many others: "… (rendering
// /tags/design/ and 12 other pages)". Other errors are left as they are.
func CollapsePageErrors(errs content.ErrorList) content.ErrorList {
	type key struct {
		path string
		line int
		msg  string
	}
	pages := map[key][]string{}
	var out content.ErrorList
	for _, e := range errs {
		msg, page, ok := splitPage(e)
		if !ok {
			out = append(out, e)
			continue
		}
		k := key{e.Path, e.Line, msg}
		if _, seen := pages[k]; !seen {
			out = append(out, e)
		}
		pages[k] = append(pages[k], page)
	}
	for i, e := range out {
		msg, _, ok := splitPage(e)
		if !ok {
			continue
		}
		on := pages[key{e.Path, e.Line, msg}]
		if len(on) == 1 {
			continue
		}
		others := "1 other page"
		if len(on) > 2 {
			others = strconv.Itoa(len(on)-1) + " other pages"
		}
		out[i] = content.Errorf(e.Path, e.Line, "%s%s", msg, onPage(slices.Min(on)+" and "+others))
	}
	return out
}

// splitPage splits the page a template error names (onPage) from its
// message; ok is false for an error that is not a template's.
func splitPage(e *content.Error) (msg, page string, ok bool) {
	i := strings.LastIndex(e.Msg, renderingPage)
	if e.Path != TemplatesDir && !strings.HasPrefix(e.Path, TemplatesDir+"/") || i < 0 || !strings.HasSuffix(e.Msg, ")") {
		return e.Msg, "", false
	}
	return e.Msg[:i], e.Msg[i+len(renderingPage) : len(e.Msg)-1], true
}

// Render writes page p to w and returns what the build needs to know
// from its body, even when the template then fails. Errors name the
// file and line at fault: the Markdown file for a body, the template
// file for a template.
func (r *Renderer) Render(w io.Writer, p *site.Page) (Result, error) {
	var res Result
	// The template gets a copy of the page with its body, groups and
	// pager: the model keeps none of them. A page's fields are all its
	// own (no embedded struct), which spares text/template's slow field
	// lookup.
	v := p.Full()
	if p.Source != nil {
		body, res2, err := r.body(p)
		if err != nil {
			return res, err
		}
		v.Body, res = body, res2
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := r.pages[p.Kind].Execute(buf, &v); err != nil {
		// Execute the templates as written again for the right line.
		if err2 := r.plain[p.Kind].Execute(io.Discard, &v); err2 != nil {
			err = err2
		}
		return res, templateError(err, "/"+p.URL)
	}
	_, err := w.Write(buf.Bytes())
	return res, err
}

// body renders p's Markdown.
func (r *Renderer) body(p *site.Page) (template.HTML, Result, error) {
	// The Markdown is only needed while it is rendered: goldmark's tree
	// points into it, and everything kept from it is a copy.
	in := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(in)
	src, err := p.Source.ReadBody(r.src, in)
	if err != nil {
		return "", Result{}, content.Errorf(p.Source.Path, 0, "%v", err)
	}
	st := &docState{src: *p.Source, pageURL: p.URL, resolver: r.resolver, body: src}
	pc := parser.NewContext()
	pc.Set(docKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if err := st.errs.Err(); err != nil {
		return "", Result{}, err
	}
	// Pooled buffers: goldmark wraps any writer that is not buffered in
	// a new 4 KB bufio.Writer.
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	bw := r.writers.Get().(*bufio.Writer)
	defer r.writers.Put(bw)
	bw.Reset(buf)
	err = r.md.Renderer().Render(bw, src, doc)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return "", Result{}, content.Errorf(p.Source.Path, 0, "rendering Markdown: %v", err)
	}
	res := Result{
		Summary: html.UnescapeString(firstParagraph(doc, src)),
		Anchors: st.anchors,
	}
	if len(st.ids) > 1 {
		// Kept to the end of the build for the anchor check, and most
		// pages of an archive share their headings ("Highlights",
		// "Sources"): one copy of each list.
		res.ids = unique.Make(string(st.ids)).Value()
	}
	// The body is goldmark's output from editor Markdown with raw HTML
	// omitted and every URL checked above: safe to insert as HTML.
	return template.HTML(buf.String()), res, nil
}

// resolver answers links for bodies from the site model and the static files.
type resolver struct {
	s      *site.Site
	static func(string) bool
}

func (r resolver) FileURL(p string) (string, bool) { return r.s.FileURL(p) }
func (r resolver) URL(rel string) string           { return r.s.URL(rel) }
func (r resolver) Exists(rel string) bool {
	return r.s.HasPage(rel) || (r.static != nil && r.static(rel))
}
