package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vitrine-archive/vitrine"
	"github.com/vitrine-archive/vitrine/internal/testutil"
)

// wait bounds every wait for the server to catch up with a change: far
// more than it needs on any machine, and only ever spent when a test is
// about to fail.
const wait = 15 * time.Second

// event is a sample event that no other file links to, so that the tests
// may break and remove it freely.
const (
	eventFile = "content/events/test-livestream.md"
	eventURL  = "events/test-livestream/"
	eventText = `---
title: "A livestream for the tests"
date: 2020-10-01
institution: Musée du Louvre
platform: Fliggy
---

The first paragraph of the test livestream.
`
)

// testServer is a dev server running over a copy of the sample archive.
type testServer struct {
	*Server
	dir string
	log *testutil.SyncBuffer
}

// start copies the sample archive (and the test event) into a new
// folder and serves it on a free loopback port until the test ends.
func start(t *testing.T) *testServer {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	ts := &testServer{dir: dir, log: &testutil.SyncBuffer{}}
	ts.write(t, eventFile, eventText)
	srv, err := New(Options{Source: dir, Addr: "127.0.0.1:0", Theme: vitrine.Theme, Log: ts.log})
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = srv
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return within %s of its context's end", wait)
		}
		if t.Failed() {
			t.Logf("the server's log:\n%s", ts.log)
		}
	})
	ts.eventually(t, "the first build is served", func() (bool, string) {
		code, body := ts.get(t, "/")
		return code == http.StatusOK, fmt.Sprintf("GET /: %d %.200s", code, body)
	})
	return ts
}

func (ts *testServer) write(t *testing.T, name, data string) {
	t.Helper()
	p := filepath.Join(ts.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) edit(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(ts.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q to replace", name, old)
	}
	ts.write(t, name, strings.Replace(string(b), old, new, 1))
}

// get fetches a path of the site and returns the status and body.
func (ts *testServer) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(ts.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// eventually polls cond until it holds, and fails the test with cond's
// last word if it does not within wait.
func (ts *testServer) eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		ok, last := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s; last: %s", what, wait, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pageHas waits until the page at path has status code and contains (or,
// with want false, lacks) text.
func (ts *testServer) pageHas(t *testing.T, path string, code int, text string, want bool) {
	t.Helper()
	verb := "has"
	if !want {
		verb = "lacks"
	}
	ts.eventually(t, fmt.Sprintf("%s is %d and %s %q", path, code, verb, text), func() (bool, string) {
		got, body := ts.get(t, path)
		return got == code && strings.Contains(body, text) == want, fmt.Sprintf("%d, %d bytes", got, len(body))
	})
}

func TestEditCreateRemove(t *testing.T) {
	ts := start(t)
	ts.pageHas(t, "/"+eventURL, 200, "The first paragraph of the test livestream.", true)

	ts.edit(t, eventFile, "The first paragraph", "The edited first paragraph")
	ts.pageHas(t, "/"+eventURL, 200, "The edited first paragraph of the test livestream.", true)

	ts.edit(t, eventFile, `title: "A livestream for the tests"`, `title: "A retitled livestream"`)
	ts.pageHas(t, "/timeline/", 200, "A retitled livestream", true)

	// A new event, in a folder that did not exist.
	ts.write(t, "content/events/2020/another-test.md", strings.Replace(eventText, "for the tests", "created later", 1))
	ts.pageHas(t, "/events/another-test/", 200, "A livestream created later", true)
	ts.pageHas(t, "/timeline/", 200, "A livestream created later", true)

	// Removed: gone from its URL and from every list.
	if err := os.Remove(filepath.Join(ts.dir, eventFile)); err != nil {
		t.Fatal(err)
	}
	ts.pageHas(t, "/"+eventURL, 404, "A retitled livestream", false)
	ts.pageHas(t, "/timeline/", 200, "A retitled livestream", false)
	ts.pageHas(t, "/platforms/fliggy/", 200, "A retitled livestream", false)
}

func TestBrokenFrontMatter(t *testing.T) {
	ts := start(t)
	ts.edit(t, eventFile, "date: 2020-10-01", "date: [2020-10-01")
	overlay := regexp.MustCompile(`id="vitrine-errors"[\s\S]*` + regexp.QuoteMeta(eventFile) + `:\d+: `)
	for _, path := range []string{"/", "/" + eventURL, "/no-such-page/"} {
		ts.eventually(t, path+" shows the error overlay", func() (bool, string) {
			_, body := ts.get(t, path)
			return overlay.MatchString(body), fmt.Sprintf("%.300s", body[max(0, len(body)-300):])
		})
	}
	// The last good site is still served.
	ts.pageHas(t, "/"+eventURL, 200, "The first paragraph of the test livestream.", true)
	if !regexp.MustCompile(regexp.QuoteMeta(eventFile) + `:\d+: .*\n.*1 error`).MatchString(ts.log.String()) {
		t.Errorf("the terminal does not show the error as path:line: message:\n%s", ts.log)
	}

	ts.edit(t, eventFile, "date: [2020-10-01", "date: 2020-10-02")
	ts.pageHas(t, "/", 200, "vitrine-errors", false)
	ts.pageHas(t, "/"+eventURL, 200, "2020-10-02", true)
}

// sse reads the events of a live reload stream.
type sse struct {
	events chan [2]string // name, data
}

func listen(t *testing.T, ts *testServer) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL()+strings.TrimPrefix(liveEndpoint, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("%s: Content-Type %q, want text/event-stream", liveEndpoint, ct)
	}
	s := readEvents(resp.Body)
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return s
}

// readEvents reads Server-Sent Events from r until it ends.
func readEvents(r io.Reader) *sse {
	s := &sse{events: make(chan [2]string, 64)}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(r)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				s.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	return s
}

// next returns the next event, failing the test if none comes.
func (s *sse) next(t *testing.T) (name, data string) {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev[0], ev[1]
	case <-time.After(wait):
		t.Fatalf("no event within %s", wait)
	}
	return "", ""
}

