// Package site turns a loaded archive into the site's model: the events
// in order, the platforms, institutions and tags that index them, and the
// pages the build writes, each with its URL and the data its template
// receives. An event's own page is made when it is asked for (EventPage)
// rather than kept: the model of an archive of 100,000 events would hold
// as many pages, each needed only while it is rendered.
//
// # URLs
//
// Every page is written at a "pretty" URL ending in "/" as that folder's
// index.html. The URL patterns are defined once, here:
//
//	/                                home
//	/events/<slug>/                  an event (slug: file name, or its slug key)
//	/timeline/  /timeline/page/N/    every event, in date order
//	/platforms/ /platforms/<slug>/   platforms, and each one's timeline
//	/institutions/ /institutions/<slug>/
//	/tags/      /tags/<slug>/
//	/<slug>/                         a plain page from content/pages/
//	/404.html                        the not-found page
//
// Lists longer than the page size continue at …/page/2/ and so on.
// URLs in the model are relative to the site's root ("events/louvre/");
// templates add the base path with the url function, so a site deployed
// under a sub-path works unchanged.
//
// Names (platforms, institutions, tags) become slugs with
// content.Slugify; two spellings that give the same slug are an error
// naming both files, as is any other pair of pages at one URL.
package site

import (
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// Page kinds: each is also the name of the template that renders it.
const (
	KindHome         = "home"
	KindEvent        = "event"
	KindTimeline     = "timeline"
	KindPlatforms    = "platforms"
	KindPlatform     = "platform"
	KindInstitutions = "institutions"
	KindInstitution  = "institution"
	KindTags         = "tags"
	KindTag          = "tag"
	KindPage         = "page"
	KindNotFound     = "404"
	KindAlias        = "alias"
)

// Kinds lists every page kind, in the order the build reports them.
var Kinds = []string{KindHome, KindEvent, KindTimeline, KindPlatforms, KindPlatform,
	KindInstitutions, KindInstitution, KindTags, KindTag, KindPage, KindNotFound, KindAlias}

// Files written only when the base URL is absolute, as both formats
// require absolute addresses.
const (
	SitemapFile = "sitemap.xml"
	FeedFile    = "feed.xml"
)

// URL patterns, relative to the site root.
const (
	eventsPrefix       = "events/"
	timelinePath       = "timeline/"
	platformsPath      = "platforms/"
	institutionsPath   = "institutions/"
	tagsPath           = "tags/"
	pageSegment        = "page/"
	notFoundPath       = "404.html"
	latestOnHome       = 6
	relatedPerEvent    = 4
	namesPerIndexPage  = 200
	neighboursPerIndex = 4
)

// EventURL returns the URL of the event with the given slug.
func EventURL(slug string) string { return eventsPrefix + slug + "/" }

// Site is the model of the whole archive.
type Site struct {
	Config   content.Config
	BasePath string // the base URL's path: "/" or "/archive/"
	BaseURL  string // the absolute base URL ending in "/", or "" when only a path was given

	Events       []*Event // in date order, oldest first
	Platforms    []*Platform
	Institutions []*Institution
	Tags         []*Tag
	Docs         []*Doc

	TotalViewers int64 // the sum of every event's reported viewers

	// For links between files (FileURL): the events by their file's
	// path, and the URL of every other file's page by its path. (A map,
	// some 30 bytes an event: searching a sorted slice instead took a
	// percent of a build, in cache misses, for the links between events.)
	eventsByPath map[string]*Event
	byPath       map[string]string

	urls   map[string]bool // the URL of every page but the events' own
	bySlug []*Event        // the events by slug, for HasPage: smaller than their URLs in urls
	pages  []*Page         // every page but the events' own
}

// Event is an event with its place in the archive.
//
// It has the fields of its content.Event that pages show, copied rather
// than embedded: templates look fields up by name, and a field promoted
// from an embedded struct costs text/template a slow search with
// allocations on every use, on every page. What only building the model
// needs (the aliases, which become pages of their own, and the lines of
// most keys) is left behind: an archive of 100,000 events keeps as many
// Events for the whole build, and each is at most 480 bytes (a test
// holds it there). For the same reason what only the event's
// own page shows is worked out when asked for (Nav), or kept in the
// Event itself rather than in objects of its own (Related); and the
// rest is in as few objects as can be (see blocks.go): the Event, its
// text, lists and figures are parts of blocks shared by many events.
// The lists are full (their capacity is their length): appending to one
// makes a copy.
type Event struct {
	// The fields pages show, those they read most first: text/template
	// finds a field by comparing the names of the fields before it.
	Title        string
	URL          string
	Platforms    []*Platform
	Date         content.Date
	Institutions []*Institution
	Summary      string // the summary key, or the body's first paragraph once rendered
	City         string
	Viewers      *int64 // nil when no figure was reported
	SummaryKey   string // the summary key as written, "" when the first paragraph is the summary
	Country      string
	Duration     time.Duration
	Interactions *int64
	Hosts        []string
	Language     []string // BCP 47 codes of the broadcast's languages
	ImageURL     string   // the image's src: under the base path for a file in static/, or the URL as given
	ImageAlt     string
	ImageCredit  string
	Highlights   []string
	Sources      []content.Citation
	Tags         []*Tag
	Slug         string
	Image        string // as written: a path in static/ or a URL
	Lang         string // language of the write-up; the site's when empty
	Params       map[string]any

	content.Source
	related   [relatedPerEvent]*Event // see Related; nil after the last
	rank      int32                   // index in Site.Events
	imageLine int32                   // line of the image key
}

// newEvent makes the Event of ce in the blocks of b. What the loader
// already keeps in blocks of its own (see content.Load) is shared rather
// than copied: the text, the sources and the figures, which are what
// those blocks hold, but for the slug and the aliases. What the site
// makes or keeps a part of is cut from b: the Event, its URLs and its
// lists of names (but those the index resolves). base is the site's base
// path, for the image's URL.
func newEvent(ce *content.Event, base string, b *blocks) *Event {
	e := b.events.New()
	*e = Event{
		Source: ce.Source, Title: ce.Title, Date: ce.Date,
		City: ce.City, Country: ce.Country, Duration: ce.Duration,
		Viewers: ce.Viewers, Interactions: ce.Interactions,
		Hosts: b.names.Copy(ce.Hosts), Highlights: b.names.Copy(ce.Highlights), Language: b.names.Copy(ce.Language),
		Image: ce.Image, ImageAlt: ce.ImageAlt, ImageCredit: ce.ImageCredit,
		Sources: ce.Sources, Lang: ce.Lang, Params: ce.Params,
		URL: EventURL(ce.Slug), SummaryKey: ce.Summary,
		imageLine: int32(ce.Lines.Image),
	}
	local := content.LocalImage(ce.Image)
	if local != "" {
		e.ImageURL = base + local
	}
	b.text.Pack(&e.URL, &e.ImageURL)
	if local == "" {
		e.ImageURL = e.Image
	}
	e.Slug = e.URL[len(eventsPrefix) : len(e.URL)-1]
	e.Summary = e.SummaryKey
	return e
}

// Index returns the event's place in Site.Events (oldest first).
func (e *Event) Index() int { return int(e.rank) }

// ImageLine returns the line of the image key in the event's file, for
// errors about the image; 0 when it has none.
func (e *Event) ImageLine() int { return int(e.imageLine) }

// Nav returns the event's previous and next events on the timeline of
// each of its platforms, in the order of Site.Platforms. It is worked
// out on each call: only the event's own page shows it.
func (e *Event) Nav() []Neighbours {
	if len(e.Platforms) == 0 {
		return nil
	}
	nav := make([]Neighbours, len(e.Platforms))
	for i, p := range e.Platforms {
		j, _ := slices.BinarySearchFunc(p.Events, e, byIndex)
		nav[i].Platform = p
		if j > 0 {
			nav[i].Prev = p.Events[j-1]
		}
		if j+1 < len(p.Events) {
			nav[i].Next = p.Events[j+1]
		}
	}
	slices.SortFunc(nav, func(a, b Neighbours) int { return compareNames(a.Platform.Name, b.Platform.Name) })
	return nav
}

// Related returns up to four events that share the most with this one:
// an institution counts for two, each shared tag for one; ties go to the
// nearest in time. The slice is the event's own: do not modify it.
func (e *Event) Related() []*Event {
	n := 0
	for n < len(e.related) && e.related[n] != nil {
		n++
	}
	return e.related[:n:n]
}

// byIndex orders events as in Site.Events, for binary searches in the
// lists of events, which all keep that order.
func byIndex(a, b *Event) int { return a.Index() - b.Index() }

// Neighbours are an event's previous and next events on one platform's timeline.
type Neighbours struct {
	Platform   *Platform
	Prev, Next *Event
}

// Platform is a platform and its timeline.
type Platform struct {
	Name    string
	Slug    string
	URL     string
	Profile *content.Platform // nil when no content/platforms file describes it
	Events  []*Event          // oldest first
	Totals
}

// Institution is an institution and its events.
type Institution struct {
	Name    string
	Slug    string
	URL     string
	Profile *content.Institution // nil when no content/institutions file describes it
	Events  []*Event
	Totals
}

// Tag is a tag and its events.
type Tag struct {
	Name   string
	Slug   string
	URL    string
	Events []*Event
	Totals
}

// Totals are the sums over a list of events.
type Totals struct {
	Count        int
	Viewers      int64 // the sum of reported viewers
	Interactions int64
	MaxViewers   int64 // the largest single figure, for scaling bars
	First, Last  content.Date
}

// Doc is a plain page.
type Doc struct {
	*content.Page
	URL string
}

// Options change how the site is built.
type Options struct {
	BaseURL string // overrides the config's base_url when not empty
}

// New builds the model of archive a. Like content.Load, it reports every
// problem it finds as a content.ErrorList.
func New(a *content.Archive, opts Options) (*Site, error) {
	s := &Site{Config: a.Config, byPath: make(map[string]string)}
	var errs content.ErrorList
	base := a.Config.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
	}
	if err := s.setBase(base); err != nil {
		errs = append(errs, content.Errorf(content.ConfigFile, 0, "base URL: %v", err))
	}

	b := new(blocks)
	aliases := s.index(a, b, &errs)
	s.link()
	s.pages = s.layout(aliases, b, &errs)
	return s, errs.Err()
}

