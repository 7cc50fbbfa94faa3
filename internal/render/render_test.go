package render

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// loadSite loads the content of fsys and models it.
func loadSite(fsys fs.FS, opts site.Options) (*site.Site, error) {
	a, err := content.Load(fsys, content.Options{})
	if err != nil {
		return nil, err
	}
	return site.New(a, opts)
}

// siteAndRenderer loads the site in fsys and makes its renderer, with
// the default theme, failing t on any error.
func siteAndRenderer(t testing.TB, fsys fs.FS) (*site.Site, *Renderer) {
	t.Helper()
	s, err := loadSite(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(s, fsys, vitrine.Theme, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// renderEvent loads a site with the given event file (and config), and
// renders that event's page.
func renderEvent(t testing.TB, event, config string) (string, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/events/e.md": {Data: []byte(event)},
		"content/site.yaml":   {Data: []byte(config)},
	}
	s, err := loadSite(fsys, site.Options{})
	if err != nil {
		return "", err
	}
	r, err := New(s, fsys, vitrine.Theme, nil)
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	for p := range s.Pages() {
		if p.Kind == site.KindEvent {
			var b bytes.Buffer
			_, err := r.Render(&b, p)
			return b.String(), err
		}
	}
	t.Fatal("no event page")
	return "", nil
}

const head = "---\ntitle: T\ndate: 2020\ninstitution: I\nplatform: P\n"

func TestRawHTMLOmittedByDefault(t *testing.T) {
	body := "Hello <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n<div>block</div>\n"
	out, err := renderEvent(t, head+"---\n"+body, "minify: false\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "onclick", "<div>block"} {
		if strings.Contains(out, bad) {
			t.Errorf("raw HTML %q reached the page", bad)
		}
	}
	out, err = renderEvent(t, head+"---\n"+body, "minify: false\nunsafe_html: true\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "<div>block</div>") {
		t.Errorf("unsafe_html: true did not pass raw HTML through")
	}
}

func TestFrontMatterIsEscaped(t *testing.T) {
	ev := "---\ntitle: \"<script>alert('t')</script> & co\"\ndate: 2020\ninstitution: \"I <b>x</b>\"\nplatform: P\nhosts: [\"<img src=x onerror=alert(1)>\"]\n" +
		"summary: \"\\\"><svg onload=alert(1)>\"\nsources:\n  - title: \"<i>T</i>\"\n    url: \"https://example.org/?a=1&b=\\\"x\\\"\"\n---\nBody\n"
	out, err := renderEvent(t, ev, "minify: false\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "<b>x</b>", "<img src=x", "<svg onload", "<i>T</i>", `b="x"`} {
		if strings.Contains(out, bad) {
			t.Errorf("front matter %q reached the page unescaped", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; co") {
		t.Errorf("title not shown escaped")
	}
}

func TestDangerousLinks(t *testing.T) {
	for _, dest := range []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"} {
		_, err := renderEvent(t, head+"---\n[click](<"+dest+">)\n", "minify: false\n")
		if err == nil || !strings.Contains(err.Error(), "only http, https and mailto addresses are allowed") {
			t.Errorf("link to %q: error %v", dest, err)
		}
		_, err = renderEvent(t, head+"---\n![pic](<"+dest+">)\n", "minify: false\n")
		if err == nil {
			t.Errorf("image from %q accepted", dest)
		}
	}
}

func TestHeadingsBelowTitle(t *testing.T) {
	out, err := renderEvent(t, head+"---\n# One\n\n## Two\n\n###### Six\n", "minify: false\n")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "<h1") != 1 || !strings.Contains(out, `<h2 id="one">One</h2>`) || !strings.Contains(out, `<h3 id="two">Two</h3>`) || !strings.Contains(out, `<h6 id="six">Six</h6>`) {
		t.Errorf("body headings not moved below the title:\n%s", out)
	}
	out, _ = renderEvent(t, head+"---\n## Two\n", "minify: false\n")
	if !strings.Contains(out, `<h2 id="two">Two</h2>`) {
		t.Errorf("a body without # headings was changed")
	}
}

func TestBodyChecks(t *testing.T) {
	tests := []struct{ body, want string }{
		{"# A\n\n[to a](#a) and [to b](#b)\n", "content/events/e.md:10: link to #b: no heading on this page has that anchor (headings here: a)"},
		{"text\n\n![](https://example.org/x.png)\n", `content/events/e.md:10: image "https://example.org/x.png" has no alt text: write ![what it shows](https://example.org/x.png)`},
		{"[x](/nowhere/)\n", `content/events/e.md:8: link to "/nowhere/": nothing is published at /nowhere/`},
		{"[x](/events/e/) and [y](e.md) and [z](https://example.org/) and [m](mailto:a@example.org)\n", ""},
	}
	for _, tt := range tests {
		_, err := renderEvent(t, head+"---\n\n"+tt.body, "minify: false\n")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("body %q:\n got %s\nwant %s", tt.body, got, tt.want)
		}
	}
}

// TestTemplateMinification checks that minifying templates once at load
// leaves next to nothing for a minifier to do on the rendered page.
func TestTemplateMinification(t *testing.T) {
	ev := head + "viewers: 1200\ntags: [a, b]\nhighlights: [x, y]\nsources:\n  - title: S\n    url: https://example.org/\n---\n\n# Heading\n\nA paragraph with *emphasis* and a [link](https://example.org/).\n\n- one\n- two\n\n> quoted\n"
	out, err := renderEvent(t, ev, "minify: true\n")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := (&Renderer{min: newMinifier()}).HTML(&again, []byte(out)); err != nil {
		t.Fatal(err)
	}
	saved := len(out) - again.Len()
	if saved*100 > len(out)*3 {
		t.Errorf("minifying the output again saves %d of %d bytes (over 3%%): the templates are not minified well", saved, len(out))
	}
	plain, _ := renderEvent(t, ev, "minify: false\n")
	if len(out) >= len(plain) {
		t.Errorf("minified page is %d bytes, unminified %d", len(out), len(plain))
	}
}

// TestMinifyTemplateComments checks that a quote in a template comment
// does not stop the minifier: it reads quotes inside actions as strings.
func TestMinifyTemplateComments(t *testing.T) {
	m := newMinifier()
	tests := []struct{ in, want string }{
		{"{{/* the page's header */}}<div>\n  <p>x</p>\n</div>", "{{/**/}}<div><p>x</p></div>"},
		{"<div>\n{{- /* a \"quote\n over lines */ -}}\n  <p>x</p>\n</div>", "<div>{{- /**/ -}}<p>x</p></div>"},
		{"<div>\n{{-\t/* the card's */\n-}}\n  <p>x</p>\n</div>", "<div>{{-\t/**/\n-}}<p>x</p></div>"}, // any space after a trim marker
		{`<p title="{{"it's"}}">{{.}}</p>`, `<p title="{{"it's"}}">{{.}}</p>`},                         // quotes in an action are kept
	}
	for _, tt := range tests {
		got, err := m.template("t.html", tt.in)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("minifying %q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestFuncs(t *testing.T) {
	s := &site.Site{Config: content.DefaultConfig()}
	fm := funcs(s)
	n := int64(3800000)
	tests := []struct {
		got  any
		want any
	}{
		{fm["number"].(func(any) string)(&n), "3,800,000"},
		{fm["number"].(func(any) string)(380000), "380,000"},
		{fm["compact"].(func(any) string)(&n), "3.8 million"},
		{fm["compact"].(func(any) string)(int64(3000000)), "3 million"},
		{fm["compact"].(func(any) string)(166000), "166,000"},
		{fm["plural"].(func(any, string, string) string)(1, "event", "events"), "1 event"},
		{fm["plural"].(func(any, string, string) string)(1200, "event", "events"), "1,200 events"},
		{fm["percent"].(func(any, any) int)(380000, &n), 10},
		{fm["percent"].(func(any, any) int)(1, &n), 1},
		{fm["percent"].(func(any, any) int)(0, &n), 0},
		{fm["langName"].(func(string) string)("zh"), "Chinese"},
		{fm["langName"].(func(string) string)("fr"), "French"},
		{formatDuration(90 * 60e9), "1 h 30 min"},
		{formatDuration(120 * 60e9), "2 h"},
		{formatDuration(45 * 60e9), "45 min"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %v, want %v", i, tt.got, tt.want)
		}
	}
}

func FuzzRenderEvent(f *testing.F) {
	f.Add("Body with [a link](https://example.org/) and <b>html</b>.", "T & <t>")
	f.Add("# H\n\n[x](#h)\n\n![alt](https://example.org/a.png)", "快手")
	f.Add("[j](javascript:alert(1))", "x")
	f.Fuzz(func(t *testing.T, body, title string) {
		ev := "---\ntitle: " + strconvQuote(title) + "\ndate: 2020\ninstitution: I\nplatform: P\n---\n" + body
		out, err := renderEvent(t, ev, "minify: false\n")
		if err != nil {
			return // rejected with an error: fine, as long as it did not panic
		}
		low := strings.ToLower(out)
		if strings.Contains(low, "<script") || strings.Contains(low, `href="javascript:`) || strings.Contains(low, `src="javascript:`) {
			t.Fatalf("dangerous output for body %q title %q", body, title)
		}
	})
}

func strconvQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s) + `"`
}

func TestSitemapIndex(t *testing.T) {
	defer func(n int) { sitemapLimit = n }(sitemapLimit)
	sitemapLimit = 4
	fsys := fstest.MapFS{"content/events/e.md": {Data: []byte(head + "---\n")}}
	s, err := loadSite(fsys, site.Options{BaseURL: "https://example.org/x/"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := XMLFiles(s)
	if err != nil {
		t.Fatal(err)
	}
	// 8 pages in the sitemap (the 404 page is left out): 2 parts of 4.
	for _, name := range []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "feed.xml"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s among %d files", name, len(files))
		}
	}
	index := string(files["sitemap.xml"])
	if !strings.Contains(index, "<sitemapindex") || !strings.Contains(index, "<loc>https://example.org/x/sitemap-2.xml</loc>") {
		t.Errorf("index:\n%s", index)
	}
	if n := strings.Count(string(files["sitemap-1.xml"]), "<url>"); n != 4 {
		t.Errorf("first part has %d URLs, want 4", n)
	}
}

func TestCachedPartials(t *testing.T) {
	fsys := fstest.MapFS{
		"content/events/e.md":  {Data: []byte(head + "---\n")},
		"templates/_test.html": {Data: []byte(`{{define "stamp"}}[{{.Name}}]{{end}}{{define "pair"}}{{.A.Name}}-{{.B}}{{end}}`)},
	}
	_, r := siteAndRenderer(t, fsys)
	type named struct{ Name string }
	x := &named{"first"}
	check := func(name string, data any, want string) {
		t.Helper()
		got, err := r.cached(name, data)
		if err != nil || string(got) != want {
			t.Errorf("cached %q %v = %q, %v; want %q", name, data, got, err, want)
		}
	}
	check("stamp", x, "[first]")
	x.Name = "changed"
	check("stamp", x, "[first]") // kept: the pointer is the key
	check("stamp", &named{"other"}, "[other]")
	check("stamp", named{"value"}, "[value]")
	check("pair", map[string]any{"A": x, "B": 1}, "changed-1") // a dict's values are the key
	check("pair", map[string]any{"A": x, "B": 2}, "changed-2")
	r.Forget()
	check("stamp", x, "[changed]")

	for _, tt := range []struct {
		data any
		want string
	}{
		{[]string{"a"}, `cached "stamp": []string cannot key a cached partial`},
		{map[string]any{"A": []int{1}}, `cached "stamp": dict value "A" ([]int) cannot key`},
		{map[string]any{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7}, `cached "stamp": a dict of 7 values; at most 6`},
	} {
		if _, err := r.cached("stamp", tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("cached %v: error %v, want %q", tt.data, err, tt.want)
		}
	}
	if _, err := r.cached("no-such-partial", x); err == nil {
		t.Error("cached of a missing partial: no error")
	}
}

// TestHasID checks the lookup in the compact list of heading ids a
// Result keeps: whole ids only, never a part of one.
func TestHasID(t *testing.T) {
	ids := "\x00overview\x00view\x00a-b\x00"
	for id, want := range map[string]bool{
		"overview": true, "view": true, "a-b": true,
		"": false, "over": false, "a": false, "b": false, "views": false, "view\x00a-b": false, "\x00": false,
	} {
		if got := hasID(ids, id); got != want {
			t.Errorf("hasID(%q, %q) = %t, want %t", ids, id, got, want)
		}
	}
	if hasID("", "x") {
		t.Error("an id found in an empty list")
	}
	if got := splitIDs(ids); !slices.Equal(got, []string{"overview", "view", "a-b"}) {
		t.Errorf("splitIDs: %q", got)
	}
}

func TestCollapsePageErrors(t *testing.T) {
	in := content.ErrorList{
		content.Errorf("templates/tag.html", 3, "executing %q: boom (rendering /tags/b/)", "main"),
		content.Errorf("content/events/a.md", 9, "link to \"x.md\": missing"),
		content.Errorf("content/events/b.md", 2, "title %q (rendering /)", "x"),
		content.Errorf("content/events/b.md", 2, "title %q (rendering /)", "x"),
		content.Errorf("templates/tag.html", 3, "executing %q: boom (rendering /tags/a/)", "main"),
		content.Errorf("templates/_p.html", 2, "bad (rendering /)"),
		content.Errorf("templates/tag.html", 3, "executing %q: boom (rendering /tags/c/)", "main"),
		content.Errorf("templates/home.html", 1, "once (rendering /)"),
		content.Errorf("templates/_p.html", 2, "bad (rendering /timeline/)"),
	}
	want := []string{
		`templates/tag.html:3: executing "main": boom (rendering /tags/a/ and 2 other pages)`,
		`content/events/a.md:9: link to "x.md": missing`,
		`content/events/b.md:2: title "x" (rendering /)`,
		`content/events/b.md:2: title "x" (rendering /)`,
		`templates/_p.html:2: bad (rendering / and 1 other page)`,
		`templates/home.html:1: once (rendering /)`,
	}
	got := CollapsePageErrors(in)
	if len(got) != len(want) {
		t.Fatalf("got %d errors:\n%v\nwant:\n%s", len(got), got, strings.Join(want, "\n"))
	}
	for i, e := range got {
		if e.Error() != want[i] {
			t.Errorf("error %d: got %q, want %q", i, e.Error(), want[i])
		}
	}
}

// TestSummary checks the summary a body gives: its first paragraph as
// plain text, on one line, with character references decoded.
func TestSummary(t *testing.T) {
	body := "# A heading first\n\n  The *Louvre's*   tour [of the\ngalleries](https://example.org)\n" +
		"with `code`, AT&amp;T  and\u00a0a non-breaking space.  \nNext line.\n\nSecond paragraph.\n"
	fsys := fstest.MapFS{
		"content/events/e.md": {Data: []byte(head + "---\n" + body)},
		"content/site.yaml":   {Data: []byte("title: T\n")},
	}
	s, r := siteAndRenderer(t, fsys)
	res, err := r.Render(new(bytes.Buffer), s.EventPage(s.Events[0]))
	if err != nil {
		t.Fatal(err)
	}
	want := "The Louvre’s tour of the galleries with code, AT&T and a non-breaking space. Next line."
	if res.Summary != want {
		t.Errorf("summary\n got %q\nwant %q", res.Summary, want)
	}
}

// TestCollapseSpace checks collapseSpace against what it stands for,
// strings.Join(strings.Fields(s), " "), on white space of every kind,
// invalid UTF-8 and random strings of them.
func TestCollapseSpace(t *testing.T) {
	pieces := []string{"a", "é", "語", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u2003",
		"\u3000", "\u200b", "\xff", "\xe2\x80", "x y"}
	cases := []string{"", " ", "a", " a ", "a  b", "\u00a0a\u3000b\u2028", "\xffa \xe2\x80 b"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, want := collapseSpace([]byte(c)), strings.Join(strings.Fields(c), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", c, got, want)
		}
	}
}
