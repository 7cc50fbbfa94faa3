//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/vitrine-archive/vitrine/internal/site"
)

// TestJourney follows the links a reader follows: from the home page to
// a platform's timeline, to an event on it, to one of the event's tags
// and back, then along the timeline with the event's next and previous
// links. Each page must say what the archive holds, and the browser must
// see no error on the way.
func TestJourney(t *testing.T) {
	s := sample.site
	pl := busiestPlatform(t)
	ev := pl.Events[1] // has a previous and a next livestream on pl
	var nav site.Neighbours
	for _, n := range ev.Nav() {
		if n.Platform == pl {
			nav = n
		}
	}
	if nav.Prev == nil || nav.Next == nil {
		t.Fatalf("the model gives %q no previous and next livestream on %s", ev.Title, pl.Name)
	}
	tb := newTab(t)

	t.Log("home")
	if status := tb.open(""); status != http.StatusOK {
		t.Fatalf("home page: status %d, want 200", status)
	}
	tb.wantHeading(s.Config.Title)
	tb.wantText("main", s.Latest(1)[0].Title)
	tb.checkClean()

	t.Logf("home → %s's timeline", pl.Name)
	tb.follow(link(pl.URL))
	tb.wantAt(pl.URL)
	tb.wantHeading(pl.Name)
	for _, e := range pl.Events[:min(len(pl.Events), s.Config.PageSize)] { // the first page of the timeline
		tb.wantText("main", e.Title)
	}
	tb.checkClean()

	t.Logf("timeline → %q", ev.Title)
	tb.follow("main " + link(ev.URL))
	tb.wantAt(ev.URL)
	tb.wantHeading(ev.Title)
	for _, p := range ev.Platforms {
		tb.wantText("main", p.Name)
	}
	for _, in := range ev.Institutions {
		tb.wantText("main", in.Name)
	}
	tb.checkClean()

	if len(ev.Tags) == 0 {
		t.Fatalf("%q has no tags in the sample archive; the journey needs one", ev.Title)
	}
	tag := ev.Tags[0]
	t.Logf("event → tag %q → back", tag.Name)
	tb.follow("main " + link(tag.URL))
	tb.wantAt(tag.URL)
	tb.wantHeading(tag.Name)
	tb.wantText("main", ev.Title)
	tb.back()
	tb.wantAt(ev.URL)
	tb.wantHeading(ev.Title)
	tb.checkClean()

	t.Logf("next on %s's timeline → %q, then previous twice → %q", pl.Name, nav.Next.Title, nav.Prev.Title)
	tb.follow(relLink("next", nav.Next.URL))
	tb.wantAt(nav.Next.URL)
	tb.wantHeading(nav.Next.Title)
	tb.follow(relLink("prev", ev.URL))
	tb.wantAt(ev.URL)
	tb.wantHeading(ev.Title)
	tb.follow(relLink("prev", nav.Prev.URL))
	tb.wantAt(nav.Prev.URL)
	tb.wantHeading(nav.Prev.Title)
	tb.checkClean()
}

// TestNotFound opens a URL the archive does not have: the reader gets the
// site's 404 page, with status 404, and a way back home.
func TestNotFound(t *testing.T) {
	notFound := pagesOf(site.KindNotFound)
	if len(notFound) != 1 {
		t.Fatalf("the model has %d 404 pages, want 1", len(notFound))
	}
	tb := newTab(t)
	const missing = "events/no-such-livestream/"
	tb.expectNotFound(missing)
	if status := tb.open(missing); status != http.StatusNotFound {
		t.Errorf("/%s: status %d, want 404", missing, status)
	}
	if h1 := tb.text("h1"); !strings.Contains(strings.ToLower(h1), strings.ToLower(notFound[0].Title)) {
		t.Errorf("/%s: h1 is %q, want the 404 page's %q", missing, h1, notFound[0].Title)
	}
	tb.checkClean()

	tb.follow(link(""))
	tb.wantAt("")
	tb.wantHeading(sample.site.Config.Title)
	tb.checkClean()
}

// busiestPlatform is the platform with the most livestreams: its timeline
// is the longest, and it must have three for previous and next.
func busiestPlatform(t *testing.T) *site.Platform {
	t.Helper()
	var best *site.Platform
	for _, p := range sample.site.Platforms {
		if best == nil || len(p.Events) > len(best.Events) {
			best = p
		}
	}
	if best == nil || len(best.Events) < 3 {
		t.Fatal("no platform in the sample archive has three livestreams; the journey needs one")
	}
	return best
}

// link is the CSS selector of links to the site URL rel, as the
// templates write them (the url function: the base path and rel).
func link(rel string) string {
	return fmt.Sprintf(`a[href=%q]`, sample.site.URL(rel))
}

// relLink is the CSS selector of links to rel marked rel="kind" ("next", "prev").
func relLink(kind, rel string) string {
	return fmt.Sprintf(`a[rel~=%q][href=%q]`, kind, sample.site.URL(rel))
}

// wantAt fails unless the tab shows the site URL rel.
func (tb *tab) wantAt(rel string) {
	tb.t.Helper()
	if got, want := tb.path(), sample.site.URL(rel); got != want {
		tb.t.Fatalf("the browser is at %s, want %s", got, want)
	}
}

// wantHeading fails unless the page's h1 reads want. Case is ignored:
// a stylesheet may set headings in capitals.
func (tb *tab) wantHeading(want string) {
	tb.t.Helper()
	if got := tb.text("h1"); !strings.EqualFold(got, want) {
		tb.t.Errorf("%s: the h1 reads %q, want %q", tb.path(), got, want)
	}
}

// wantText fails unless the visible text of the element the selector
// finds includes want, in any case.
func (tb *tab) wantText(selector, want string) {
	tb.t.Helper()
	if got := tb.text(selector); !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
		tb.t.Errorf("%s: %s does not show %q", tb.path(), selector, want)
	}
}
