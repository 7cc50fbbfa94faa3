//go:build e2e

// Package e2e tests the sample archive as its readers see it: built by
// the real pipeline, served over HTTP on a loopback port, and read by
// Debian's Chromium (driven with chromedp), the Nu Html Checker and
// axe-core. The tests are behind the build tag e2e, so that "go test
// ./..." stays fast and needs nothing but Go; "make e2e" runs them.
//
// What each file checks:
//
//	journey_test.go     a reader's journeys: home → platform timeline → event →
//	                    tag and back → previous/next → a missing URL (404)
//	layout_test.go      no horizontal scrolling at 375 and 1280 px on any page;
//	                    screenshots of each page kind, light and dark
//	a11y_test.go        axe-core in Chromium: no serious or critical violation
//	validator_test.go   the Nu Html Checker over every page: no error
//	xml_test.go         feeds and sitemaps, once the build writes them
//	livereload_test.go  "vitrine serve" reloads an open page when an event changes
//
// Every browser test also fails on a console error, an uncaught
// exception or a failed request. The tools come from the machine:
//
//	chromium   apt-get install chromium   (or set CHROMIUM to a browser)
//	java       apt-get install default-jre-headless
//	vnu.jar, axe-core   cd e2e && npm ci  (pinned in package-lock.json)
//
// When one is missing, the tests that need it skip and say how to
// install it; when the environment variable CI is set they fail instead,
// so that CI never passes by skipping.
package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// sample is the built sample archive that every test reads.
var sample struct {
	root string     // the repository: the sample site's source
	dir  string     // the built site
	url  string     // where it is served: "http://127.0.0.1:port/"
	site *site.Site // the model the build rendered, for what pages should say
}

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "vitrine-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	// Listen first, so that the site is built for the address it is served at.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	sample.root = root
	sample.dir = filepath.Join(tmp, "public")
	sample.url = "http://" + ln.Addr().String() + "/"
	if err := buildSample(root, sample.dir, sample.url); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the sample archive in %s:\n%v\n", root, err)
		return 1
	}
	sample.site, err = loadModel(root, sample.url)
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: loading the sample archive's model:\n%v\n", err)
		return 1
	}

	srv := &http.Server{Handler: staticHost(sample.dir), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	code := m.Run()
	closeBrowser()
	return code
}

// buildSample builds the site in root into dest with the real pipeline,
// as "vitrine build" does.
func buildSample(root, dest, baseURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := build.Build(ctx, build.Options{Source: root, Dest: dest, BaseURL: baseURL, Theme: vitrine.Theme})
	if list := content.AsList(err); list != nil {
		return list // one problem a line
	}
	return err
}

// loadModel loads the site model that the build rendered: the one source
// of the URLs, titles and orders that the pages should show.
func loadModel(root, baseURL string) (*site.Site, error) {
	arch, err := content.Load(os.DirFS(root), content.Options{})
	if err != nil {
		return nil, err
	}
	return site.New(arch, site.Options{BaseURL: baseURL})
}

// staticHost serves the built folder as a static host does: index.html
// for a folder, and the site's 404.html with status 404 for anything
// that is not there.
func staticHost(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		info, err := os.Stat(name)
		if err == nil && info.IsDir() {
			_, err = os.Stat(filepath.Join(name, "index.html"))
		}
		if errors.Is(err, os.ErrNotExist) {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// pageOf returns the model's pages of a kind, in the build's order.
func pagesOf(kind string) []*site.Page {
	var out []*site.Page
	for p := range sample.site.Pages() {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// readerKinds are the page kinds a reader sees; an alias only redirects.
func readerKinds() []string {
	var kinds []string
	for _, k := range site.Kinds {
		if k != site.KindAlias {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// specimen returns the richest page of a kind, the one whose built file
// is largest: it exercises the most of the kind's template.
func specimen(t *testing.T, kind string) *site.Page {
	t.Helper()
	var best *site.Page
	var bestSize int64 = -1
	for _, p := range pagesOf(kind) {
		info, err := os.Stat(filepath.Join(sample.dir, filepath.FromSlash(p.File())))
		if err != nil {
			t.Fatalf("the model has the page /%s, but the build did not write %s: %v", p.URL, p.File(), err)
		}
		if info.Size() > bestSize {
			best, bestSize = p, info.Size()
		}
	}
	if best == nil {
		t.Fatalf("the sample archive has no page of kind %q", kind)
	}
	return best
}

// pageURL is where the test server serves the site URL rel.
func pageURL(rel string) string { return sample.url + rel }

// missing reports a tool the tests need and do not have: a skip with
// how to install it, or a failure under CI, where nothing may be skipped.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (CI is set, so this fails instead of skipping)", msg)
	}
	t.Skip(msg)
}
