package site

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// Page is one file the build writes, with everything its template needs.
type Page struct {
	// In the order of how much templates read them: text/template finds
	// a field by comparing the names of the fields before it.
	Site  *Site
	Event *Event // set according to Kind, as the four below
	Kind  string // the template that renders it; one of the Kind constants
	URL   string // relative to the site root: "" for home, "events/louvre/", "404.html"
	Title string

	// Set by Full, as fields rather than methods: a template reads a
	// field for a fraction of what it takes to call a method.
	Lang   string // the language of the page's text
	Header Header // what the layout's site header shows of the page

	// Body is Source's Markdown as HTML, for the page's template: the
	// renderer sets it on its own copy of the page, so it is always
	// empty in the model.
	Body template.HTML

	// For list pages: this page's share of the list.
	Items  []*Event // events on this page
	Groups []Year   // Items grouped by year and month, for timelines: set by Full
	Pager  *Pager   // set by Full
	Scale  int64    // the largest viewer figure in the whole list, for scaling bars
	Names  []Entry  // for index pages: names with counts

	// Set according to Kind.
	Platform    *Platform
	Institution *Institution
	Tag         *Tag
	Doc         *Doc
	Target      string // for an alias: the URL it redirects to

	// Source is the Markdown file whose body the page shows, if any.
	Source *content.Source

	list listPos // where the page is in its list, for Full
}

// listPos is a list page's place in its list.
type listPos struct {
	base          string // the list's first page
	number, total int    // 0 for a page that is not part of a list
}

// Full returns a copy of the page with the fields derived from its
// place in a list (Groups and Pager) filled in, as its template gets it.
// The model leaves them empty: at 100,000 events they would hold
// hundreds of thousands of small objects for the whole build, each page
// needing its own only while it is rendered.
func (p *Page) Full() Page {
	v := *p
	v.Lang = p.lang()
	v.Header = p.header()
	if p.list.number > 0 {
		v.Groups = groupByMonth(p.Items)
		v.Pager = pager(p.list.base, p.list.number, p.list.total)
	}
	return v
}

// File returns the path the page is written at, relative to the output folder.
func (p *Page) File() string {
	if p.URL == "" || strings.HasSuffix(p.URL, "/") {
		return p.URL + "index.html"
	}
	return p.URL
}

// lang returns the language of the page's text.
func (p *Page) lang() string {
	switch {
	case p.Event != nil && p.Event.Lang != "":
		return p.Event.Lang
	case p.Doc != nil && p.Doc.Lang != "":
		return p.Doc.Lang
	}
	return p.Site.Config.Language
}

// Section returns the URL of the navigation section the page belongs
// to (one of Site.Sections: "timeline/" for the timeline and events,
// a document's own URL for a document), or "" for the home page and
// the pages outside every section.
func (p *Page) Section() string {
	switch p.Kind {
	case KindTimeline, KindEvent:
		return timelinePath
	case KindPlatforms, KindPlatform:
		return platformsPath
	case KindInstitutions, KindInstitution:
		return institutionsPath
	case KindTags, KindTag:
		return tagsPath
	case KindPage:
		return p.URL
	}
	return ""
}

// Entry is a name in an index page.
type Entry struct {
	Name    string
	Slug    string
	URL     string
	Summary string // from the platform's or institution's file, if any
	City    string // institutions only
	Country string
	Count   int
	Totals
}

// Year is the events of one year on a list page, by month.
type Year struct {
	Year   int
	Months []Month
}

// Month is the events of one month (or season, or of an unknown part of
// the year) on a list page.
type Month struct {
	Label    string // "September", "Summer", or "" when only the year is known
	Datetime string // "2020-09" for a month, "2020" otherwise
	Events   []*Event
}

// Pager is a list page's place among its pages.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, "" at either end
	First         string
	Pages         []PagerLink
}

// PagerLink is one numbered link in a pager.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
}