func (s *Site) setBase(base string) error {
	if base == "" {
		base = "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: want an http(s) URL or a path", base)
	}
	p := "/" + strings.Trim(u.Path, "/") + "/"
	if p == "//" {
		p = "/"
	}
	s.BasePath = p
	if u.Host != "" {
		s.BaseURL = u.Scheme + "://" + u.Host + p
	}
	return nil
}

// URL returns the root-relative URL of a site URL: BasePath + rel.
func (s *Site) URL(rel string) string { return s.BasePath + rel }

// AbsURL returns the absolute URL of rel when the base URL has a host,
// and the root-relative one otherwise.
func (s *Site) AbsURL(rel string) string {
	if s.BaseURL == "" {
		return s.URL(rel)
	}
	return s.BaseURL + rel
}

// FeedURL returns the site URL of the Atom feed, or "" when the site
// has none (its base URL has no host).
func (s *Site) FeedURL() string {
	if s.BaseURL == "" {
		return ""
	}
	return FeedFile
}

// FileURL returns the URL of the page made from a content file (a path
// like "content/events/louvre.md"), and whether there is one.
func (s *Site) FileURL(path string) (string, bool) {
	if u, ok := s.byPath[path]; ok {
		return u, true
	}
	if e := s.EventFile(path); e != nil {
		return e.URL, true
	}
	return "", false
}