func TestReloadEvents(t *testing.T) {
	ts := start(t)
	live := listen(t, ts)
	name, version := live.next(t)
	if name != "hello" || version != ts.current.Load().version {
		t.Fatalf("first event: got %s %q, want hello %q", name, version, ts.current.Load().version)
	}
	if _, page := ts.get(t, "/"); !strings.Contains(page, `data-version="`+version+`"`) {
		t.Errorf("the page does not carry the version of the hello, %q", version)
	}

	ts.edit(t, eventFile, "The first paragraph", "The edited first paragraph")
	if name, data := live.next(t); name != "reload" || data == version {
		t.Errorf("after an edit: got %s %q, want reload with a new version", name, data)
	}

	// A stylesheet of the site's own, over the theme's: only CSS changes.
	ts.write(t, "static/style.css", "body { color: #123456 }\n")
	if name, data := live.next(t); name != "css" || !strings.Contains(data, `"/style.css"`) {
		t.Errorf("after a stylesheet's creation: got %s %s, want css naming /style.css", name, data)
	}
	ts.edit(t, "static/style.css", "#123456", "#654321")
	if name, data := live.next(t); name != "css" || !strings.Contains(data, `"/style.css"`) {
		t.Errorf("after a stylesheet's edit: got %s %s, want css naming /style.css", name, data)
	}
	if _, css := ts.get(t, "/style.css"); !strings.Contains(css, "654321") {
		t.Errorf("/style.css: got %q, want the new colour", css)
	}

	// A broken build reloads, to show the overlay; its fix reloads again.
	ts.edit(t, eventFile, "date: 2020-10-01", "date: [2020-10-01")
	if name, _ := live.next(t); name != "reload" {
		t.Errorf("after a broken build: got %s, want reload", name)
	}
	ts.edit(t, eventFile, "date: [2020-10-01", "date: 2020-10-01")
	if name, _ := live.next(t); name != "reload" {
		t.Errorf("after the fix: got %s, want reload", name)
	}
	// The stream stays open: the test's end checks that shutting down
	// does not wait for it.
}

