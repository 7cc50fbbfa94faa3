package site

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// load builds the model of a site whose events are given as
// "slug: front matter lines".
func load(t *testing.T, config string, events map[string]string) (*Site, error) {
	t.Helper()
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(config)}}
	for slug, fm := range events {
		fsys["content/events/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\n" + fm + "---\nBody.\n")}
	}
	a, err := content.Load(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(a, Options{})
}

func ev(title, date, platform string, extra ...string) string {
	return fmt.Sprintf("title: %s\ndate: %s\ninstitution: Museum\nplatform: %s\n%s", title, date, platform, strings.Join(extra, ""))
}

func TestOrderAndNeighbours(t *testing.T) {
	s, err := load(t, "", map[string]string{
		"c": ev("C", "2020-09-25", "Fliggy"),
		"a": ev("A", "2020", "Fliggy"),
		"b": ev("B", "2020-summer", "Fliggy"),
		"k": ev("K", "2020-08-26", "Kuaishou"),
		"e": ev("B", "2020-09-25", "Bilibili"), // the date of c: by title,
		"d": ev("B", "2020-09-25", "Bilibili"), // then by slug
	})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for i, e := range s.Events {
		order = append(order, e.Slug)
		if e.Index() != i {
			t.Errorf("%s is at %d, but its index is %d", e.Slug, i, e.Index())
		}
	}
	if got, want := strings.Join(order, " "), "a b k d e c"; got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	b := s.Events[1]
	if len(b.Nav()) != 1 || b.Nav()[0].Prev.Slug != "a" || b.Nav()[0].Next.Slug != "c" {
		t.Errorf("b's neighbours on Fliggy: %+v", b.Nav())
	}
	if k := s.Events[2]; k.Nav()[0].Prev != nil || k.Nav()[0].Next != nil {
		t.Errorf("k is alone on Kuaishou but has neighbours")
	}
}

func TestPagination(t *testing.T) {
	events := map[string]string{}
	for i := 0; i < 45; i++ {
		events[fmt.Sprintf("e%02d", i)] = ev(fmt.Sprintf("E%02d", i), fmt.Sprintf("2020-%02d-%02d", i%12+1, i%28+1), "Fliggy")
	}
	s, err := load(t, "page_size: 20\n", events)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for p := range s.Pages() {
		if p.Kind == KindTimeline {
			urls = append(urls, fmt.Sprintf("%s(%d,%d/%d)", p.URL, len(p.Items), p.Full().Pager.Number, p.Full().Pager.Total))
		}
	}
	want := "timeline/(20,1/3) timeline/page/2/(20,2/3) timeline/page/3/(5,3/3)"
	if got := strings.Join(urls, " "); got != want {
		t.Errorf("timeline pages %s, want %s", got, want)
	}
	for p := range s.Pages() {
		if pg := p.Full().Pager; p.URL == "timeline/page/2/" && (pg.Prev != "timeline/" || pg.Next != "timeline/page/3/") {
			t.Errorf("page 2 links to %q and %q", pg.Prev, pg.Next)
		}
	}
}

