package corpus

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vitrine-archive/vitrine"
)

// Hugo emits the same archive as a minimal Hugo site (Hugo 0.111 and
// later): the events as pages of the events section, tags, platforms and
// institutions as taxonomies, the profiles as the terms' _index.md, and a
// small layout set (baseof, single, list, taxonomy, term, plus the home
// page, a card partial and 404) that shows what vitrine's default theme
// shows, as far as Hugo can without work vitrine does not do either.
// Build it with "hugo --minify".
//
// Where the two differ, the difference favours Hugo:
//   - event pages link to their neighbours in the whole section rather
//     than on each platform's timeline, and show no related events:
//     Hugo's .Related (set up in hugoConfig on institutions and tags)
//     costs time in proportion to the archive on every page, and made
//     a 10,000-event build about ten times slower (six minutes of CPU);
//   - term pages count their events but do not sum their viewers;
//   - links between events are written as their final URLs, so Hugo
//     needs no render hook (vitrine resolves and checks every link).
//
// Lists paginate the sorted pages and group only each page's share by
// year and month, as a Hugo user would once they saw the cost: grouping
// the whole list again on each of its pages is quadratic.
func (c *Corpus) Hugo(emit EmitFunc) error {
	if err := emit("config.toml", []byte(hugoConfig)); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(hugoLayouts)) {
		text := hugoLayouts[name]
		if err := emit("layouts/"+name, []byte(text)); err != nil {
			return err
		}
	}
	for _, name := range []string{"static/style.css", "static/favicon.svg"} {
		data, err := fs.ReadFile(vitrine.Theme, name)
		if err != nil {
			return err
		}
		if err := emit(name, data); err != nil {
			return err
		}
	}
	for _, s := range []struct{ name, title string }{
		{"content/_index.md", "Vitrine benchmark archive"},
		{"content/events/_index.md", "Timeline"},
	} {
		if err := emit(s.name, []byte("---\ntitle: "+quote(s.title)+"\n---\n")); err != nil {
			return err
		}
	}
	for _, pl := range platforms {
		if pl.profile {
			if err := emit("content/platforms/"+pl.slug+"/_index.md", c.platformFile(pl, true)); err != nil {
				return err
			}
		}
	}
	for _, in := range institutions {
		if in.profile {
			if err := emit("content/institutions/"+in.slug+"/_index.md", c.institutionFile(in, true)); err != nil {
				return err
			}
		}
	}
	if err := emit("content/about.md", c.aboutFile(true)); err != nil {
		return err
	}
	hl := links{
		event: func(i int, frag string) string {
			slug, _ := c.slug(i)
			if frag != "" {
				frag = "#" + frag
			}
			return "/events/" + slug + "/" + frag
		},
		institution: func(in *institution) string { return "/institutions/" + in.slug + "/" },
		timeline:    "/events/",
	}
	var b bytes.Buffer
	for i := range c.opts.Events {
		e := c.event(i)
		b.Reset()
		c.writeHugoEvent(&b, e, hl)
		if err := emit("content/events/"+e.name+".md", b.Bytes()); err != nil {
			return err
		}
		if e.imageFile {
			if err := emit("static/"+e.image, imageData(e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeHugoEvent writes event e for Hugo: the same facts as for vitrine,
// with the date as the earliest instant it can mean (Hugo has no
// imprecise dates; date_text keeps the precision for display), names as
// taxonomy terms, and the rest as page params.
func (c *Corpus) writeHugoEvent(b *bytes.Buffer, e *event, l links) {
	b.WriteString("---\n")
	kv := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	kv("title", quote(e.title))
	if len(e.date.text) > 10 {
		kv("date", e.date.text)
	} else {
		kv("date", e.date.t.Format("2006-01-02"))
	}
	kv("date_text", quote(e.date.text))
	names := func(list []string) string {
		q := make([]string, len(list))
		for i, s := range list {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	var ins, pls []string
	for _, in := range e.institutions {
		ins = append(ins, in.name)
	}
	for _, p := range e.platforms {
		pls = append(pls, p.name)
	}
	kv("institutions", names(ins))
	kv("platforms", names(pls))
	kv("tags", names(e.tags))
	kv("city", e.institutions[0].city)
	kv("country", e.institutions[0].country)
	kv("duration", e.duration)
	if e.viewers > 0 {
		kv("viewers", strconv.FormatInt(e.viewers, 10))
	}
	if e.interactions > 0 {
		kv("interactions", strconv.FormatInt(e.interactions, 10))
	}
	if len(e.hosts) > 0 {
		kv("hosts", names(e.hosts))
	}
	if len(e.highlights) > 0 {
		kv("highlights", names(e.highlights))
	}
	kv("language", names(e.languages))
	if e.summary != "" {
		kv("summary", quote(e.summary))
	}
	image := e.image
	if e.imageFile {
		image = "/" + image
	}
	writeSharedKeys(b, e, kv, image, names)
	if e.lang != "" {
		kv("writeup_lang", e.lang)
	}
	for _, p := range e.params {
		kv(p.key, p.value)
	}
	b.WriteString("---\n\n")
	b.WriteString(c.body(e, l))
}

// hugoConfig sets Hugo up as vitrine is: pretty URLs, 20 events a page,
// the same goldmark extensions and minifier settings, a sitemap and one
// feed of the latest 50 events (vitrine writes an Atom feed and a
// sitemap), and no robots.txt. The related-content settings are there for
// anyone who adds .Related back to single.html.
const hugoConfig = `baseURL = "https://example.org/"
languageCode = "en"
title = "Vitrine benchmark archive"
paginate = 20
removePathAccents = true
disableKinds = ["robotsTXT"]
rssLimit = 50

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[params]
description = "A synthetic archive of cultural livestreams, generated to measure how the build scales."

[taxonomies]
tag = "tags"
platform = "platforms"
institution = "institutions"

[markup.goldmark.extensions]
typographer = true
footnote = true
table = true
strikethrough = true
linkify = false
taskList = true

[markup.goldmark.parser]
autoHeadingID = true

[markup.goldmark.renderer]
unsafe = false

[minify.tdewolff.html]
keepDocumentTags = true
keepEndTags = true
keepQuotes = true

[related]
includeNewer = true
threshold = 20
toLower = false

[[related.indices]]
name = "institutions"
weight = 2

[[related.indices]]
name = "tags"
weight = 1
`

var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap site-header-inner">
    <a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
    <nav class="site-nav" aria-label="Sections">
      <ul>
        {{- $url := .RelPermalink }}
        {{- range slice (slice "Timeline" "/events/") (slice "Platforms" "/platforms/") (slice "Institutions" "/institutions/") (slice "Tags" "/tags/") (slice "About this archive" "/about/") }}
        <li><a href="{{ index . 1 | relURL }}"{{ if eq (index . 1) $url }} aria-current="page"{{ end }}>{{ index . 0 }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{ .Site.Title }} — {{ .Site.Params.description }}</p>
    <p class="muted">{{ len .Site.RegularPages }} livestreams · {{ len .Site.Taxonomies.institutions }} institutions · {{ len .Site.Taxonomies.platforms }} platforms. Figures are as reported by the cited sources.</p>
  </div>
</footer>
</body>
</html>
`,
	"partials/card.html": `<article class="card">
  <p class="card-meta"><time datetime="{{ .Params.date_text }}">{{ .Date.Format "2 January 2006" }}</time>
    <span class="sep" aria-hidden="true">·</span>
    {{ range $i, $p := .Params.platforms }}{{ if $i }}, {{ end }}<span class="platform-name">{{ $p }}</span>{{ end }}</p>
  <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="card-institution">{{ delimit .Params.institutions ", " }}{{ with .Params.city }} · {{ . }}{{ end }}</p>
  {{ with .Params.viewers }}<p class="card-viewers"><span class="figure">{{ lang.FormatNumber 0 . }} viewers reported</span></p>{{ end }}
</article>
`,
	"partials/timeline.html": `{{ $pag := .Paginate .Pages.ByDate }}
<div class="timeline">
  {{ range $pag.Pages.GroupByDate "2006" "asc" }}
  <section class="tl-year">
    <h2 class="tl-year-label">{{ .Key }}</h2>
    {{ range .Pages.GroupByDate "January" "asc" }}
    <section class="tl-month">
      <h3 class="tl-month-label">{{ .Key }}</h3>
      <ol class="tl-events">{{ range .Pages }}<li class="tl-event">{{ partial "card.html" . }}</li>{{ end }}</ol>
    </section>
    {{ end }}
  </section>
  {{ end }}
</div>
{{ template "_internal/pagination.html" . }}
`,
	"_default/single.html": `{{ define "main" }}
<article class="event">
  <header class="event-header">
    <p class="kicker">{{ range $i, $in := .GetTerms "institutions" }}{{ if $i }} · {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
    <h1>{{ .Title }}</h1>
    {{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}
  </header>
  <div class="event-layout">
  {{ if .Params.date_text }}
  <aside class="facts-card" aria-labelledby="facts">
    <h2 id="facts" class="facts-title">Facts</h2>
    <dl class="facts">
      <div><dt>Date</dt><dd><time datetime="{{ .Params.date_text }}">{{ .Date.Format "2 January 2006" }}</time></dd></div>
      <div><dt>Platform</dt><dd>{{ range $i, $p := .GetTerms "platforms" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd></div>
      <div><dt>Institution</dt><dd>{{ range $i, $p := .GetTerms "institutions" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd></div>
      {{ with .Params.city }}<div><dt>Place</dt><dd>{{ . }}, {{ $.Params.country }}</dd></div>{{ end }}
      {{ with .Params.duration }}<div><dt>Duration</dt><dd>{{ . }}</dd></div>{{ end }}
      {{ with .Params.viewers }}<div><dt>Viewers reported</dt><dd>{{ lang.FormatNumber 0 . }}</dd></div>{{ end }}
      {{ with .Params.interactions }}<div><dt>Interactions reported</dt><dd>{{ lang.FormatNumber 0 . }}</dd></div>{{ end }}
      {{ with .Params.hosts }}<div><dt>Hosts</dt><dd><ul class="plain">{{ range . }}<li>{{ . }}</li>{{ end }}</ul></dd></div>{{ end }}
      {{ with .Params.language }}<div><dt>Broadcast language</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}
    </dl>
  </aside>
  {{ end }}
  <div class="event-body">
    {{ with .Params.image }}<figure class="event-image"><img src="{{ . | relURL }}" alt="{{ $.Params.image_alt }}" loading="lazy">{{ with $.Params.image_credit }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>{{ end }}
    <div class="prose">{{ .Content }}</div>
    {{ with .Params.highlights }}<section class="highlights"><h2 id="highlights">Highlights</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}
    {{ with .Params.sources }}
    <section class="sources"><h2 id="sources">Sources</h2>
      <ol>{{ range . }}<li>{{ if .url }}<a href="{{ .url }}" hreflang="{{ .lang }}"><cite lang="{{ .lang }}">{{ .title }}</cite></a>{{ else }}<cite lang="{{ .lang }}">{{ .title }}</cite>{{ end }}{{ with .publisher }}, {{ . }}{{ end }}{{ with .date }}, <time datetime="{{ . }}">{{ . }}</time>{{ end }}</li>{{ end }}</ol>
    </section>
    {{ end }}
    {{ with .GetTerms "tags" }}<section class="tags"><h2 id="tags">Tags</h2><ul class="tag-list">{{ range . }}<li><a href="{{ .RelPermalink }}" rel="tag">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>{{ end }}
  </div>
  </div>
  {{ if .Params.date_text }}
  <nav class="prevnext" aria-label="On the timeline">
    <ul>
      <li class="prev">{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}</li>
      <li class="next">{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}</li>
    </ul>
  </nav>
  {{ end }}
</article>
{{ end }}
`,
	"_default/list.html": `{{ define "main" }}
<header class="page-header">
  <h1>{{ .Title }}{{ if gt .Paginator.PageNumber 1 }} <span class="muted">· page {{ .Paginator.PageNumber }}</span>{{ end }}</h1>
  <p class="lede">Every livestream in the archive, on every platform, in the order they were broadcast.</p>
</header>
{{ partial "timeline.html" . }}
{{ end }}
`,
	"_default/taxonomy.html": `{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<ul class="names">
  {{ range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }} livestreams</span></li>
  {{ end }}
</ul>
{{ end }}
`,
	"_default/term.html": `{{ define "main" }}
<header class="page-header">
  <p class="kicker"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
  <h1>{{ .Title }}{{ if gt .Paginator.PageNumber 1 }} <span class="muted">· page {{ .Paginator.PageNumber }}</span>{{ end }}</h1>
  {{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}
  <dl class="facts inline">
    {{ with .Params.owner }}<div><dt>Owner</dt><dd>{{ . }}</dd></div>{{ end }}
    {{ with .Params.launched }}<div><dt>Launched</dt><dd>{{ . }}</dd></div>{{ end }}
    {{ with .Params.city }}<div><dt>Place</dt><dd>{{ . }}, {{ $.Params.country }}</dd></div>{{ end }}
    {{ with .Params.website }}<div><dt>Website</dt><dd><a href="{{ . }}">{{ . }}</a></dd></div>{{ end }}
  </dl>
  <dl class="totals"><div><dt>Livestreams</dt><dd>{{ len .Pages }}</dd></div></dl>
</header>
{{ with .Content }}<div class="prose about">{{ . }}</div>{{ end }}
{{ partial "timeline.html" . }}
{{ end }}
`,
	"index.html": `{{ define "main" }}
<section class="hero">
  <h1>{{ .Site.Title }}</h1>
  <p class="lede">{{ .Site.Params.description }}</p>
  <p class="numbers"><a href="{{ "events/" | relURL }}"><strong>{{ lang.FormatNumber 0 (len .Site.RegularPages) }}</strong> livestreams</a></p>
</section>
<section class="latest"><h2 id="latest">Latest livestreams</h2>
  <div class="cards">{{ range first 6 (where .Site.RegularPages "Section" "events").ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</div>
</section>
<section class="platform-strip"><h2 id="platforms">Platforms</h2>
  <ul class="strip">{{ range .Site.Taxonomies.platforms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}"><span class="strip-name">{{ .Page.Title }}</span> <span class="strip-count">{{ .Count }} livestreams</span></a></li>{{ end }}</ul>
</section>
{{ end }}
`,
	"404.html": `{{ define "main" }}
<section class="not-found"><h1>Page not found</h1><p class="lede">There is no page at this address.</p></section>
{{ end }}
`,
}
