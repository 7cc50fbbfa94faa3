package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020", "2020-09", "2020-09-25", "2020-summer", "2020-09-25T14:00:00+02:00", "25/09/2020", "2020-+9", "9999-12-31T23:59:59-23:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again.Compare(d) != 0 || again.Precision() != d.Precision() {
			t.Fatalf("%q → %q → %v, %v", s, d.String(), again, err)
		}
		if d.Human() == "" || d.Machine() == "" {
			t.Fatalf("%q formats as nothing", s)
		}
	})
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Musée du Louvre", "快手", "V&A", "Straße", "..", "a/b", " -x- "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slugify(s)
		if slug == "" {
			return
		}
		if !utf8.ValidString(slug) {
			t.Fatalf("Slugify(%q) = %q is not UTF-8", s, slug)
		}
		if why := ValidSlug(slug); why != "" {
			t.Fatalf("Slugify(%q) = %q, which %s", s, slug, why)
		}
		if again := Slugify(slug); again != slug {
			t.Fatalf("Slugify is not idempotent: %q → %q → %q", s, slug, again)
		}
		if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
			t.Fatalf("Slugify(%q) = %q has stray hyphens", s, slug)
		}
	})
}

// FuzzLoadEvent feeds arbitrary bytes to the loader as an event file: it
// must never panic, and every error must name the file.
func FuzzLoadEvent(f *testing.F) {
	for _, dir := range []string{"testdata/bad", "testdata/good"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"content/events/f.md": {Data: data}}
		a, err := Load(fsys, Options{})
		for _, e := range AsList(err) {
			if e.Path != "content/events/f.md" {
				t.Fatalf("error without the file: %v", e)
			}
			if e.Line < 0 || e.Line > strings.Count(string(data), "\n")+1 {
				t.Fatalf("error line %d outside the file: %v", e.Line, e)
			}
		}
		if err == nil {
			if len(a.Events) != 1 {
				t.Fatalf("no error and %d events", len(a.Events))
			}
			e := a.Events[0]
			if e.Title == "" || e.Date.IsZero() || len(e.Platforms) == 0 || len(e.Institutions) == 0 {
				t.Fatalf("an event without its required keys was accepted: %+v", e)
			}
		}
	})
}
