package content

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestKeeper checks that a kept event is an exact copy, which shares no
// memory with what the decoder made (so that all of that is garbage),
// and that events kept one after another are side by side in blocks.
func TestKeeper(t *testing.T) {
	viewers, interactions := int64(380000), int64(12)
	event := func(n string) *Event {
		return &Event{
			Source: Source{Path: "content/events/" + n + ".md", BodyOffset: 40, BodyLine: 9},
			Slug:   n, Title: "Title " + n, Date: mustDate(t, "2020-09"),
			Institutions: []string{"Louvre"}, Platforms: []string{"Fliggy", "Taobao Live"},
			City: "Paris", Country: "France", Duration: 90e9, Viewers: &viewers, Interactions: &interactions,
			Hosts: []string{"A"}, Highlights: []string{"B", "C"}, Tags: []string{"t"}, Language: []string{"fr"},
			Summary: "Summary " + n, Image: "/images/" + n + ".jpg", ImageAlt: "Alt " + n, ImageCredit: "Credit",
			Sources: []Citation{{Title: "Source " + n, URL: "https://example.org/" + n, Publisher: "P", Date: mustDate(t, "2020-09-25"), Lang: "en"}},
			Aliases: []string{"events/old-" + n + "/"},
			Lang:    "en",
			Params:  map[string]any{"series": "Cloud Tours"},
			Lines:   KeyLines{Slug: 2, Image: 7},
		}
	}
	var k keeper
	a, b := event("a"), event("b")
	ka, kb := k.event(a), k.event(b)
	for _, c := range []struct{ orig, kept *Event }{{a, ka}, {b, kb}} {
		if !reflect.DeepEqual(c.orig, c.kept) {
			t.Errorf("kept %+v, want %+v", c.kept, c.orig)
		}
		for _, s := range [][2]string{
			{c.orig.Path, c.kept.Path}, {c.orig.Slug, c.kept.Slug}, {c.orig.Title, c.kept.Title},
			{c.orig.Summary, c.kept.Summary}, {c.orig.Image, c.kept.Image}, {c.orig.ImageAlt, c.kept.ImageAlt},
			{c.orig.Aliases[0], c.kept.Aliases[0]}, {c.orig.Sources[0].Title, c.kept.Sources[0].Title},
			{c.orig.Sources[0].URL, c.kept.Sources[0].URL},
		} {
			if unsafe.StringData(s[0]) == unsafe.StringData(s[1]) {
				t.Errorf("%q is the decoder's string, not a copy", s[1])
			}
		}
		if &c.orig.Platforms[0] == &c.kept.Platforms[0] || &c.orig.Sources[0] == &c.kept.Sources[0] || c.orig.Viewers == c.kept.Viewers {
			t.Errorf("a list or figure of %s is the decoder's, not a copy", c.kept.Path)
		}
	}
	if uintptr(unsafe.Pointer(kb))-uintptr(unsafe.Pointer(ka)) != unsafe.Sizeof(Event{}) {
		t.Errorf("the two kept events are not side by side in a block")
	}
	if !strings.HasPrefix(unsafe.String(unsafe.StringData(ka.Path), len(ka.Path)+len(ka.Slug)), ka.Path+ka.Slug) {
		t.Errorf("an event's text is not side by side in a block")
	}
}

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
