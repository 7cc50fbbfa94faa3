package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/content"
)

// testBaseURL is absolute, as the dev server's is, so that builds write
// the sitemap and the feed too.
const testBaseURL = "http://127.0.0.1:8080/"

// copySample copies the sample archive's content/ (at the top of the
// repository) into a new folder and returns it.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, dir, name string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := f(string(b))
	if s == string(b) {
		t.Fatalf("%s: the edit changed nothing", name)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func builderFor(t *testing.T, dir string) *Builder {
	t.Helper()
	b, err := NewBuilder(Options{Source: dir, BaseURL: testBaseURL, Theme: vitrine.Theme})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// rebuild builds after changed and checks the result against a full
// build of the same files by a new Builder: a quick build must make the
// very same site.
func rebuild(t *testing.T, b *Builder, dir string, wantFull bool, changed ...string) *Update {
	t.Helper()
	up, err := b.Build(context.Background(), changed)
	if err != nil {
		t.Fatalf("build after %v: %v", changed, err)
	}
	if up.Full != wantFull {
		t.Errorf("build after %v: got Full %v, want %v", changed, up.Full, wantFull)
	}
	fresh, err := builderFor(t, dir).Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("fresh build: %v", err)
	}
	sameFiles(t, up.Files, fresh.Files)
	return up
}

func sameFiles(t *testing.T, got, want map[string]File) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing", name)
		case !g.Equal(w):
			gb, _ := g.Bytes()
			wb, _ := w.Bytes()
			t.Errorf("%s: differs from a full build:\ngot  %.300q\nwant %.300q", name, gb, wb)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not made by a full build", name)
		}
	}
}

func TestBuilderFirstBuildIsRun(t *testing.T) {
	dir := copySample(t)
	up, err := builderFor(t, dir).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !up.Full {
		t.Error("first build: got Full false")
	}
	mem := NewMemory()
	if _, err := Run(context.Background(), Options{Source: dir, BaseURL: testBaseURL, Theme: vitrine.Theme}, mem); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, up.Files, mem.Files())
	if len(up.Changed) != len(up.Files) {
		t.Errorf("first build: %d files changed, want all %d", len(up.Changed), len(up.Files))
	}
}

func TestBuilderQuick(t *testing.T) {
	dir := copySample(t)
	b := builderFor(t, dir)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	const event = "content/events/louvre-fliggy-2020.md"

	// The summary now comes from the first paragraph.
	edit(t, dir, event, func(s string) string {
		return regexp.MustCompile(`(?m)^summary: .*\n`).ReplaceAllString(s, "")
	})
	rebuild(t, b, dir, true, event)

	t.Run("body", func(t *testing.T) {
		edit(t, dir, event, func(s string) string { return strings.Replace(s, "opened its galleries", "opened its rooms", 1) })
		up := rebuild(t, b, dir, false, event)
		// The summary changed: the lists holding the event render again.
		for _, name := range []string{"events/louvre-fliggy-2020/index.html", "feed.xml"} {
			if !slices.Contains(up.Changed, name) {
				t.Errorf("%s is not among the changed: %v", name, up.Changed)
			}
		}
		if up.Rendered < 2 {
			t.Errorf("rendered %d files, want the event and the lists showing its summary", up.Rendered)
		}
	})
	t.Run("body, not the summary", func(t *testing.T) {
		edit(t, dir, event, func(s string) string { return strings.Replace(s, "## The visit", "## The tour", 1) })
		up := rebuild(t, b, dir, false, event)
		if up.Rendered != 1 {
			t.Errorf("rendered %d files, want 1", up.Rendered)
		}
	})
	t.Run("page", func(t *testing.T) {
		edit(t, dir, "content/pages/about.md", func(s string) string { return s + "\nOne more paragraph.\n" })
		rebuild(t, b, dir, false, "content/pages/about.md")
	})
	t.Run("static", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "static/extra.css"), []byte("p { color: red }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		rebuild(t, b, dir, true, "static/extra.css") // a new file: links to it were errors
		edit(t, dir, "static/extra.css", func(s string) string { return strings.Replace(s, "red", "blue", 1) })
		up := rebuild(t, b, dir, false, "static/extra.css")
		if !slices.Equal(up.Changed, []string{"extra.css"}) {
			t.Errorf("changed %v, want [extra.css]", up.Changed)
		}
	})
	t.Run("front matter", func(t *testing.T) {
		edit(t, dir, event, func(s string) string { return strings.Replace(s, "date: 2020-09-25", "date: 2020-09-24", 1) })
		rebuild(t, b, dir, true, event)
	})
	t.Run("removed", func(t *testing.T) {
		// Other events link to it: remove those links first.
		for _, name := range linksTo(t, dir, "louvre-fliggy-2020.md") {
			edit(t, dir, name, func(s string) string {
				return regexp.MustCompile(`\[([^\]]*)\]\([^)]*louvre-fliggy-2020\.md[^)]*\)`).ReplaceAllString(s, "$1")
			})
		}
		if err := os.Remove(filepath.Join(dir, event)); err != nil {
			t.Fatal(err)
		}
		up := rebuild(t, b, dir, true, event)
		if _, ok := up.Files["events/louvre-fliggy-2020/index.html"]; ok {
			t.Error("the removed event's page is still there")
		}
	})
}

// linksTo returns the content files that mention target.
func linksTo(t *testing.T, dir, target string) []string {
	var names []string
	err := fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err == nil && bytes.Contains(b, []byte(target)) {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestBuilderErrorsKeepTheLastGoodSite(t *testing.T) {
	dir := copySample(t)
	b := builderFor(t, dir)
	first, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const page = "content/pages/about.md"
	edit(t, dir, page, func(s string) string { return s + "\nSee [nowhere](missing-page.md).\n" })
	_, err = b.Build(context.Background(), []string{page})
	list := content.AsList(err)
	if len(list) != 1 || list[0].Path != page || list[0].Line == 0 {
		t.Fatalf("broken link in a body: got error %v, want one at %s:line", err, page)
	}
	// Another change: the broken file is tried again with it.
	edit(t, dir, "content/pages/methodology.md", func(s string) string { return s + "\nMore.\n" })
	if _, err := b.Build(context.Background(), []string{"content/pages/methodology.md"}); err == nil {
		t.Fatal("build after an unrelated change: the broken link was forgotten")
	}
	edit(t, dir, page, func(s string) string { return strings.Replace(s, "[nowhere](missing-page.md)", "nowhere", 1) })
	up := rebuild(t, b, dir, false, page)
	if up.Files["about/index.html"].Equal(first.Files["about/index.html"]) {
		t.Error("about/index.html: the fixed page was not rebuilt")
	}
}

func TestBuilderStaysInsideTheSource(t *testing.T) {
	dir := copySample(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("the secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "static/secret.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	up, err := builderFor(t, dir).Build(context.Background(), nil)
	if err == nil {
		t.Fatalf("a static file linking outside the source was published: %v", up.Files["secret.txt"])
	}
	if l := content.AsList(err); len(l) == 0 || l[0].Path != "static/secret.txt" {
		t.Errorf("got error %v, want one for static/secret.txt", err)
	}
}