// layout decides every page the build writes, and reports two pages at
// one URL. It returns every page but the events' own, which are only
// claimed (see EventPage).
func (s *Site) layout(aliases []alias, b *blocks, errs *content.ErrorList) []*Page {
	var pages []*Page
	s.urls = make(map[string]bool)
	owner := map[string]string{} // URL → what claimed it, for collision messages
	claim := func(url, by string, line int) bool {
		if prev, dup := owner[url]; dup {
			*errs = append(*errs, content.Errorf(by, line, "the page /%s is also made by %s", url, prev))
			return false
		}
		owner[url] = by
		return true
	}
	add := func(p *Page, by string, line int) {
		p.Site = s
		if claim(p.URL, by, line) {
			s.urls[p.URL] = true
			pages = append(pages, p)
		}
	}
	// Reserve the generated sections so a plain page or alias cannot take them.
	for _, u := range []string{"", eventsPrefix, timelinePath, platformsPath, institutionsPath, tagsPath} {
		owner[u] = "vitrine's own " + strings.TrimSuffix(u, "/") + " section"
	}

	for _, e := range s.Events {
		claim(e.URL, e.Path, 0)
	}
	delete(owner, "")
	add(&Page{Kind: KindHome, URL: "", Title: s.Config.Title}, "vitrine's home page", 0)
	delete(owner, timelinePath)
	for _, p := range b.paginate(KindTimeline, timelinePath, "Timeline", s.Events, s.Config.PageSize) {
		add(p, "vitrine's timeline", 0)
	}

	delete(owner, platformsPath)
	entries := make([]Entry, len(s.Platforms))
	for i, p := range s.Platforms {
		entries[i] = Entry{Name: p.Name, Slug: p.Slug, URL: p.URL, Count: p.Count, Totals: p.Totals}
		if p.Profile != nil {
			entries[i].Summary, entries[i].Country = p.Profile.Summary, p.Profile.Country
		}
	}
	for _, p := range paginateNames(KindPlatforms, platformsPath, "Platforms", entries) {
		add(p, "vitrine's platform index", 0)
	}
	for _, pl := range s.Platforms {
		var src *content.Source
		by := "platform " + strconv.Quote(pl.Name)
		if pl.Profile != nil {
			src, by = &pl.Profile.Source, pl.Profile.Path
		}
		for i, p := range b.paginate(KindPlatform, pl.URL, pl.Name, pl.Events, s.Config.PageSize) {
			p.Platform = pl
			if i == 0 {
				p.Source = src
			}
			add(p, by, 0)
		}
	}

	delete(owner, institutionsPath)
	entries = make([]Entry, len(s.Institutions))
	for i, in := range s.Institutions {
		entries[i] = Entry{Name: in.Name, Slug: in.Slug, URL: in.URL, Count: in.Count, Totals: in.Totals}
		if in.Profile != nil {
			entries[i].Summary, entries[i].City, entries[i].Country = in.Profile.Summary, in.Profile.City, in.Profile.Country
		}
	}
	for _, p := range paginateNames(KindInstitutions, institutionsPath, "Institutions", entries) {
		add(p, "vitrine's institution index", 0)
	}
	for _, in := range s.Institutions {
		var src *content.Source
		by := "institution " + strconv.Quote(in.Name)
		if in.Profile != nil {
			src, by = &in.Profile.Source, in.Profile.Path
		}
		for i, p := range b.paginate(KindInstitution, in.URL, in.Name, in.Events, s.Config.PageSize) {
			p.Institution = in
			if i == 0 {
				p.Source = src
			}
			add(p, by, 0)
		}
	}

	delete(owner, tagsPath)
	entries = make([]Entry, len(s.Tags))
	for i, t := range s.Tags {
		entries[i] = Entry{Name: t.Name, Slug: t.Slug, URL: t.URL, Count: t.Count, Totals: t.Totals}
	}
	for _, p := range paginateNames(KindTags, tagsPath, "Tags", entries) {
		add(p, "vitrine's tag index", 0)
	}
	for _, t := range s.Tags {
		for _, p := range b.paginate(KindTag, t.URL, t.Name, t.Events, s.Config.PageSize) {
			p.Tag = t
			add(p, "tag "+strconv.Quote(t.Name), 0)
		}
	}

	for _, d := range s.Docs {
		src := d.Source
		add(&Page{Kind: KindPage, URL: d.URL, Title: d.Title, Doc: d, Source: &src}, d.Path, 0)
	}
	add(&Page{Kind: KindNotFound, URL: notFoundPath, Title: "Page not found"}, "vitrine's 404 page", 0)

	for _, a := range aliases {
		e := a.event
		p := b.pages.New()
		*p = Page{Kind: KindAlias, URL: a.url, Title: e.Title, Target: e.URL, Event: e}
		add(p, e.Path, a.line)
	}
	return pages
}

