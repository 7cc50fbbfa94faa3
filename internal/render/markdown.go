package render

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// newMarkdown returns the goldmark instance every body goes through.
// It is safe for concurrent use: per-document state lives in the
// parser.Context each conversion gets.
func newMarkdown(unsafe bool) goldmark.Markdown {
	rendererOpts := []goldmark.Option{
		goldmark.WithExtensions(
			// GitHub's tables, strikethrough and task lists. Not its
			// linkify: it makes every space in the text a place where the
			// inline parser stops to look for a URL, which costs about a
			// third of the Markdown's time, for bare URLs that an edited
			// archive rarely has. CommonMark's <https://…> autolinks work.
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,    // sources are often cited as footnotes in write-ups
			extension.Typographer, // curly quotes and dashes: the pages are edited prose
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(), // headings get ids, so links to #anchors work and can be checked
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
		),
	}
	if unsafe {
		// Only when the site says its editors are trusted: raw HTML in
		// Markdown is otherwise omitted (goldmark's default).
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(rendererOpts...)
}

// Resolver answers the questions links in a body raise.
type Resolver interface {
	// FileURL returns the site URL (relative to the root) of the page
	// made from a content file such as "content/events/louvre.md".
	FileURL(path string) (string, bool)
	// Exists reports whether a page or static file is written at a site
	// URL relative to the root ("events/louvre/", "images/a.jpg").
	Exists(rel string) bool
	// URL turns a root-relative site URL into the href to emit.
	URL(rel string) string
}

// AnchorRef is a link to a heading on another page, checked once every
// page's headings are known.
type AnchorRef struct {
	Path     string // the file the link is in
	Line     int
	Target   string // site URL of the linked page, relative to the root
	Fragment string
}

// docState is what the link transformer needs and finds for one body.
type docState struct {
	src      content.Source
	pageURL  string
	resolver Resolver
	body     []byte
	errs     content.ErrorList
	anchors  []AnchorRef
	ids      []byte // the headings' ids, each between "\x00"s: "\x00a\x00b\x00"
}

var docKey = parser.NewContextKey()

// linkTransformer rewrites links between content files into site URLs,
// and reports links and images that lead nowhere, dangerous URLs and
// images without alt text.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(docKey).(*docState)
	if st == nil {
		return
	}
	src := reader.Source()
	// Headings first: links to #anchors on this page are checked against them.
	var headings []*ast.Heading
	top := false
	st.ids = append(st.ids[:0], 0)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
			top = top || n.Level == 1
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					st.ids = append(append(st.ids, b...), 0)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			return ast.WalkSkipChildren, nil // inline content: no headings
		}
		return ast.WalkContinue, nil
	})
	// The page's title is its one h1: a body that uses "#" headings has
	// them all moved one level down, keeping their order.
	if top {
		for _, h := range headings {
			h.Level = min(h.Level+1, 6)
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination, src, "link")
		case *ast.Image:
			if len(bytes.TrimSpace(appendPlainText(nil, n, src))) == 0 {
				st.errorf(n, src, n.Destination, "image %q has no alt text: write ![what it shows](%s)", n.Destination, n.Destination)
			}
			n.Destination = st.resolve(n, n.Destination, src, "image")
		}
		return ast.WalkContinue, nil
	})
}

