//go:build e2e

package e2e

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core's browser build, installed by "npm ci" in e2e/;
// "go test" runs in e2e/, so the path is relative to it.
const axePath = "node_modules/axe-core/axe.min.js"

// TestAccessibility runs axe-core in Chromium on the richest page of each
// kind, in the light and the dark colour scheme, at each width: no
// violation of impact serious or critical. Lesser ones are logged.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if errors.Is(err, os.ErrNotExist) {
		missing(t, "axe-core is not installed: run `npm ci` in e2e/ (it installs the versions pinned in e2e/package-lock.json)")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range widths {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%dpx-%s", width, scheme), func(t *testing.T) {
				tb := newTab(t)
				tb.viewport(width)
				tb.colorScheme(scheme)
				for _, kind := range readerKinds() {
					p := specimen(t, kind)
					tb.open(p.URL)
					for _, v := range tb.axe(string(axe)) {
						msg := v.String()
						if v.Impact == "serious" || v.Impact == "critical" {
							t.Errorf("/%s (%s): %s", p.URL, kind, msg)
						} else {
							t.Logf("/%s (%s): %s", p.URL, kind, msg)
						}
					}
					tb.checkClean()
				}
			})
		}
	}
}

// A violation is one axe rule the page breaks, and where.
type violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

func (v violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s]: %s (%s)", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s: %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
	}
	return b.String()
}

// axe injects axe-core into the page and returns its violations.
func (tb *tab) axe(source string) []violation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		eval[chromedp.Void](tb, source)
	}
	return eval[[]violation](tb, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary || ""})),
	})))`, chromedp.EvalAwaitPromise)
}
