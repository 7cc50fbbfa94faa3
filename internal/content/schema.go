package content

import "strings"

// The keys each kind of file accepts. These tables are the one place a
// key's name is spelled; the package doc lists them for editors.

var eventSchema = schema[Event]{
	kind:     "event",
	required: []string{"title", "date", "institution", "platform"},
	fields: map[string]field[Event]{
		"title":       func(d *decoder, k string, v *value, e *Event) { e.Title, _ = d.str(k, v) },
		"date":        func(d *decoder, k string, v *value, e *Event) { e.Date = d.date(k, v) },
		"institution": func(d *decoder, k string, v *value, e *Event) { e.Institutions = d.names(k, v, e) },
		"platform":    func(d *decoder, k string, v *value, e *Event) { e.Platforms = d.names(k, v, e) },
		"city":        func(d *decoder, k string, v *value, e *Event) { e.City = d.name(k, v) },
		"country":     func(d *decoder, k string, v *value, e *Event) { e.Country = d.name(k, v) },
		"duration":    func(d *decoder, k string, v *value, e *Event) { e.Duration = d.duration(k, v) },
		"viewers":     func(d *decoder, k string, v *value, e *Event) { e.Viewers = d.count(k, v) },
		"interactions": func(d *decoder, k string, v *value, e *Event) {
			e.Interactions = d.count(k, v)
		},
		"hosts":        func(d *decoder, k string, v *value, e *Event) { e.Hosts = d.namesList(k, v) },
		"highlights":   func(d *decoder, k string, v *value, e *Event) { e.Highlights = d.namesList(k, v) },
		"tags":         func(d *decoder, k string, v *value, e *Event) { e.Tags = d.names(k, v, e) },
		"language":     func(d *decoder, k string, v *value, e *Event) { e.Language = d.langs(k, v) },
		"summary":      func(d *decoder, k string, v *value, e *Event) { e.Summary, _ = d.str(k, v) },
		"image":        func(d *decoder, k string, v *value, e *Event) { e.Image = d.imageRef(k, v) },
		"image_alt":    func(d *decoder, k string, v *value, e *Event) { e.ImageAlt, _ = d.str(k, v) },
		"image_credit": func(d *decoder, k string, v *value, e *Event) { e.ImageCredit = d.name(k, v) },
		"sources":      func(d *decoder, k string, v *value, e *Event) { e.Sources = d.citations(k, v) },
		"slug":         func(d *decoder, k string, v *value, e *Event) { e.Slug = d.slug(k, v) },
		"aliases":      func(d *decoder, k string, v *value, e *Event) { e.Aliases = d.aliases(k, v) },
		"draft":        func(d *decoder, k string, v *value, e *Event) { e.Draft = d.boolean(k, v) },
		"lang":         func(d *decoder, k string, v *value, e *Event) { e.Lang = d.oneLang(k, v) },
		"params":       func(d *decoder, k string, v *value, e *Event) { e.Params = d.params(k, v) },
	},
}

var citationSchema = schema[Citation]{
	kind:     "source",
	required: []string{"title"},
	fields: map[string]field[Citation]{
		"title":     func(d *decoder, k string, v *value, c *Citation) { c.Title, _ = d.str(k, v) },
		"url":       func(d *decoder, k string, v *value, c *Citation) { c.URL = d.link("sources: "+k, v) },
		"publisher": func(d *decoder, k string, v *value, c *Citation) { c.Publisher = d.name(k, v) },
		"date":      func(d *decoder, k string, v *value, c *Citation) { c.Date = d.date(k, v) },
		"lang":      func(d *decoder, k string, v *value, c *Citation) { c.Lang = d.oneLang(k, v) },
	},
}

var platformSchema = schema[Platform]{
	kind:     "platform",
	required: []string{"title"},
	fields: map[string]field[Platform]{
		"title":    func(d *decoder, k string, v *value, p *Platform) { p.Title, _ = d.str(k, v) },
		"owner":    func(d *decoder, k string, v *value, p *Platform) { p.Owner, _ = d.str(k, v) },
		"launched": func(d *decoder, k string, v *value, p *Platform) { p.Launched = d.date(k, v) },
		"url":      func(d *decoder, k string, v *value, p *Platform) { p.URL = d.link(k, v) },
		"country":  func(d *decoder, k string, v *value, p *Platform) { p.Country, _ = d.str(k, v) },
		"summary":  func(d *decoder, k string, v *value, p *Platform) { p.Summary, _ = d.str(k, v) },
		"params":   func(d *decoder, k string, v *value, p *Platform) { p.Params = d.params(k, v) },
	},
}

var institutionSchema = schema[Institution]{
	kind:     "institution",
	required: []string{"title"},
	fields: map[string]field[Institution]{
		"title":   func(d *decoder, k string, v *value, i *Institution) { i.Title, _ = d.str(k, v) },
		"city":    func(d *decoder, k string, v *value, i *Institution) { i.City, _ = d.str(k, v) },
		"country": func(d *decoder, k string, v *value, i *Institution) { i.Country, _ = d.str(k, v) },
		"url":     func(d *decoder, k string, v *value, i *Institution) { i.URL = d.link(k, v) },
		"summary": func(d *decoder, k string, v *value, i *Institution) { i.Summary, _ = d.str(k, v) },
		"params":  func(d *decoder, k string, v *value, i *Institution) { i.Params = d.params(k, v) },
	},
}