func TestGroupByMonth(t *testing.T) {
	s, err := load(t, "", map[string]string{
		"a": ev("A", "2020", "P"), "b": ev("B", "2020-summer", "P"),
		"c": ev("C", "2020-09-01", "P"), "d": ev("D", "2020-09-25", "P"), "e": ev("E", "2021-01", "P"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, y := range groupByMonth(s.Events) {
		for _, m := range y.Months {
			parts = append(parts, fmt.Sprintf("%d/%s/%s:%d", y.Year, m.Label, m.Datetime, len(m.Events)))
		}
	}
	want := "2020//2020:1 2020/Summer/2020:1 2020/September/2020-09:2 2021/January/2021-01:1"
	if got := strings.Join(parts, " "); got != want {
		t.Errorf("groups %s, want %s", got, want)
	}
}

func TestRelated(t *testing.T) {
	s, err := load(t, "", map[string]string{
		"a": ev("A", "2020-01", "P", "tags: [x, y]\n"),
		"b": ev("B", "2020-02", "Q", "tags: [x, y]\n"),
		"c": ev("C", "2020-03", "Q", "tags: [z]\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	a := s.Events[0]
	// Every event shares the institution; b also shares two tags.
	if len(a.Related()) != 2 || a.Related()[0].Slug != "b" || a.Related()[1].Slug != "c" {
		t.Errorf("related to a: %v", a.Related())
	}
}

// TestPages checks the order of the pages, and that each event has its
// page, made when asked for, at its URL, with its body as the source.
func TestPages(t *testing.T) {
	s, err := load(t, "", map[string]string{
		"b": ev("B", "2021", "P", "aliases: [old-b/]\n"),
		"a": ev("A", "2020", "P"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for p := range s.Pages() {
		got = append(got, p.Kind+":"+p.URL)
	}
	want := "event:events/a/ event:events/b/ home: timeline:timeline/ platforms:platforms/ platform:platforms/p/ " +
		"institutions:institutions/ institution:institutions/museum/ tags:tags/ 404:404.html alias:old-b/"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("pages:\n got %s\nwant %s", g, want)
	}
	for _, p := range s.OtherPages() {
		if p.Kind == KindEvent {
			t.Errorf("OtherPages has the event page %s", p.URL)
		}
	}
	e := s.Events[1]
	p := s.EventPage(e)
	if p.Kind != KindEvent || p.URL != e.URL || p.Title != "B" || p.Event != e || p.Site != s ||
		p.Source == nil || p.Source.Path != "content/events/b.md" || p.Source.BodyLine == 0 {
		t.Errorf("EventPage(b) = %+v", p)
	}
	for path, want := range map[string]string{
		"content/events/a.md": "events/a/", "content/events/b.md": "events/b/", "content/events/c.md": "",
		"content/events/": "", "": "",
	} {
		if got, ok := s.FileURL(path); got != want || ok != (want != "") {
			t.Errorf("FileURL(%q) = %q, %v, want %q", path, got, ok, want)
		}
	}
	for rel, want := range map[string]bool{
		"events/b/": true, "events/b": true, "events/b/index.html": true, "events/a/": true, "old-b/": true,
		"timeline/": true, "": true, "events/": false, "events/c/": false, "events/b/x/": false, "b/": false,
	} {
		if got := s.HasPage(rel); got != want {
			t.Errorf("HasPage(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestBasePath(t *testing.T) {
	for base, want := range map[string][2]string{
		"":                            {"/", ""},
		"/":                           {"/", ""},
		"https://example.org":         {"/", "https://example.org/"},
		"https://example.org/archive": {"/archive/", "https://example.org/archive/"},
		"https://example.org/a/b/":    {"/a/b/", "https://example.org/a/b/"},
		"http://127.0.0.1:8080/":      {"/", "http://127.0.0.1:8080/"},
	} {
		s, err := New(&content.Archive{Config: content.DefaultConfig()}, Options{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		if s.BasePath != want[0] || s.BaseURL != want[1] || s.URL("events/x/") != want[0]+"events/x/" {
			t.Errorf("base %q: path %q, URL %q", base, s.BasePath, s.BaseURL)
		}
	}
}

func TestCollisions(t *testing.T) {
	// a.md is the later event, but the first file: errors name the first
	// file to spell a name, whatever the order of the events.
	_, err := load(t, "", map[string]string{
		"a": ev("A", "2021", "Taobao Live"),
		"b": ev("B", "2020", "taobao live"),
	})
	want := `content/events/b.md:5: platform "taobao live" and "Taobao Live" (content/events/a.md:5) both make the URL /platforms/taobao-live/: spell them the same`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	fsys := fstest.MapFS{
		"content/events/a.md":    {Data: []byte("---\n" + ev("A", "2020", "P", "aliases: [/timeline/]\n") + "---\n")},
		"content/pages/about.md": {Data: []byte("---\ntitle: About\nslug: tags\n---\n")},
	}
	a, err := content.Load(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(a, Options{})
	for _, w := range []string{"content/pages/about.md: the page /tags/ is also made by vitrine's tag index", "content/events/a.md:6: the page /timeline/ is also made by vitrine's timeline"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("got %v\nwant it to contain %s", err, w)
		}
	}
}

// TestNewEventCopiesEveryField checks that an Event has, and is given,
// every field of its content.Event but those the site replaces or
// drops: a field added to content.Event must not be lost on the way to
// the templates.
func TestNewEventCopiesEveryField(t *testing.T) {
	// Aliases become pages of their own; of the key lines, only the
	// image's is checked after the model is built.
	replaced := map[string]bool{"Institutions": true, "Platforms": true, "Tags": true, "Draft": true, "Aliases": true, "Lines": true}
	date, err := content.ParseDate("2020-09-25")
	if err != nil {
		t.Fatal(err)
	}
	ce := &content.Event{Date: date}
	cv := reflect.ValueOf(ce).Elem()
	for i := range cv.NumField() {
		f := cv.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(cv.Type().Field(i).Name)
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(i + 1))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Pointer, reflect.Slice, reflect.Map:
			if f.IsNil() {
				switch f.Kind() {
				case reflect.Pointer:
					f.Set(reflect.New(f.Type().Elem()))
				case reflect.Slice:
					f.Set(reflect.MakeSlice(f.Type(), 1, 1))
				case reflect.Map:
					f.Set(reflect.MakeMap(f.Type()))
				}
			}
		case reflect.Struct:
			if f.IsZero() {
				for j := range f.NumField() {
					if g := f.Field(j); g.CanSet() && g.Kind() == reflect.Int {
						g.SetInt(int64(j + 1))
					} else if g.CanSet() && g.Kind() == reflect.String {
						g.SetString("s")
					}
				}
			}
		}
	}
	se := newEvent(ce, "/", new(blocks))
	if se.ImageLine() != ce.Lines.Image {
		t.Errorf("ImageLine: newEvent gives %d, want %d", se.ImageLine(), ce.Lines.Image)
	}
	e := reflect.ValueOf(se).Elem()
	for i := range cv.NumField() {
		name := cv.Type().Field(i).Name
		if replaced[name] {
			continue
		}
		got := e.FieldByName(name)
		if name == "Summary" {
			got = e.FieldByName("SummaryKey")
		}
		if !got.IsValid() {
			t.Errorf("site.Event has no field %s", name)
			continue
		}
		if want := cv.Field(i); !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%s: newEvent gives %v, want %v", name, got, want)
		}
	}
}

// TestEventSize holds an Event to 480 bytes: a build of 100,000 events
// keeps as many for its whole length, side by side in blocks, so each
// byte more is 100 KB more for the collector to mark.
func TestEventSize(t *testing.T) {
	if got := unsafe.Sizeof(Event{}); got > 480 {
		t.Errorf("site.Event is %d bytes, want at most 480", got)
	}
}