func TestServing(t *testing.T) {
	ts := start(t)
	for _, c := range []struct {
		path, ctype string
		live        bool // whether the live script is added
	}{
		{"/", "text/html; charset=utf-8", true},
		{"/" + eventURL, "text/html; charset=utf-8", true},
		{"/" + eventURL + "index.html", "text/html; charset=utf-8", true},
		{"/style.css", "text/css; charset=utf-8", false},
		{"/favicon.svg", "image/svg+xml", false},
		{liveScript, "text/javascript; charset=utf-8", false},
	} {
		resp, err := http.Get(strings.TrimSuffix(ts.URL(), "/") + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d, want 200", c.path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache", c.path, got)
		}
		if got := strings.Contains(string(body), liveScript); got != c.live {
			t.Errorf("%s: has the live script: %v, want %v", c.path, got, c.live)
		}

		// The same bytes again: not modified.
		etag := resp.Header.Get("ETag")
		req, _ := http.NewRequest("GET", strings.TrimSuffix(ts.URL(), "/")+c.path, nil)
		req.Header.Set("If-None-Match", etag)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if etag == "" || resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: with If-None-Match %s: status %d, want 304", c.path, etag, resp.StatusCode)
		}
	}

	// The built files themselves have no script.
	for name, f := range ts.current.Load().files {
		if data, _ := f.Bytes(); bytes.Contains(data, []byte(liveScript)) {
			t.Errorf("built file %s has the live script", name)
		}
	}

	// After a change, the old ETag no longer matches.
	resp, err := http.Get(ts.URL() + eventURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	ts.edit(t, eventFile, "The first paragraph", "The edited first paragraph")
	ts.eventually(t, "a stale ETag gets the new page", func() (bool, string) {
		req, _ := http.NewRequest("GET", ts.URL()+eventURL, nil)
		req.Header.Set("If-None-Match", etag)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode == 200 && strings.Contains(string(body), "The edited first paragraph"), fmt.Sprint(resp.Status)
	})

	code, body := ts.get(t, "/no/such/page/")
	if code != http.StatusNotFound || !strings.Contains(body, "Page not found") || !strings.Contains(body, liveScript) {
		t.Errorf("missing page: got %d %.200q, want 404 with the site's 404 page and the live script", code, body)
	}

	// A folder without its slash goes to the folder.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Get(ts.URL() + strings.TrimSuffix(eventURL, "/") + "?q=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/"+eventURL+"?q=1" {
		t.Errorf("folder without its slash: got %d to %q, want 302 to /%s?q=1", resp.StatusCode, loc, eventURL)
	}

	resp, err = http.Post(ts.URL(), "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
}

func TestPathTraversal(t *testing.T) {
	ts := start(t)
	// A secret beside the site's folder, and a link to it inside.
	const secret = "the-secret-word"
	if err := os.WriteFile(filepath.Join(filepath.Dir(ts.dir), "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ts.dir, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.write(t, "static/ok.txt", "fine")
	ts.pageHas(t, "/ok.txt", 200, "fine", true)
	symlinks := os.Symlink(filepath.Join(filepath.Dir(ts.dir), "secret.txt"), filepath.Join(ts.dir, "static/link.txt")) == nil
	if symlinks {
		// The build refuses it, and says so.
		ts.pageHas(t, "/", 200, "static/link.txt", true)
	}

	for _, path := range []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/events/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/ok.txt/../../secret.txt",
		"/..%5csecret.txt",
		"/..\\secret.txt",
		"/./secret.txt",
		"//secret.txt",
		"/secret.txt",
		"/link.txt",
		"/static/ok.txt",
		"/content/site.yaml",
		"/" + eventFile,
		"/secret.txt%00.html",
	} {
		code, body := rawGet(t, ts.URL(), path)
		if code == http.StatusOK || strings.Contains(body, secret) || strings.Contains(body, "title: ") {
			t.Errorf("GET %s: got %d %.200q, want no file from outside the built site", path, code, body)
		}
	}
}

// rawGet sends path as it is, with no cleaning by an HTTP client.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", path)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
