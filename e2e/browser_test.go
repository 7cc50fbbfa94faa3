//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one browser step (a navigation, a click, a script),
// so that a page that never loads fails with the step's name.
const stepTimeout = 30 * time.Second

// chromium is the one browser the tests share; each test opens tabs in it.
var chromium struct {
	once    sync.Once
	ctx     context.Context // the browser's context; nil when it could not start
	err     error
	cancel  func()
	dataDir string
}

// chromiumPath finds Debian's Chromium, or the browser CHROMIUM names.
func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("not found")
}

// browser returns the shared browser, starting it on first use. Without
// Chromium the test skips (or fails under CI).
func browser(t *testing.T) context.Context {
	t.Helper()
	exe, err := chromiumPath()
	if err != nil {
		missing(t, "chromium is not installed: install it with `apt-get install chromium` (Debian), or set CHROMIUM to a Chromium or Chrome binary")
	}
	chromium.once.Do(func() { startBrowser(exe) })
	if chromium.err != nil {
		t.Fatalf("starting %s: %v", exe, chromium.err)
	}
	return chromium.ctx
}

func startBrowser(exe string) {
	dir, err := os.MkdirTemp("", "vitrine-e2e-chromium-")
	if err != nil {
		chromium.err = err
		return
	}
	chromium.dataDir = dir
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), // no traffic but the page's own
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // /dev/shm is small in containers
		chromedp.Flag("hide-scrollbars", true),       // screenshots show the page, not the scrollbar
		chromedp.Flag("lang", "en-GB"),
		chromedp.UserDataDir(dir), // a fresh profile: no cache, no cookies
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	chromium.cancel = func() { cancelBrowser(); cancelAlloc() }
	start, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	// Do on ctx itself starts the browser with no deadline; the timer
	// only bounds the wait.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err = <-done:
	case <-start.Done():
		err = errors.New("the browser did not start within a minute")
	}
	if err != nil {
		chromium.err = err
		return
	}
	chromium.ctx = ctx
}

// closeBrowser ends the shared browser, if it started, and removes its profile.
func closeBrowser() {
	if chromium.cancel != nil {
		chromium.cancel()
	}
	if chromium.dataDir != "" {
		os.RemoveAll(chromium.dataDir)
	}
}

// A tab is one browser tab and what it has seen go wrong.
type tab struct {
	t   *testing.T
	ctx context.Context
	rec *recorder
}

// newTab opens a tab in the shared browser, closed when the test ends.
func newTab(t *testing.T) *tab {
	t.Helper()
	rec := &recorder{requests: map[network.RequestID]string{}}
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithListener(rec.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return &tab{t: t, ctx: ctx, rec: rec}
}

// do runs actions, failing the test with what was being done.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a site URL ("" for home) and returns the document's HTTP status.
func (tb *tab) open(rel string) int64 {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL(rel)))
	if err != nil {
		tb.t.Fatalf("opening /%s: %v", rel, err)
	}
	return resp.Status
}

// follow clicks the first visible link that matches the CSS selector, as
// a reader does, and waits for the page it leads to.
func (tb *tab) follow(selector string) {
	tb.t.Helper()
	// Find the link with a script and click its centre with the mouse:
	// a chromedp query waits for its element until the step times out,
	// and its DOM snapshot can be stale after a page comes back from the
	// back/forward cache.
	type point struct{ X, Y float64 }
	p := eval[*point](tb, fmt.Sprintf(`(() => {
		const a = [...document.querySelectorAll(%q)].find(a => a.getClientRects().length > 0);
		if (!a) return null;
		a.scrollIntoView({block: "center", behavior: "instant"});
		const r = a.getClientRects()[0];
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
	})()`, selector))
	if p == nil {
		tb.t.Fatalf("%s has no visible link %s", tb.path(), selector)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
		tb.t.Fatalf("on %s, following %s: %v", tb.path(), selector, err)
	}
}

