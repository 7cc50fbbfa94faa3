//go:build e2e

package e2e

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestXML checks the feeds and sitemaps the build writes (.xml, .rss and
// .atom files): each is well-formed XML that encoding/xml reads to the
// end; RSS, Atom, sitemaps and sitemap indexes carry the elements their
// readers require; and their links to the archive lead to built pages.
// It skips while the build writes none.
func TestXML(t *testing.T) {
	var files []string
	err := filepath.WalkDir(sample.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".xml", ".rss", ".atom":
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("the build writes no feeds or sitemaps yet (no .xml, .rss or .atom files); nothing to check")
	}
	for _, file := range files {
		rel, _ := filepath.Rel(sample.dir, file)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			root, err := wellFormed(data)
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", rel, err)
			}
			check, ok := xmlChecks[root.Local]
			if !ok {
				t.Logf("%s: well-formed; no further check for a <%s> document", rel, root.Local)
				return
			}
			for _, problem := range check(data) {
				t.Errorf("%s: %s", rel, problem)
			}
		})
	}
}

// wellFormed reads every token of data and returns the root element's name.
func wellFormed(data []byte) (xml.Name, error) {
	var root xml.Name
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root.Local == "" {
				return root, errors.New("no root element")
			}
			return root, nil
		}
		if err != nil {
			return root, err
		}
		if se, ok := tok.(xml.StartElement); ok && root.Local == "" {
			root = se.Name
		}
	}
}

// xmlChecks check a document by its root element, each returning its problems.
var xmlChecks = map[string]func([]byte) []string{
	"rss":          checkRSS,
	"feed":         checkAtom,
	"urlset":       checkSitemap,
	"sitemapindex": checkSitemapIndex,
}

// checkRSS: RSS 2.0 requires a channel's title, link and description, and
// an item's title or description.
func checkRSS(data []byte) []string {
	var doc struct {
		Version string `xml:"version,attr"`
		Channel *struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			Items       []struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				Description string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	if doc.Version != "2.0" {
		problems = append(problems, `<rss> has no version="2.0"`)
	}
	c := doc.Channel
	if c == nil {
		return append(problems, "<rss> has no <channel>")
	}
	problems = append(problems, required("<channel>", "title", c.Title, "link", c.Link, "description", c.Description)...)
	problems = append(problems, leadsToPage(c.Link)...)
	for i, it := range c.Items {
		if strings.TrimSpace(it.Title) == "" && strings.TrimSpace(it.Description) == "" {
			problems = append(problems, "item "+strconv.Itoa(i+1)+" has neither <title> nor <description>")
		}
		problems = append(problems, leadsToPage(it.Link)...)
	}
	return problems
}

// checkAtom: RFC 4287 requires a feed's and each entry's id, title and updated.
func checkAtom(data []byte) []string {
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var doc struct {
		XMLName xml.Name `xml:"feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Links   []link `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	if doc.XMLName.Space != "http://www.w3.org/2005/Atom" {
		problems = append(problems, `<feed> is not in the Atom namespace "http://www.w3.org/2005/Atom"`)
	}
	problems = append(problems, required("<feed>", "id", doc.ID, "title", doc.Title, "updated", doc.Updated)...)
	problems = append(problems, dateTime("<feed>", doc.Updated)...)
	for i, e := range doc.Entries {
		what := "entry " + strconv.Itoa(i+1)
		problems = append(problems, required(what, "id", e.ID, "title", e.Title, "updated", e.Updated)...)
		problems = append(problems, dateTime(what, e.Updated)...)
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				problems = append(problems, leadsToPage(l.Href)...)
			}
		}
	}
	return problems
}

// checkSitemap: the sitemaps protocol requires a <loc> in each <url>.
func checkSitemap(data []byte) []string {
	var doc struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for i, u := range doc.URLs {
		problems = append(problems, required("url "+strconv.Itoa(i+1), "loc", u.Loc)...)
		problems = append(problems, leadsToPage(u.Loc)...)
	}
	return problems
}

func checkSitemapIndex(data []byte) []string {
	var doc struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for i, s := range doc.Sitemaps {
		problems = append(problems, required("sitemap "+strconv.Itoa(i+1), "loc", s.Loc)...)
		problems = append(problems, leadsToPage(s.Loc)...)
	}
	return problems
}

// required reports each named value that is empty: pairs of name, value.
func required(what string, pairs ...string) []string {
	var problems []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			problems = append(problems, what+" has no <"+pairs[i]+">")
		}
	}
	return problems
}

// dateTime reports an Atom date that is not an RFC 3339 date-time.
func dateTime(what, value string) []string {
	if value == "" {
		return nil // required reports that
	}
	if _, err := time.Parse(time.RFC3339, strings.TrimSpace(value)); err != nil {
		return []string{what + ": <updated> " + value + " is not an RFC 3339 date-time"}
	}
	return nil
}

// leadsToPage reports a link into the archive (under the URL the site was
// built for) that names no built file.
func leadsToPage(link string) []string {
	link = strings.TrimSpace(link)
	rel, ok := strings.CutPrefix(link, sample.url)
	if !ok {
		return nil // elsewhere, or empty: required reports that
	}
	rel, _, _ = strings.Cut(rel, "#")
	file := rel
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if _, err := os.Stat(filepath.Join(sample.dir, filepath.FromSlash(file))); err != nil {
		return []string{link + " leads to no page of the archive"}
	}
	return nil
}
