package render

import (
	"encoding/xml"
	"io"
	"time"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// feedEntries is how many of the latest events the feed carries.
const feedEntries = 50

// The XML files are written with encoding/xml, which escapes every value
// for XML; no editor's text passes through a template there.

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap writes the sitemaps.org sitemap of every page but the 404 page
// and redirects.
func Sitemap(w io.Writer, s *site.Site) error {
	set := urlset{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range s.Pages() {
		if p.Kind == site.KindNotFound || p.Kind == site.KindAlias {
			continue
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: s.AbsURL(p.URL)})
	}
	return writeXML(w, set)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	XMLNS   string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary,omitempty"`
	Category  []atomCat  `xml:"category"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// Feed writes an Atom feed of the latest events, newest first. Dates are
// the broadcasts' (the earliest instant each can mean), not the build's,
// so that the feed is the same from build to build.
func Feed(w io.Writer, s *site.Site) error {
	f := atomFeed{
		XMLNS: "http://www.w3.org/2005/Atom",
		Lang:  s.Config.Language,
		ID:    s.AbsURL(""),
		Title: s.Config.Title,
		Sub:   s.Config.Description,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.AbsURL(site.FeedFile)},
			{Rel: "alternate", Type: "text/html", Href: s.AbsURL("")},
		},
		Author:  atomAuthor{Name: s.Config.Title},
		Updated: atomTime(content.Date{}),
	}
	latest := s.Latest(feedEntries)
	if len(latest) > 0 {
		f.Updated = atomTime(latest[0].Date)
	}
	for _, e := range latest {
		entry := atomEntry{
			ID:        s.AbsURL(e.URL),
			Title:     e.Title,
			Updated:   atomTime(e.Date),
			Published: atomTime(e.Date),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: s.AbsURL(e.URL)}},
			Summary:   e.Summary,
		}
		for _, t := range e.Tags {
			entry.Category = append(entry.Category, atomCat{Term: t.Name})
		}
		f.Entries = append(f.Entries, entry)
	}
	return writeXML(w, f)
}

func atomTime(d content.Date) string {
	if d.IsZero() {
		return time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return d.Time().Format(time.RFC3339)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
