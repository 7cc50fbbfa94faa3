package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
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

// sitemapLimit is the sitemaps.org protocol's limit of URLs in one file
// (a variable so that tests can lower it).
var sitemapLimit = 50000

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	XMLNS    string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// XMLFiles returns the site's XML files by name: the Atom feed and the
// sitemaps.org sitemap of every page but the 404 page and redirects. A
// sitemap of more URLs than the protocol allows in one file becomes an
// index of numbered parts (sitemap-1.xml, …).
func XMLFiles(s *site.Site) (map[string][]byte, error) {
	files := map[string][]byte{}
	var locs []sitemapURL
	for p := range s.Pages() {
		if p.Kind == site.KindNotFound || p.Kind == site.KindAlias {
			continue
		}
		locs = append(locs, sitemapURL{Loc: s.AbsURL(p.URL)})
	}
	if len(locs) <= sitemapLimit {
		b, err := marshalXML(urlset{XMLNS: sitemapNS, URLs: locs})
		if err != nil {
			return nil, err
		}
		files[site.SitemapFile] = b
	} else {
		index := sitemapIndex{XMLNS: sitemapNS}
		for i := 0; i*sitemapLimit < len(locs); i++ {
			name := "sitemap-" + strconv.Itoa(i+1) + ".xml"
			b, err := marshalXML(urlset{XMLNS: sitemapNS, URLs: locs[i*sitemapLimit : min(len(locs), (i+1)*sitemapLimit)]})
			if err != nil {
				return nil, err
			}
			files[name] = b
			index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: s.AbsURL(name)})
		}
		b, err := marshalXML(index)
		if err != nil {
			return nil, err
		}
		files[site.SitemapFile] = b
	}
	var feed bytes.Buffer
	if err := Feed(&feed, s); err != nil {
		return nil, err
	}
	files[site.FeedFile] = feed.Bytes()
	return files, nil
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	err := writeXML(&b, v)
	return b.Bytes(), err
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
