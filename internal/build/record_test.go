package build

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/vitrine-archive/vitrine"
)

// recordedBuild builds with a build record, and says whether the build
// was skipped.
func recordedBuild(t *testing.T, opts Options) (unchanged bool) {
	t.Helper()
	rep, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if rep.TotalPages() == 0 {
		t.Fatalf("report of no pages: %+v", rep)
	}
	return rep.Unchanged
}

// TestUnchangedBuildIsSkipped checks the build record: a build is
// skipped only when it would publish exactly what is published, and a
// change to any source, option, the theme or the published folder
// itself makes the next build run in full.
func TestUnchangedBuildIsSkipped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("build records need inodes and ctimes, known on Linux")
	}
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // the test's files are all written before each build starts

	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Dest: dest, Theme: vitrine.Theme, CacheDir: t.TempDir()}
	first, err := Build(context.Background(), opts)
	if err != nil || first.Unchanged {
		t.Fatalf("the first build: %v, %+v", err, first)
	}
	published := readTree(t, dest)
	if !recordedBuild(t, opts) {
		t.Fatal("a build with nothing changed was not skipped")
	}
	if got := readTree(t, dest); !maps.EqualFunc(got, published, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Fatal("a skipped build changed the published folder")
	}
	rep, _ := Build(context.Background(), opts)
	if s := rep.String(); !strings.HasPrefix(s, fmt.Sprintf("nothing changed since the last build: its %d pages and %d static files", first.TotalPages(), first.Static)) {
		t.Errorf("skipped build's report: %q", s)
	}

	steps := []struct {
		name   string
		change func(o *Options)
		check  func(t *testing.T) // after the build that the change caused
	}{
		{"event edited", func(*Options) {
			edit(t, src, "content/events/louvre.md", func(s string) string { return strings.Replace(s, "Louvre", "Louvre Museum", 1) })
		}, func(t *testing.T) {
			if !strings.Contains(readFile(t, filepath.Join(dest, "events/louvre/index.html")), "Louvre Museum") {
				t.Error("the edit was not published")
			}
		}},
		{"event removed", func(*Options) {
			must(t, os.Remove(filepath.Join(src, "content/events/versailles.md")))
		}, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dest, "events/versailles")); err == nil {
				t.Error("the removed event is still published")
			}
		}},
		{"template edited", func(*Options) {
			page, err := fs.ReadFile(vitrine.Theme, "templates/404.html")
			must(t, err)
			write(t, src, "templates/404.html", strings.Replace(string(page), "Page not found", "Edited template", 1))
		}, func(t *testing.T) {
			if !strings.Contains(readFile(t, filepath.Join(dest, "404.html")), "Edited template") {
				t.Error("the template edit was not published")
			}
		}},
		{"static file added", func(*Options) {
			write(t, src, "static/extra.txt", "extra")
		}, func(t *testing.T) {
			if readFile(t, filepath.Join(dest, "extra.txt")) != "extra" {
				t.Error("the static file was not published")
			}
		}},
		{"option changed", func(o *Options) { o.BaseURL = "https://example.org/archive/" }, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dest, "sitemap.xml")); err != nil {
				t.Error("the new base URL was not used")
			}
		}},
		{"theme changed", func(o *Options) {
			theme := fstest.MapFS{"static/theme-extra.txt": {Data: []byte("theme")}}
			must(t, fs.WalkDir(vitrine.Theme, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := fs.ReadFile(vitrine.Theme, p)
				theme[p] = &fstest.MapFile{Data: data}
				return err
			}))
			o.Theme = theme
		}, func(t *testing.T) {
			if readFile(t, filepath.Join(dest, "theme-extra.txt")) != "theme" {
				t.Error("the theme's new file was not published")
			}
		}},
		{"published page edited", func(*Options) {
			write(t, dest, "index.html", "vandalised")
		}, func(t *testing.T) {
			if readFile(t, filepath.Join(dest, "index.html")) == "vandalised" {
				t.Error("the published page was not rebuilt")
			}
		}},
		{"published page removed", func(*Options) {
			must(t, os.Remove(filepath.Join(dest, "tags/index.html")))
		}, func(t *testing.T) {
			readFile(t, filepath.Join(dest, "tags/index.html"))
		}},
		{"published folder removed", func(*Options) {
			must(t, os.RemoveAll(dest))
		}, func(t *testing.T) {
			readFile(t, filepath.Join(dest, "index.html"))
		}},
		{"stray file published", func(*Options) {
			write(t, dest, "stray.html", "stray")
		}, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dest, "stray.html")); err == nil {
				t.Error("the stray file survived the build")
			}
		}},
		{"forced", func(o *Options) { o.Force = true }, func(*testing.T) {}},
	}
	for _, step := range steps {
		step.change(&opts)
		if recordedBuild(t, opts) {
			t.Fatalf("%s: the build was skipped", step.name)
		}
		t.Run(step.name, step.check)
		opts.Force = false
		if !recordedBuild(t, opts) {
			t.Fatalf("%s: the build after it was not skipped", step.name)
		}
	}

	// A failed build publishes nothing and keeps the record: taking the
	// mistake back finds the published folder up to date.
	write(t, src, "content/events/broken.md", "---\ntitle: Broken\n---\n")
	if _, err := Build(context.Background(), opts); err == nil {
		t.Fatal("a broken event built")
	}
	must(t, os.Remove(filepath.Join(src, "content/events/broken.md")))
	if !recordedBuild(t, opts) {
		t.Error("after a failed build and its undoing, the build was not skipped")
	}
}

// TestRecentChangeIsNotRecorded checks the race a record could lose: a
// source file changed so recently that a later change could leave the
// same identity is not trusted, so the next build runs in full.
func TestRecentChangeIsNotRecorded(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = time.Hour

	src := copySite(t)
	opts := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Theme: vitrine.Theme, CacheDir: t.TempDir()}
	for range 2 {
		if recordedBuild(t, opts) {
			t.Fatal("a build of files changed within the racy window was skipped")
		}
	}
}

// TestNoCacheDir checks that without a CacheDir every build runs.
func TestNoCacheDir(t *testing.T) {
	src := copySite(t)
	opts := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Theme: vitrine.Theme}
	for range 2 {
		if recordedBuild(t, opts) {
			t.Fatal("a build without a cache folder was skipped")
		}
	}
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
