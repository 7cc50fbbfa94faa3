package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// buildTo builds the site at src into a new folder and returns it.
func buildTo(t *testing.T, src string, mod func(*Options)) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Dest: dest, Theme: vitrine.Theme}
	if mod != nil {
		mod(&opts)
	}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return dest
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestGolden builds the small site in testdata/site and compares every
// page with testdata/golden. Run "go test -update" after an intended
// change of output, and review the diff.
func TestGolden(t *testing.T) {
	out := readTree(t, buildTo(t, "testdata/site", nil))
	const golden = "testdata/golden"
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, data := range out {
			if !strings.HasSuffix(name, ".html") {
				continue // the theme's static files are not this test's business
			}
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, golden)
	for _, name := range sortedKeys(want) {
		got, ok := out[name]
		if !ok {
			t.Errorf("%s: in %s but not written", name, golden)
			continue
		}
		if !bytes.Equal(got, want[name]) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", name, golden, firstDiff(got, want[name]))
		}
	}
	for _, name := range sortedKeys(out) {
		if _, ok := want[name]; !ok && strings.HasSuffix(name, ".html") {
			t.Errorf("%s: written but not in %s", name, golden)
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(no line differs)"
}

var linkRE = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"|content="\d+;\s*url=([^"]*)"`)

// checkLinks asserts that every internal link in the built site at dir,
// served at base path basePath, leads to a file that was written.
func checkLinks(t *testing.T, dir, basePath string) int {
	t.Helper()
	files := readTree(t, dir)
	checked := 0
	for _, name := range sortedKeys(files) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(string(files[name]), -1) {
			raw := m[1] + m[2]
			raw = strings.ReplaceAll(raw, "&amp;", "&")
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: bad URL %q", name, raw)
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue // external, or an anchor on the same page
			}
			if !strings.HasPrefix(u.Path, basePath) {
				t.Errorf("%s: link %q is outside the base path %s", name, raw, basePath)
				continue
			}
			rel := strings.TrimPrefix(u.Path, basePath)
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			if _, ok := files[rel]; !ok {
				t.Errorf("%s: link %q leads to %s, which was not written", name, raw, rel)
			}
			checked++
		}
	}
	return checked
}

// TestSampleArchiveLinks builds the repository's own sample archive, at
// the root and under a sub-path, and follows every internal link.
func TestSampleArchiveLinks(t *testing.T) {
	for _, base := range []string{"/", "https://example.org/archive/museums/"} {
		t.Run(base, func(t *testing.T) {
			dir := buildTo(t, "../..", func(o *Options) { o.BaseURL = base })
			u, _ := url.Parse(base)
			n := checkLinks(t, dir, u.Path)
			if n < 200 {
				t.Errorf("only %d internal links checked: the link pattern no longer matches the output", n)
			}
			for _, p := range []string{"index.html", "404.html", "timeline/index.html", "platforms/index.html",
				"platforms/fliggy/index.html", "platforms/kuaishou/index.html", "platforms/taobao-live/index.html",
				"institutions/index.html", "institutions/musee-du-louvre/index.html", "tags/index.html",
				"events/louvre-fliggy-2020/index.html", "events/victoria-and-albert-museum-kuaishou-2020/index.html",
				"about/index.html", "style.css"} {
				if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
					t.Errorf("sample archive lacks %s", p)
				}
			}
		})
	}
}

// TestFeeds checks that the sitemap and the Atom feed parse and carry
// what their formats require, with editors' text escaped for XML.
func TestFeeds(t *testing.T) {
	dir := buildTo(t, "testdata/site", nil)
	var feed struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if feed.ID != "https://example.org/archive/" || feed.Updated != "2020-09-25T00:00:00Z" || len(feed.Entries) != 3 {
		t.Errorf("feed: id %q, updated %q, %d entries", feed.ID, feed.Updated, len(feed.Entries))
	}
	if e := feed.Entries[0]; e.Title != `The Louvre & its "Mona Lisa" <live>` || e.Link.Href != "https://example.org/archive/events/louvre/" || e.Updated == "" {
		t.Errorf("first entry %+v", e)
	}
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	data, err = os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &sitemap); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	if len(sitemap.URLs) < 15 {
		t.Errorf("sitemap has %d URLs", len(sitemap.URLs))
	}
	for _, u := range sitemap.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/archive/") {
			t.Errorf("sitemap URL %q is not absolute under the base URL", u.Loc)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := readTree(t, buildTo(t, "../..", nil))
	b := readTree(t, buildTo(t, "../..", nil))
	if len(a) != len(b) {
		t.Fatalf("two builds wrote %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

// TestSubPath checks the golden site built under another base URL: the
// same pages, with every link under the new path.
func TestSubPath(t *testing.T) {
	dir := buildTo(t, "testdata/site", func(o *Options) { o.BaseURL = "https://museum.example/a/b/" })
	if n := checkLinks(t, dir, "/a/b/"); n < 50 {
		t.Errorf("only %d links checked", n)
	}
	home, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !bytes.Contains(home, []byte(`href="https://museum.example/a/b/"`)) {
		t.Errorf("home page has no canonical link under the base URL")
	}
}

// copySite copies the golden test site into a temporary folder the test may change.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir("testdata/site", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/site", p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailedBuildKeepsPublished checks the promise editors rely on: a
// build that fails leaves the published folder byte for byte as it was,
// and leaves no staging folder behind.
func TestFailedBuildKeepsPublished(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Dest: dest, Theme: vitrine.Theme}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	write(t, src, "content/events/broken.md", "---\ntitle: Broken\ndate: 25/09/2020\ninstitution: X\nplatfrom: Y\n---\n")
	_, err := Build(context.Background(), opts)
	want := "content/events/broken.md:2: missing required key \"platform\": every event needs one\n" +
		"content/events/broken.md:3: date: invalid date \"25/09/2020\": want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-<season> or an RFC 3339 date-time with offset\n" +
		"content/events/broken.md:5: unknown key \"platfrom\"; did you mean \"platform\"?"
	if err == nil || err.Error() != want {
		t.Fatalf("got error:\n%v\nwant:\n%s", err, want)
	}
	after := readTree(t, dest)
	if len(after) != len(before) {
		t.Fatalf("published folder had %d files, now %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed although the build failed", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.building-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}

	// A canceled build (Ctrl-C) publishes nothing either.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := os.Remove(filepath.Join(src, "content/events/broken.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ctx, opts); err == nil {
		t.Fatal("a canceled build succeeded")
	}
	if got := readTree(t, dest); len(got) != len(before) {
		t.Errorf("a canceled build changed the published folder")
	}
}

// TestDeletedEventDisappears checks that no stale page survives a rebuild.
func TestDeletedEventDisappears(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Dest: dest, Theme: vitrine.Theme}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "content/events/versailles.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "events/versailles/index.html")); !os.IsNotExist(err) {
		t.Errorf("the deleted event's page is still published (%v)", err)
	}
	tl, _ := os.ReadFile(filepath.Join(dest, "timeline/index.html"))
	if bytes.Contains(tl, []byte("Versailles")) {
		t.Errorf("the timeline still lists the deleted event")
	}
}

// TestSiteErrors checks errors found across files, each naming the files involved.
func TestSiteErrors(t *testing.T) {
	minified := strings.Replace(readFile(t, "testdata/site/content/site.yaml"), "minify: false", "minify: true", 1)
	tests := []struct {
		name  string
		files map[string]string
		want  string
		exact bool // the whole report is want
	}{
		{
			name:  "two files with one slug",
			files: map[string]string{"content/events/zz.md": "---\ntitle: Z\ndate: 2020\ninstitution: I\nplatform: P\nslug: louvre\n---\n"},
			want:  `content/events/zz.md:6: slug "louvre" is already used by content/events/louvre.md: two events cannot share the URL /events/louvre/`,
		},
		{
			name:  "two spellings of one name",
			files: map[string]string{"content/events/zz.md": "---\ntitle: Z\ndate: 2020\ninstitution: Musee du Louvre\nplatform: Fliggy\n---\n"},
			want:  `content/events/zz.md:4: institution "Musee du Louvre" and "Musée du Louvre" (content/institutions/musee-du-louvre.md:0) both make the URL /institutions/musee-du-louvre/: spell them the same`,
		},
		{
			name:  "template syntax error",
			files: map[string]string{"templates/tag.html": "{{template \"base\" .}}\n{{define \"main\"}}\n<h1>{{.Tag.Name</h1>\n{{end}}\n"},
			want:  `templates/tag.html:3: bad character U+003C '<'`,
		},
		{
			name:  "template execution error",
			files: map[string]string{"templates/tag.html": "{{template \"base\" .}}\n{{define \"main\"}}\n<h1>{{.Tag.Nmae}}</h1>\n{{end}}\n"},
			want:  `templates/tag.html:3: executing "main" at <.Tag.Nmae>: can't evaluate field Nmae in type *site.Tag (rendering /tags/design/ and 2 other pages)`,
		},
		{
			// Named as written, not as the fused call that failed (the
			// escapers after url are fused with it).
			name:  "template function given the wrong type",
			files: map[string]string{"templates/tag.html": "{{template \"base\" .}}\n{{define \"main\"}}\n<a href=\"{{url .Tag.URL}}\">{{plural .Tag.Name \"a\" \"b\"}}</a>\n{{end}}\n"},
			want:  `templates/tag.html:3: executing "main" at <plural .Tag.Name "a" "b">: error calling plural: not a whole number: string (rendering /tags/design/ and 2 other pages)`,
		},
		{
			name: "execution error in a cached partial",
			files: map[string]string{
				"templates/_extra.html": "{{define \"extra\"}}\n<p>\n  {{.Nmae}}\n</p>\n{{end}}\n",
				"templates/tag.html":    "{{template \"base\" .}}\n{{define \"main\"}}\n<h1>{{.Tag.Name}}</h1>\n{{cached \"extra\" .Tag}}\n{{end}}\n",
			},
			want: `templates/_extra.html:3: executing "extra" at <.Nmae>: can't evaluate field Nmae in type *site.Tag (rendering /tags/design/ and 2 other pages)`,
		},
		{
			name: "execution error in a cached partial, minified",
			files: map[string]string{
				"content/site.yaml":     minified,
				"templates/_extra.html": "{{define \"extra\"}}\n<p>\n  <b>\n  {{.Name}}\n  </b>\n  {{.Nmae}}\n</p>\n{{end}}\n",
				"templates/tag.html":    "{{template \"base\" .}}\n{{define \"main\"}}\n<h1>\n{{.Tag.Name}}\n</h1>\n{{cached \"extra\" .Tag}}\n{{end}}\n",
			},
			want: `templates/_extra.html:6: executing "extra" at <.Nmae>: can't evaluate field Nmae in type *site.Tag (rendering /tags/design/ and 2 other pages)`,
		},
		{
			name: "execution error in a card, minified",
			files: map[string]string{
				"content/site.yaml":  minified,
				"templates/_zz.html": "{{define \"card\"}}\n<p>\n  <b>\n  {{.Event.Title}}\n  </b>\n  {{.Event.Nmae}}\n</p>\n{{end}}\n",
			},
			// One error for every page the card is on, and none for the
			// links to headings on the pages that failed.
			want:  `templates/_zz.html:6: executing "card" at <.Event.Nmae>: can't evaluate field Nmae in type *site.Event (rendering / and 12 other pages)`,
			exact: true,
		},
		{
			name:  "static file over a page",
			files: map[string]string{"static/timeline/index.html": "<p>mine</p>"},
			want:  `static/timeline/index.html: static file would overwrite the generated page /timeline/index.html`,
		},
		{
			// Found while the lists render, where the sitemap is written.
			name:  "static file over the sitemap",
			files: map[string]string{"static/sitemap.xml": "<urlset/>"},
			want:  `static/sitemap.xml: static file would overwrite the generated /sitemap.xml`,
			exact: true,
		},
		{
			name:  "broken link in a body",
			files: map[string]string{"content/events/zz.md": "---\ntitle: Z\ndate: 2020\ninstitution: I\nplatform: P\n---\n\nSee [nothing](nothing.md)\nand [javascript](javascript:alert(1)).\n"},
			want: "content/events/zz.md:8: link to \"nothing.md\": content/events/nothing.md is not a page of this site (missing, misspelled or a draft)\n" +
				"content/events/zz.md:9: link \"javascript:alert(1)\": only http, https and mailto addresses are allowed",
		},
		{
			name:  "missing image",
			files: map[string]string{"content/events/zz.md": "---\ntitle: Z\ndate: 2020\ninstitution: I\nplatform: P\nimage: /images/nope.jpg\nimage_alt: Nothing\n---\n\n![a picture](/images/also-nope.png)\n"},
			want: "content/events/zz.md:6: image \"/images/nope.jpg\": no such file in static/\n" +
				"content/events/zz.md:10: image to \"/images/also-nope.png\": nothing is published at /images/also-nope.png",
		},
		{
			name:  "missing anchor on another page",
			files: map[string]string{"content/events/zz.md": "---\ntitle: Z\ndate: 2020\ninstitution: I\nplatform: P\n---\n\nSee [the route](louvre.md#no-such-heading).\n"},
			want:  "content/events/zz.md:8: link to /events/louvre/#no-such-heading: that page has no heading with this anchor",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copySite(t)
			for name, text := range tt.files {
				write(t, src, name, text)
			}
			_, err := Run(context.Background(), Options{Source: src, Theme: vitrine.Theme}, Discard)
			if err == nil {
				t.Fatalf("build succeeded, want error %s", tt.want)
			}
			if tt.exact && err.Error() != tt.want {
				t.Fatalf("got:\n%v\nwant exactly:\n%s", err, tt.want)
			}
			var lines []string
			for _, e := range content.AsList(err) {
				if !strings.Contains(tt.want, "\n") && !strings.HasPrefix(e.Error(), strings.SplitN(tt.want, ":", 2)[0]) {
					continue
				}
				lines = append(lines, e.Error())
			}
			got := strings.Join(dedupe(lines), "\n")
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func dedupe(l []string) []string {
	var out []string
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func TestRefusesDangerousDest(t *testing.T) {
	src := copySite(t)
	for _, dest := range []string{src, filepath.Dir(src), filepath.Join(src, "content", "out"), filepath.Join(src, "static")} {
		if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Theme: vitrine.Theme}); err == nil {
			t.Errorf("building into %s succeeded", dest)
		}
	}
	notASite := t.TempDir()
	write(t, notASite, "thesis.txt", "precious")
	if _, err := Build(context.Background(), Options{Source: src, Dest: notASite, Theme: vitrine.Theme}); err == nil {
		t.Errorf("building over a folder that is not a built site succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(notASite, "thesis.txt")); string(b) != "precious" {
		t.Errorf("an unrelated folder was replaced")
	}
}

// TestSymlinksOutsideRefused checks that links leading out of the site
// are refused, in content/ and in static/, with the file named.
func TestSymlinksOutsideRefused(t *testing.T) {
	src := copySite(t)
	outside := t.TempDir()
	write(t, outside, "secret.md", "---\ntitle: Secret\ndate: 2020\ninstitution: I\nplatform: P\n---\nsecret\n")
	write(t, outside, "passwd", "root:x:0:0")
	write(t, src, "static/ok.txt", "fine")
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(src, "content/events/leak.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(src, "static/passwd")); err != nil {
		t.Fatal(err)
	}
	_, err := Check(context.Background(), Options{Source: src, Theme: vitrine.Theme})
	want := "content/events/leak.md: a symbolic link leads outside the site's folder: refused\n" +
		"static/passwd: a symbolic link leads outside the site's folder: refused"
	if err == nil || err.Error() != want {
		t.Fatalf("got:\n%v\nwant:\n%s", err, want)
	}
	// A link that stays inside the site is fine.
	if err := os.Remove(filepath.Join(src, "content/events/leak.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "static/passwd")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("ok.txt", filepath.Join(src, "static/also-ok.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(context.Background(), Options{Source: src, Theme: vitrine.Theme}); err != nil {
		t.Fatalf("an inside link was refused: %v", err)
	}
}

// pageRecorder is an Output that keeps the names of the pages written.
type pageRecorder struct {
	mu    sync.Mutex
	pages []string
}

func (r *pageRecorder) WriteFile(name string, _ []byte) error {
	if strings.HasSuffix(name, ".html") {
		r.mu.Lock()
		r.pages = append(r.pages, name)
		r.mu.Unlock()
	}
	return nil
}

func (r *pageRecorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.pages)
}

// TestLoadingLoaded checks the calls around loading, where the command
// changes the collector's pace: Loading first, before any page is
// written, Loaded once the whole model is made and still before any
// page; and neither for a build that the record shows to be unchanged.
func TestLoadingLoaded(t *testing.T) {
	out := &pageRecorder{}
	var calls []string
	opts := Options{Source: "testdata/site", Theme: vitrine.Theme,
		Loading: func() { calls = append(calls, fmt.Sprintf("loading after %d pages", out.count())) },
		Loaded:  func() { calls = append(calls, fmt.Sprintf("loaded after %d pages", out.count())) },
	}
	rep, err := Run(context.Background(), opts, out)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"loading after 0 pages", "loaded after 0 pages"}; !slices.Equal(calls, want) {
		t.Errorf("calls %q, want %q", calls, want)
	}
	if n := out.count(); n != rep.TotalPages() || n == 0 {
		t.Errorf("%d pages written in all, report says %d", n, rep.TotalPages())
	}

	if !haveStamps {
		return // no build record here
	}
	opts.Dest = filepath.Join(t.TempDir(), "public")
	opts.CacheDir = t.TempDir()
	for i := range 2 {
		calls = nil
		rep, err := Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if want := 2 * (1 - i); len(calls) != want || rep.Unchanged != (i == 1) {
			t.Errorf("build %d: %d calls (want %d), unchanged %v", i+1, len(calls), want, rep.Unchanged)
		}
	}
}
