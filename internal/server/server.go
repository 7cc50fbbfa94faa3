// Package server is vitrine's dev server. It builds a site into memory,
// serves it, watches the site's files and builds again on every change,
// telling open browsers to reload.
//
// # Building
//
// The site is built with the build package's Builder, at the server's
// own URL so that every link works locally, whatever base_url says. A
// burst of changes (a save, a checkout) is one rebuild; the Builder
// re-renders only what an edit to a body or a static file affects, and
// rebuilds the whole site for anything else. Each rebuild prints one
// line: what changed, what was rendered, how many files differ, and how
// long it took.
//
// A build with errors changes nothing that is served: the last good site
// stays, and every page shows an overlay listing the errors, each as
// "path:line: message", as the terminal does. The next good build clears
// it.
//
// # Serving
//
// Each build's files are swapped in whole, so a reader sees one build or
// the next, never a mix. A path names a file of the site; a folder serves
// its index.html, a folder without its final slash is redirected to it,
// and anything else gets the site's 404.html with status 404. Nothing is
// read from disk when serving, so no request reaches a file outside the
// built site; requests whose path has "." or ".." segments, empty
// segments, or encoded slashes are refused outright. Responses carry
// "Cache-Control: no-cache" and an ETag of their bytes, so a browser
// asks again every time and gets a new page whenever it changed.
//
// # Live reload
//
// Every HTML page served (never the built files themselves) gets a small
// script, /_vitrine/live.js, that listens to the Server-Sent Events of
// /_vitrine/events:
//
//	hello    on every connection: the version of the site; a page older
//	         than it reloads (it missed a build, or the server restarted)
//	reload   a build changed pages, or its errors: reload
//	css      a build changed only stylesheets: swap them in place
//
// The browser's EventSource reconnects by itself when the server restarts.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrine-archive/vitrine/internal/build"
	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/render"
	"github.com/vitrine-archive/vitrine/internal/watch"
)

// Options say what to serve and where.
type Options struct {
	Source string    // the site's folder
	Addr   string    // host:port to listen on; port 0 picks a free one
	Drafts bool      // include drafts
	Theme  fs.FS     // the default theme; may be nil
	Log    io.Writer // where the server says what it does: its URL, each build, every error
}

// quiet is how long the file system must be still before a rebuild. An
// editor's save is over within a few milliseconds; a checkout may pause
// longer between files, but then the rebuild it starts early gathers the
// rest into the next one.
const quiet = 10 * time.Millisecond

// shutdownGrace is how long requests in flight get to finish on shutdown.
const shutdownGrace = 5 * time.Second

// Server is a dev server for one site.
type Server struct {
	opts    Options
	ln      net.Listener
	url     string
	builder *build.Builder
	watcher *watch.Watcher
	live    *broker

	id      string                   // this process's, so that a restart reloads pages
	builds  int                      // builds so far, good or not
	current atomic.Pointer[snapshot] // what is being served
}

// A snapshot is what the server serves between two builds. It is never
// modified: each build makes a new one.
type snapshot struct {
	files   map[string]build.File // the last good site
	errors  []string              // the last build's errors, "path:line: message"
	version string                // changes with every build
	snippet []byte                // what HTML pages get: the live script, and the errors
}

// New listens on opts.Addr and starts watching the site's folders, so
// that no change made from now on is missed. Run builds and serves.
func New(opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("%w (choose another address with -addr)", err)
	}
	s := &Server{opts: opts, ln: ln, live: newBroker(), url: serverURL(ln.Addr())}
	if opts.Log == nil {
		s.opts.Log = io.Discard
	}
	var id [4]byte
	_, _ = rand.Read(id[:])
	s.id = hex.EncodeToString(id[:])
	s.publish(&snapshot{files: map[string]build.File{}})

	// Links work locally: absolute ones (feeds, canonical links) point
	// at the server, unless it has no one address to point at.
	base := s.url
	if everywhere(ln.Addr()) {
		base = "/"
	}
	s.builder, err = build.NewBuilder(build.Options{Source: opts.Source, BaseURL: base, Drafts: opts.Drafts, Theme: opts.Theme})
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.watcher, err = watch.New(opts.Source, []string{content.Dir, render.TemplatesDir, build.StaticDir}, quiet)
	if err != nil {
		ln.Close()
		s.builder.Close()
		return nil, fmt.Errorf("watching %s: %w", opts.Source, err)
	}
	return s, nil
}