// EventFile returns the event made from the content file at path (like
// "content/events/louvre.md"), or nil when there is none.
func (s *Site) EventFile(path string) *Event {
	return s.eventsByPath[path]
}

// Pages returns every page the build writes, in a fixed order: the
// events' own (in date order, each made as the iteration reaches it, as
// by EventPage), then the others (as OtherPages).
func (s *Site) Pages() iter.Seq[*Page] {
	return func(yield func(*Page) bool) {
		for _, e := range s.Events {
			if !yield(s.EventPage(e)) {
				return
			}
		}
		for _, p := range s.pages {
			if !yield(p) {
				return
			}
		}
	}
}

// EventPage returns the page of event e. The model keeps no page per
// event: each call makes a new one.
func (s *Site) EventPage(e *Event) *Page {
	return &Page{Kind: KindEvent, URL: e.URL, Title: e.Title, Site: s, Event: e, Source: &e.Source}
}

// OtherPages returns the pages the build writes other than the events'
// own, in a fixed order: the home page, the lists and indexes, the
// plain pages, the 404 page, then the redirects of the events' aliases.
// The slice is the model's: do not modify it.
func (s *Site) OtherPages() []*Page { return s.pages }

// Latest returns the n most recent events, newest first.
func (s *Site) Latest(n int) []*Event {
	out := make([]*Event, 0, n)
	for i := len(s.Events) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, s.Events[i])
	}
	return out
}

func (t *Totals) add(e *Event) {
	t.Count++
	if e.Viewers != nil {
		t.Viewers += *e.Viewers
		t.MaxViewers = max(t.MaxViewers, *e.Viewers)
	}
	if e.Interactions != nil {
		t.Interactions += *e.Interactions
	}
	if t.First.IsZero() || e.Date.Compare(t.First) < 0 {
		t.First = e.Date
	}
	if t.Last.IsZero() || e.Date.Compare(t.Last) > 0 {
		t.Last = e.Date
	}
}

// compareEvents is the archive's one order of events: by date, then
// title, then slug, so that any two events have a fixed order. It
// compares the loaded events, as Site.Events is made in this order
// (see index); an Event has the date, title and slug of its file.
func compareEvents(a, b *content.Event) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

func sortNames[T any](list []T, name func(T) string) {
	slices.SortStableFunc(list, func(a, b T) int { return compareNames(name(a), name(b)) })
}

// compareNames is the order of the names of platforms, institutions
// and tags: regardless of case, then by case.
func compareNames(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// Section is a top-level part of the site, for navigation.
type Section struct {
	Name string
	URL  string
	Kind string // the kind of the section's index page
}

// Sections returns the site's top-level sections, in navigation order,
// followed by its plain pages.
func (s *Site) Sections() []Section {
	out := []Section{
		{"Timeline", timelinePath, KindTimeline},
		{"Platforms", platformsPath, KindPlatforms},
		{"Institutions", institutionsPath, KindInstitutions},
		{"Tags", tagsPath, KindTags},
	}
	for _, d := range s.Docs {
		out = append(out, Section{d.Title, d.URL, KindPage})
	}
	return out
}

// MaxViewers returns the largest viewer figure of any event.
func (s *Site) MaxViewers() int64 {
	var m int64
	for _, e := range s.Events {
		if e.Viewers != nil {
			m = max(m, *e.Viewers)
		}
	}
	return m
}