// paginate splits events into list pages of size n at base, base/page/2/, …
// An empty list still has its first page.
func (b *blocks) paginate(kind, base, title string, events []*Event, n int) []*Page {
	total := max(1, (len(events)+n-1)/n)
	var scale int64
	for _, e := range events {
		if e.Viewers != nil {
			scale = max(scale, *e.Viewers)
		}
	}
	// The model keeps every list page for the whole build, some 30,000
	// at 100,000 events: they are cut from blocks, like the events.
	for i := range total {
		lo, hi := i*n, min(len(events), (i+1)*n)
		url, t := base, title
		if i > 0 {
			url, t = pageURL(base, i+1), title+" (page "+strconv.Itoa(i+1)+")"
			b.text.Pack(&url, &t)
		}
		p := b.pages.New()
		*p = Page{Kind: kind, URL: url, Title: t, Items: events[lo:hi],
			Scale: scale, list: listPos{base, i + 1, total}}
		b.pagesOf.Add(p)
	}
	return b.pagesOf.Cut()
}

func paginateNames(kind, base, title string, names []Entry) []*Page {
	n := namesPerIndexPage
	total := max(1, (len(names)+n-1)/n)
	pages := make([]*Page, total)
	for i := range pages {
		t := title
		if i > 0 {
			t = title + " (page " + strconv.Itoa(i+1) + ")"
		}
		pages[i] = &Page{Kind: kind, URL: pageURL(base, i+1), Title: t,
			Names: names[i*n : min(len(names), (i+1)*n)], list: listPos{base, i + 1, total}}
	}
	return pages
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + pageSegment + strconv.Itoa(n) + "/"
}

// pager links a page to its neighbours, and to at most nine numbered
// pages around it so that the pager stays small on long lists.
func pager(base string, n, total int) *Pager {
	p := &Pager{Number: n, Total: total, First: base}
	if n > 1 {
		p.Prev = pageURL(base, n-1)
	}
	if n < total {
		p.Next = pageURL(base, n+1)
	}
	lo, hi := max(1, n-4), min(total, n+4)
	for i := lo; i <= hi; i++ {
		p.Pages = append(p.Pages, PagerLink{Number: i, URL: pageURL(base, i), Current: i == n})
	}
	return p
}

// groupByMonth groups events (in date order) by year, then by month,
// season, or "year only".
func groupByMonth(events []*Event) []Year {
	var years []Year
	for _, e := range events {
		y := e.Date.Year()
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, Year{Year: y})
		}
		yr := &years[len(years)-1]
		label, dt := monthLabel(e.Date)
		if len(yr.Months) == 0 || yr.Months[len(yr.Months)-1].Label != label {
			yr.Months = append(yr.Months, Month{Label: label, Datetime: dt})
		}
		m := &yr.Months[len(yr.Months)-1]
		m.Events = append(m.Events, e)
	}
	return years
}

func monthLabel(d content.Date) (label, datetime string) {
	switch {
	case d.Precision() >= content.Month:
		return d.Time().Month().String(), d.Time().Format("2006-01")
	case d.Precision() == content.Season:
		n := d.SeasonName()
		return strings.ToUpper(n[:1]) + n[1:], d.Machine()
	}
	return "", d.Machine()
}

// HasPage reports whether a page is written at the site URL rel
// ("events/louvre/", "" for home). "events/louvre" counts too: static
// hosts redirect it to the folder.
func (s *Site) HasPage(rel string) bool {
	return s.isPage(rel) || (!strings.HasSuffix(rel, "/") && s.isPage(rel+"/")) || s.isPage(strings.TrimSuffix(rel, "index.html"))
}

// isPage reports whether url is exactly the URL of a page.
func (s *Site) isPage(url string) bool {
	if s.urls[url] {
		return true
	}
	slug, ok := strings.CutPrefix(url, eventsPrefix)
	if !ok {
		return false
	}
	slug, ok = strings.CutSuffix(slug, "/")
	if !ok {
		return false
	}
	_, found := slices.BinarySearchFunc(s.bySlug, slug, func(e *Event, t string) int { return strings.Compare(e.Slug, t) })
	return found
}
