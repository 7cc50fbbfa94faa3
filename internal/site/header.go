package site

// Header is what the layout's site header shows of a page: which
// section of the navigation the page is in, and whether it is that
// section's own page or the home page. Comparable, so that the header
// is rendered once for each of the few values pages have, through the
// "cached" template function.
type Header struct {
	Site    *Site
	Section string // the URL of the page's section, as Page.Section
	Current bool   // the page is its section's own page
	Home    bool   // the page is the home page
}

// header returns what the site header shows of p.
func (p *Page) header() Header {
	section := p.Section()
	return Header{Site: p.Site, Section: section, Current: p.URL == section, Home: p.Kind == KindHome}
}