// serverURL is the URL to open for a listening address: on every
// interface, the local one.
func serverURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if everywhere(addr) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// everywhere reports whether addr is on every network interface.
func everywhere(addr net.Addr) bool {
	host, _, _ := net.SplitHostPort(addr.String())
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// URL returns the address of the site.
func (s *Server) URL() string { return s.url }

// Run builds the site, serves it, and rebuilds it on every change until
// ctx is done; then it lets requests in flight finish (for a few
// seconds at most), closes the watcher and returns nil. Call it once.
func (s *Server) Run(ctx context.Context) error {
	// The watcher runs from the start, so that changes made during the
	// first build make the second.
	ctx, cancel := context.WithCancel(ctx)
	changes := make(chan watch.Batch)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = s.watcher.Run(ctx, changes)
	}()
	defer func() {
		cancel()
		wg.Wait()
		s.builder.Close()
	}()

	s.rebuild(ctx, watch.Batch{})
	freeMemory()
	if ctx.Err() != nil {
		s.ln.Close()
		return nil
	}
	if everywhere(s.ln.Addr()) {
		fmt.Fprintf(s.opts.Log, "listening on every network interface: anyone on your network can see the site\n")
	}
	fmt.Fprintf(s.opts.Log, "serving %s at %s (Ctrl-C to stop)\n", s.opts.Source, s.url)

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.live.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	for {
		select {
		case b := <-changes:
			if s.rebuild(ctx, b) {
				freeMemory()
			}
		case err := <-served:
			return fmt.Errorf("serving: %w", err)
		case <-ctx.Done():
			sctx, stop := context.WithTimeout(context.Background(), shutdownGrace)
			defer stop()
			if err := srv.Shutdown(sctx); err != nil {
				srv.Close() // requests that would not finish
				if !errors.Is(err, context.DeadlineExceeded) {
					return err
				}
			}
			return nil
		}
	}
}

// rebuild builds after the changes of b (an empty batch: the first
// build), prints what happened, and serves and announces the result. It
// reports whether it built the whole site.
func (s *Server) rebuild(ctx context.Context, b watch.Batch) (full bool) {
	var paths []string
	if !b.Overflow {
		paths = b.Paths()
	}
	up, err := s.builder.Build(ctx, paths)
	if ctx.Err() != nil {
		return false
	}
	s.builds++
	version := s.id + "." + strconv.Itoa(s.builds)
	prev := s.current.Load()
	stamp := time.Now().Format("15:04:05 ")

	if err != nil {
		list := content.ListOf(err)
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.Error()
			fmt.Fprintln(s.opts.Log, lines[i])
		}
		what := "serving the last good build"
		if len(prev.files) == 0 {
			what = "nothing to serve yet"
		}
		fmt.Fprintf(s.opts.Log, "%s%s: %d error%s; %s\n", stamp, describe(b), len(list), plural(len(list)), what)
		s.publish(&snapshot{files: prev.files, errors: lines, version: version})
		s.live.send(reloadEvent(version))
		return false
	}

	s.publish(&snapshot{files: up.Files, version: version})
	fmt.Fprintf(s.opts.Log, "%s%s: %s\n", stamp, describe(b), summary(up, len(b.Changes) == 0 && !b.Overflow))
	switch {
	case len(prev.errors) > 0:
		s.live.send(reloadEvent(version)) // clear the overlay
	case len(up.Changed) == 0:
		// Nothing a browser shows is different.
	case allCSS(up.Changed):
		paths := make([]string, len(up.Changed))
		for i, c := range up.Changed {
			paths[i] = "/" + c
		}
		s.live.send(cssEvent(version, paths))
	default:
		s.live.send(reloadEvent(version))
	}
	return up.Full
}

func (s *Server) publish(snap *snapshot) {
	snap.snippet = renderSnippet(snap.version, snap.errors)
	s.current.Store(snap)
}

// describe says what changed, for the terminal.
func describe(b watch.Batch) string {
	switch {
	case b.Overflow:
		return "many files changed"
	case len(b.Changes) == 0:
		return "first build"
	}
	// The first file says more than the folders it was created in.
	c := b.Changes[0]
	for _, x := range b.Changes {
		if !x.Dir {
			c = x
			break
		}
	}
	what := c.Path
	if c.Op != watch.Modified {
		what += " " + c.Op.String()
	}
	if n := len(b.Changes) - 1; n > 0 {
		what += fmt.Sprintf(" and %d more", n)
	}
	return what
}

// summary says what a build did, for the terminal.
func summary(up *build.Update, first bool) string {
	var what string
	if up.Full {
		total := up.Report.TotalPages()
		what = fmt.Sprintf("%d page%s, %d static file%s", total, plural(total), up.Report.Static, plural(up.Report.Static))
		if up.Report.XML > 0 {
			what += fmt.Sprintf(", %d XML file%s", up.Report.XML, plural(up.Report.XML))
		}
		if first {
			return fmt.Sprintf("%s in %s", what, round(up.Duration))
		}
		what = "rebuilt the whole site (" + what + ")"
	} else {
		what = fmt.Sprintf("re-rendered %d file%s", up.Rendered, plural(up.Rendered))
	}
	return fmt.Sprintf("%s, %d changed, in %s", what, len(up.Changed), round(up.Duration))
}

// freeMemory hands the garbage of a full build back to the system. A
// build leaves several times the size of the site it made; left to the
// runtime, the server would sit on it until the next full build, which
// may be hours away: at 10,000 events, some 350 MB rather than 200.
func freeMemory() { debug.FreeOSMemory() }

func round(d time.Duration) time.Duration {
	if d < 10*time.Millisecond {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func allCSS(names []string) bool {
	for _, n := range names {
		if !strings.HasSuffix(n, ".css") {
			return false
		}
	}
	return true
}
