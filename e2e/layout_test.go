//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vitrine-archive/vitrine/internal/site"
)

// widths are the viewports every page must fit: a small phone and a laptop.
var widths = []int64{375, 1280}

// minFontSize is the smallest text, in CSS pixels, a reader is asked to read.
const minFontSize = 12

// TestLayout opens every page of the sample archive at each width and
// fails when the page scrolls sideways or sets text too small to read,
// or when a timeline squeezes its events. It saves a screenshot of the
// richest page of each kind at each width, light and dark, in the folder
// it logs (e2e/screenshots, or $E2E_SCREENSHOTS).
func TestLayout(t *testing.T) {
	dir := screenshotDir(t)
	t.Logf("screenshots in %s", dir)
	for _, width := range widths {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			tb := newTab(t)
			tb.viewport(width)
			tb.colorScheme("light")
			for p := range sample.site.Pages() {
				if p.Kind == site.KindAlias {
					continue
				}
				tb.open(p.URL)
				tb.checkFits(width)
				tb.checkReadable(p.Kind == site.KindTimeline || p.Kind == site.KindPlatform ||
					p.Kind == site.KindInstitution || p.Kind == site.KindTag)
				tb.checkClean()
			}
			for _, kind := range readerKinds() {
				p := specimen(t, kind)
				tb.open(p.URL)
				for _, scheme := range []string{"light", "dark"} {
					tb.colorScheme(scheme)
					name := fmt.Sprintf("%s-%d.png", kind, width)
					if scheme == "dark" {
						name = fmt.Sprintf("%s-%d-dark.png", kind, width)
					}
					tb.screenshot(filepath.Join(dir, name))
				}
				tb.colorScheme("light")
				tb.checkClean()
			}
		})
	}
}

// checkFits fails when the page is wider than the screen, naming the
// elements that stick out. On a phone, window.innerWidth grows when the
// browser zooms out to show a page that is too wide, so the page is
// measured against the layout viewport, which must be the screen's width.
func (tb *tab) checkFits(width int64) {
	tb.t.Helper()
	type fit struct {
		ClientWidth float64  `json:"clientWidth"`
		ScrollWidth float64  `json:"scrollWidth"`
		Wide        []string `json:"wide"`
	}
	f := eval[fit](tb, fmt.Sprintf(`(() => {
		const w = %d, sw = document.scrollingElement.scrollWidth, wide = [];
		if (sw > w) {
			for (const el of document.body.querySelectorAll("*")) {
				const r = el.getBoundingClientRect();
				if (r.width > 0 && r.right + window.scrollX > w + 0.5) wide.push(describe(el) + " reaches " + Math.round(r.right + window.scrollX) + " px");
			}
		}
		return {clientWidth: document.documentElement.clientWidth, scrollWidth: sw, wide: wide.slice(0, 8)};
	})()`, width)+describeJS)
	if f.ClientWidth != float64(width) {
		tb.t.Errorf("%s is laid out %.0f px wide on a %d px screen: is the viewport meta tag missing?", tb.path(), f.ClientWidth, width)
	}
	if f.ScrollWidth > float64(width) {
		tb.t.Errorf("%s scrolls sideways at %d px: the page is %.0f px wide; elements that stick out: %s",
			tb.path(), width, f.ScrollWidth, strings.Join(f.Wide, "; "))
	}
}

// checkReadable fails when visible text is smaller than minFontSize, and,
// on a timeline, when an event's title is squeezed into a narrow column.
func (tb *tab) checkReadable(timeline bool) {
	tb.t.Helper()
	type readability struct {
		Small    []string `json:"small"`
		Squeezed []string `json:"squeezed"`
	}
	r := eval[readability](tb, fmt.Sprintf(`(() => {
		const small = [], squeezed = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const seen = new Set();
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!n.data.trim() || seen.has(el) || el.getClientRects().length === 0) continue;
			seen.add(el);
			const cs = getComputedStyle(el);
			if (cs.visibility === "hidden" || el.closest("[aria-hidden=true], .skip-link, .visually-hidden, .sr-only")) continue;
			const size = parseFloat(cs.fontSize);
			if (size < %d) small.push(describe(el) + " " + JSON.stringify(n.data.trim().slice(0, 30)) + " at " + size + " px");
		}
		if (%t) {
			const min = Math.min(240, document.documentElement.clientWidth / 2);
			for (const a of document.querySelectorAll("main a[href*='/events/']")) {
				// The column a title wraps in: its nearest block.
				let box = a;
				while (box.parentElement && getComputedStyle(box).display.startsWith("inline")) box = box.parentElement;
				const w = box.clientWidth;
				if (a.getClientRects().length > 0 && w < min) squeezed.push(JSON.stringify(a.innerText.trim().slice(0, 30)) + " wraps in " + describe(box) + ", " + w + " px wide");
			}
		}
		return {small: small.slice(0, 8), squeezed: squeezed.slice(0, 8)};
	})()`, minFontSize, timeline)+describeJS)
	if len(r.Small) > 0 {
		tb.t.Errorf("%s at %s: text under %d px: %s", tb.path(), tb.width(), minFontSize, strings.Join(r.Small, "; "))
	}
	if len(r.Squeezed) > 0 {
		tb.t.Errorf("%s at %s: event titles squeezed: %s", tb.path(), tb.width(), strings.Join(r.Squeezed, "; "))
	}
}

// describeJS defines describe(el), an element's tag, id and classes, for
// messages that lead to the template and the CSS rule.
const describeJS = `;
function describe(el) {
	return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].map(c => "." + c).join("");
}`

func (tb *tab) width() string {
	tb.t.Helper()
	return fmt.Sprintf("%d px", eval[int](tb, `document.documentElement.clientWidth`))
}

// screenshot saves a PNG of the whole page, beyond the viewport.
func (tb *tab) screenshot(file string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot of %s: %v", tb.path(), err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// screenshotDir is the folder for screenshots, made if need be.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		dir = "screenshots"
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