var pageSchema = schema[Page]{
	kind:     "page",
	required: []string{"title"},
	fields: map[string]field[Page]{
		"title":   func(d *decoder, k string, v *value, p *Page) { p.Title, _ = d.str(k, v) },
		"summary": func(d *decoder, k string, v *value, p *Page) { p.Summary, _ = d.str(k, v) },
		"slug":    func(d *decoder, k string, v *value, p *Page) { p.Slug = d.slug(k, v) },
		"draft":   func(d *decoder, k string, v *value, p *Page) { p.Draft = d.boolean(k, v) },
		"lang":    func(d *decoder, k string, v *value, p *Page) { p.Lang = d.oneLang(k, v) },
	},
}

var configSchema = schema[Config]{
	kind: "site",
	fields: map[string]field[Config]{
		"title":       func(d *decoder, k string, v *value, c *Config) { c.Title, _ = d.str(k, v) },
		"description": func(d *decoder, k string, v *value, c *Config) { c.Description, _ = d.str(k, v) },
		"base_url":    func(d *decoder, k string, v *value, c *Config) { c.BaseURL = d.baseURL(k, v) },
		"language":    func(d *decoder, k string, v *value, c *Config) { c.Language = d.oneLang(k, v) },
		"page_size": func(d *decoder, k string, v *value, c *Config) {
			if n := d.count(k, v); n != nil {
				if *n < 1 || *n > 1000 {
					d.errorf(v.line, "%s: want a number from 1 to 1000, got %d", k, *n)
					return
				}
				c.PageSize = int(*n)
			}
		},
		"minify":      func(d *decoder, k string, v *value, c *Config) { c.Minify = d.boolean(k, v) },
		"unsafe_html": func(d *decoder, k string, v *value, c *Config) { c.UnsafeHTML = d.boolean(k, v) },
		"max_file_bytes": func(d *decoder, k string, v *value, c *Config) {
			if n := d.count(k, v); n != nil {
				if *n < 1024 {
					d.errorf(v.line, "%s: want at least 1024, got %d", k, *n)
					return
				}
				c.MaxFileBytes = *n
			}
		},
		"params": func(d *decoder, k string, v *value, c *Config) { c.Params = d.params(k, v) },
	},
}

// names decodes a list of names (institutions, platforms, tags): each
// must give a non-empty slug. One copy of each is kept, as with name.
func (d *decoder) names(key string, v *value, e *Event) []string {
	list := d.strs(key, v)
	for i, n := range list {
		if Slugify(n) == "" {
			d.errorf(v.line, "%s: %q has no letter or digit to make a URL from", key, n)
		}
		list[i] = intern(n)
	}
	return list
}

func (d *decoder) langs(key string, v *value) []string {
	codes := d.strs(key, v)
	out := codes[:0] // in place: strs made codes for us
	for _, s := range codes {
		if t := d.langTag(key, v.line, s); t != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (d *decoder) oneLang(key string, v *value) string {
	s, ok := d.str(key, v)
	if !ok || s == "" {
		return ""
	}
	return d.langTag(key, v.line, s)
}

func (d *decoder) citations(key string, v *value) []Citation {
	if v.kind != listValue {
		d.errorf(v.line, "%s: want a list of sources, each with a title (and url, publisher, date, lang)", key)
		return nil
	}
	out := make([]Citation, 0, len(v.items))
	for _, it := range v.items {
		if it.kind != mapValue {
			d.errorf(it.line, "%s: each source must be a map with a title (and url, publisher, date, lang), got %s", key, it.describe())
			continue
		}
		var c Citation
		citationSchema.decode(d, it, &c)
		out = append(out, c)
	}
	return out
}

// aliases decodes old URL paths into the form pages are written at:
// no leading slash, a trailing one ("events/old-name/").
func (d *decoder) aliases(key string, v *value) []string {
	var out []string
	for _, s := range d.strs(key, v) {
		p := strings.Trim(s, "/")
		if p == "" || strings.Contains(s, "://") || strings.ContainsAny(p, "?#\\") {
			d.errorf(v.line, "%s: %q is not a path within the site like /events/old-name/", key, s)
			continue
		}
		bad := false
		for _, seg := range strings.Split(p, "/") {
			if ValidSlug(seg) != "" {
				bad = true
			}
		}
		if bad {
			d.errorf(v.line, "%s: %q has an empty, \".\" or \"..\" segment", key, s)
			continue
		}
		out = append(out, p+"/")
	}
	return out
}

// imageRef accepts an http(s) URL or a path to a file in static/.
func (d *decoder) imageRef(key string, v *value) string {
	s, ok := d.str(key, v)
	if !ok || s == "" {
		return ""
	}
	if strings.Contains(s, ":") {
		return d.link(key, v)
	}
	if strings.Contains(s, "..") {
		d.errorf(v.line, "%s: %q may not contain \"..\"; give the path of a file in static/, like /images/louvre.jpg", key, s)
		return ""
	}
	return "/" + strings.TrimPrefix(s, "/")
}

func (d *decoder) baseURL(key string, v *value) string {
	s := d.link(key, v)
	if s == "" {
		return ""
	}
	return strings.TrimSuffix(s, "/") + "/"
}