// resolve checks one destination and returns the href to emit.
func (st *docState) resolve(n ast.Node, dest, src []byte, what string) []byte {
	raw := string(dest)
	if raw == "" {
		st.errorf(n, src, dest, "%s with an empty address", what)
		return dest
	}
	if scheme := strings.ToLower(schemeOf(raw)); scheme != "" {
		switch scheme {
		case "http", "https", "mailto":
			if _, err := url.Parse(raw); err != nil {
				st.errorf(n, src, dest, "%s %q is not a valid address: %v", what, raw, err)
				return nil
			}
			return dest
		}
		st.errorf(n, src, dest, "%s %q: only http, https and mailto addresses are allowed", what, raw)
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		st.errorf(n, src, dest, "%s %q is not a valid address: %v", what, raw, err)
		return nil
	}
	if u.Host != "" { // "//example.org/x": protocol-relative
		return dest
	}
	frag := u.Fragment
	if u.Path == "" { // "#anchor" on this page
		if frag != "" && !hasID(string(st.ids), frag) {
			st.errorf(n, src, dest, "link to #%s: no heading on this page has that anchor (headings here: %s)", frag, strings.Join(splitIDs(string(st.ids)), ", "))
		}
		return dest
	}
	var target string
	page := false // target is known to be a page's URL
	switch {
	case strings.HasSuffix(u.Path, ".md"):
		file := u.Path
		if !strings.HasPrefix(file, "/") {
			file = path.Join(path.Dir(st.src.Path), file)
		} else {
			file = strings.TrimPrefix(path.Clean(file), "/")
		}
		t, ok := st.resolver.FileURL(file)
		if !ok {
			st.errorf(n, src, dest, "%s to %q: %s is not a page of this site (missing, misspelled or a draft)", what, raw, file)
			return dest
		}
		target, page = t, true
	case strings.HasPrefix(u.Path, "/"):
		target = strings.TrimPrefix(u.Path, "/")
	default:
		target = strings.TrimPrefix(path.Join("/"+path.Dir(st.pageURL+"x"), u.Path), "/")
		if strings.HasSuffix(u.Path, "/") && target != "" {
			target += "/"
		}
	}
	if !page && !st.resolver.Exists(target) {
		st.errorf(n, src, dest, "%s to %q: nothing is published at /%s", what, raw, target)
		return dest
	}
	if frag != "" {
		st.anchors = append(st.anchors, AnchorRef{Path: st.src.Path, Line: st.line(n, src, dest), Target: target, Fragment: frag})
	}
	out := st.resolver.URL(target)
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if frag != "" {
		out += "#" + frag
	}
	return []byte(out)
}

// hasID reports whether id is one of ids, a list of ids each between
// "\x00"s.
func hasID(ids, id string) bool {
	return id != "" && strings.IndexByte(id, 0) < 0 && strings.Contains(ids, "\x00"+id+"\x00")
}

// splitIDs returns the ids in a list of ids each between "\x00"s.
func splitIDs(ids string) []string {
	return strings.FieldsFunc(ids, func(r rune) bool { return r == 0 })
}

// schemeOf returns the URL scheme of s the way a browser finds it:
// ignoring ASCII whitespace and control characters inside it.
func schemeOf(s string) string {
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return ""
	}
	scheme := s[:i]
	if strings.IndexFunc(scheme, func(r rune) bool { return r <= ' ' }) < 0 {
		return scheme // most links: no copy
	}
	return strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, scheme)
}

func (st *docState) errorf(n ast.Node, src, dest []byte, format string, args ...any) {
	st.errs = append(st.errs, content.Errorf(st.src.Path, st.line(n, src, dest), format, args...))
}

// line finds the file line of an inline node: inline nodes carry no
// position, so look for the destination from the start of their block.
func (st *docState) line(n ast.Node, src, dest []byte) int {
	b := n
	for b != nil && b.Type() != ast.TypeBlock {
		b = b.Parent()
	}
	off := 0
	if b != nil && b.Lines().Len() > 0 {
		off = b.Lines().At(0).Start
		if len(dest) > 0 {
			if i := bytes.Index(src[off:], dest); i >= 0 {
				off += i
			}
		}
	}
	return st.src.BodyLine + bytes.Count(src[:off], []byte("\n"))
}

// appendPlainText appends the text of n and its inline children,
// without markup, to dst and returns it.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	switch n := n.(type) {
	case *ast.Text:
		dst = append(dst, n.Segment.Value(src)...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			dst = append(dst, ' ')
		}
	case *ast.String:
		dst = append(dst, n.Value...)
	case *ast.CodeSpan:
		for s := n.FirstChild(); s != nil; s = s.NextSibling() {
			if t, ok := s.(*ast.Text); ok {
				dst = append(dst, t.Segment.Value(src)...)
			}
		}
		return dst
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dst = appendPlainText(dst, c, src)
	}
	return dst
}

// firstParagraph returns the plain text of the document's first
// paragraph, each run of white space (as strings.Fields finds it) made
// one space, and none at either end. It is kept for the whole build, so
// it is made in one allocation of its own.
func firstParagraph(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok {
			var room [1024]byte // most first paragraphs fit
			return collapseSpace(appendPlainText(room[:0], p, src))
		}
	}
	return ""
}

// collapseSpace returns text with each run of white space made one
// space, and none at either end: strings.Join(strings.Fields(text), " ")
// in one allocation.
func collapseSpace(text []byte) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false // a space is owed before the next word
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:]) // an invalid byte is RuneError: kept as it is
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.Write(text[i : i+size])
		}
		i += size
	}
	return b.String()
}