// back goes back in the tab's history, as the browser's back button does.
func (tb *tab) back() {
	tb.t.Helper()
	from := tb.path()
	eval[chromedp.Void](tb, `history.back()`)
	// A page restored from the back/forward cache fires no load event,
	// so wait for the address and the document rather than for a load.
	if !tb.waitFor(stepTimeout, fmt.Sprintf(`location.pathname !== %q && document.readyState === "complete"`, from)) {
		tb.t.Fatalf("going back from %s: still there after %s", from, stepTimeout)
	}
}

// waitFor evaluates a JavaScript condition until it holds, for at most
// d, and reports whether it did. Errors count as "not yet": while a page
// loads, its script context comes and goes.
func (tb *tab) waitFor(d time.Duration, cond string) bool {
	tb.t.Helper()
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// path is the path of the tab's page, for messages.
func (tb *tab) path() string {
	tb.t.Helper()
	return eval[string](tb, `location.pathname`)
}

// text returns the visible text of the first element matching the
// selector, as a reader sees it (CSS-hidden text left out); "" when no
// element matches.
func (tb *tab) text(selector string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`(document.querySelector(%q)?.innerText ?? "").replace(/\s+/g, " ").trim()`, selector))
}

// colorScheme makes the page see prefers-color-scheme: scheme ("light" or "dark").
func (tb *tab) colorScheme(scheme string) {
	tb.t.Helper()
	tb.do("emulating prefers-color-scheme: "+scheme, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// viewport sets the tab's width in CSS pixels; below 600 it is a phone,
// which honours the page's viewport meta tag.
func (tb *tab) viewport(width int64) {
	tb.t.Helper()
	if width < 600 {
		tb.do(fmt.Sprintf("emulating a %d px phone", width), chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
		return
	}
	tb.do(fmt.Sprintf("emulating a %d px window", width), chromedp.EmulateViewport(width, 900))
}

// eval evaluates a JavaScript expression in the tab's page and decodes its value.
func eval[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		tb.t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// checkClean fails the test for every console error, uncaught exception
// and failed request the tab has seen since the last check.
func (tb *tab) checkClean() {
	tb.t.Helper()
	for _, p := range tb.rec.take() {
		tb.t.Errorf("browser: %s", p)
	}
}

// expectNotFound lets the next request for rel answer 404 without
// counting as a failed request: the test asks for a missing page.
func (tb *tab) expectNotFound(rel string) { tb.rec.allow(pageURL(rel)) }

// A recorder collects what goes wrong in a tab, from the browser's
// events: console errors, uncaught exceptions, browser log errors (a
// blocked or missing resource), failed requests and HTTP errors.
type recorder struct {
	mu       sync.Mutex
	requests map[network.RequestID]string // URL of each request, for failures
	allowed  map[string]bool              // URLs whose 404 is expected
	problems []string
}

// listen runs in the tab's event loop: it must return fast and send no command.
func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.add("console.%s: %s", ev.Type, consoleArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		r.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError && !r.allowed[ev.Entry.URL] {
			r.add("%s error: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		r.requests[ev.RequestID] = ev.Request.URL
	case *network.EventLoadingFailed:
		// A request canceled by leaving the page is no failure a reader sees.
		if !ev.Canceled {
			r.add("request for %s failed: %s %s", r.requests[ev.RequestID], ev.ErrorText, ev.BlockedReason)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !(ev.Response.Status == 404 && r.allowed[ev.Response.URL]) {
			r.add("%s answered %d %s", ev.Response.URL, ev.Response.Status, ev.Response.StatusText)
		}
	}
}

func (r *recorder) add(format string, args ...any) {
	r.problems = append(r.problems, strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (r *recorder) allow(url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.allowed == nil {
		r.allowed = map[string]bool{}
	}
	r.allowed[url] = true
}

// take returns the problems seen so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems = nil
	return p
}

func consoleArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}
