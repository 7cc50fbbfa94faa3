package corpus

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// EmitFunc receives each file of a generated site: a slash-separated
// path relative to the site's folder, and the file's bytes, which are
// valid only until it returns (the generator reuses its buffers).
type EmitFunc func(name string, data []byte) error

// Vitrine emits the archive in vitrine's format, in a fixed order.
func (c *Corpus) Vitrine(emit EmitFunc) error {
	if err := emit("content/site.yaml", c.siteYAML()); err != nil {
		return err
	}
	for _, pl := range platforms {
		if pl.profile {
			if err := emit("content/platforms/"+pl.slug+".md", c.platformFile(pl, false)); err != nil {
				return err
			}
		}
	}
	for _, in := range institutions {
		if in.profile {
			if err := emit("content/institutions/"+in.slug+".md", c.institutionFile(in, false)); err != nil {
				return err
			}
		}
	}
	if err := emit("content/pages/about.md", c.aboutFile(false)); err != nil {
		return err
	}
	vl := links{
		event: func(i int, frag string) string {
			if frag != "" {
				frag = "#" + frag
			}
			return eventName(i) + ".md" + frag
		},
		institution: func(in *institution) string { return "../institutions/" + in.slug + ".md" },
		timeline:    "/timeline/",
	}
	var b bytes.Buffer
	for i := range c.opts.Events {
		e := c.event(i)
		b.Reset()
		c.writeVitrineEvent(&b, e, vl)
		if err := emit(EventFile(i), b.Bytes()); err != nil {
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

func (c *Corpus) siteYAML() []byte {
	return fmt.Appendf(nil, `title: "Vitrine benchmark archive"
description: "A synthetic archive of %d cultural livestreams, generated to measure how the build scales."
base_url: "https://example.org/"
language: "en"
page_size: %d
minify: true
unsafe_html: false
max_file_bytes: 1048576
params:
  generator: "internal/bench/gencorpus"
  seed: %d
`, c.opts.Events, c.opts.PageSize, c.opts.Seed)
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string { return strconv.Quote(s) }

// writeVitrineEvent writes event e's file: front matter with every key
// the event has, then its body.
func (c *Corpus) writeVitrineEvent(b *bytes.Buffer, e *event, l links) {
	b.WriteString("---\n")
	kv := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	kv("title", quote(e.title))
	kv("date", e.date.text)
	writeNames(b, "institution", e.institutions, func(in *institution) string { return in.name })
	writeNames(b, "platform", e.platforms, func(p *platform) string { return p.name })
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
		b.WriteString("hosts:\n")
		for _, h := range e.hosts {
			b.WriteString("  - " + h + "\n")
		}
	}
	if len(e.highlights) > 0 {
		b.WriteString("highlights:\n")
		for _, h := range e.highlights {
			b.WriteString("  - " + quote(h) + "\n")
		}
	}
	kv("tags", "["+strings.Join(e.tags, ", ")+"]")
	kv("language", "["+strings.Join(e.languages, ", ")+"]")
	if e.summary != "" {
		kv("summary", quote(e.summary))
	}
	writeSharedKeys(b, e, kv, e.image, func(l []string) string { return "[" + strings.Join(l, ", ") + "]" })
	if e.lang != "" {
		kv("lang", e.lang)
	}
	if len(e.params) > 0 {
		b.WriteString("params:\n")
		for _, p := range e.params {
			b.WriteString("  " + p.key + ": " + p.value + "\n")
		}
	}
	b.WriteString("---\n\n")
	b.WriteString(c.body(e, l))
}

// writeNames writes one name as a scalar and several as a list, as an
// editor would.
func writeNames[T any](b *bytes.Buffer, key string, list []T, name func(T) string) {
	if len(list) == 1 {
		b.WriteString(key + ": " + name(list[0]) + "\n")
		return
	}
	b.WriteString(key + ":\n")
	for _, x := range list {
		b.WriteString("  - " + name(x) + "\n")
	}
}

// profileBody is a short description for a platform or institution.
// Its random stream is numbered after the events' and named by key.
func (c *Corpus) profileBody(key string) string {
	h := fnv.New64a()
	h.Write([]byte(key))
	p := newProse(newRand(c.opts.Seed, 1<<62|h.Sum64()>>2))
	var b strings.Builder
	for range 2 {
		for range 4 {
			b.WriteString(p.sentence(10, 22) + " ")
		}
		b.WriteString("\n\n")
	}
	b.WriteString("## Figures reported\n\n")
	for range 3 {
		b.WriteString("- " + p.sentence(6, 12) + "\n")
	}
	return b.String()
}

func (c *Corpus) platformFile(pl *platform, hugo bool) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: " + quote(pl.name) + "\n")
	b.WriteString("owner: " + quote(pl.owner) + "\n")
	b.WriteString("launched: \"" + pl.launched + "\"\n")
	if pl.url != "" {
		b.WriteString(urlKey(hugo) + ": " + pl.url + "\n")
	}
	b.WriteString("country: " + pl.country + "\n")
	b.WriteString("summary: " + quote("The "+pl.owner+" platform "+pl.name+", one of the services in this archive.") + "\n")
	if !hugo {
		b.WriteString("params:\n  app: true\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(c.profileBody("platforms/" + pl.slug))
	return b.Bytes()
}

func (c *Corpus) institutionFile(in *institution, hugo bool) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: " + quote(in.name) + "\n")
	b.WriteString("city: " + in.city + "\n")
	b.WriteString("country: " + in.country + "\n")
	if in.url != "" {
		b.WriteString(urlKey(hugo) + ": " + in.url + "\n")
	}
	b.WriteString("summary: " + quote("A museum in "+in.city+" whose livestreams this archive records.") + "\n")
	if !hugo && in.city == "Paris" {
		b.WriteString("params:\n  founded: 1793\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(c.profileBody("institutions/" + in.slug))
	return b.Bytes()
}

// urlKey is the key of a profile's website: Hugo reads "url" as the
// page's own URL.
func urlKey(hugo bool) string {
	if hugo {
		return "website"
	}
	return "url"
}

func (c *Corpus) aboutFile(hugo bool) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: About this archive\n")
	b.WriteString("summary: \"How and why the benchmark archive was generated.\"\n")
	b.WriteString("slug: about\n")
	if !hugo {
		b.WriteString("draft: false\nlang: en\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(c.profileBody("pages/about"))
	return b.Bytes()
}

// writeSharedKeys writes the keys both formats spell alike: the image,
// sources, slug, aliases and draft. image is the image's value in the
// format, list writes a list of names.
func writeSharedKeys(b *bytes.Buffer, e *event, kv func(k, v string), image string, list func([]string) string) {
	if e.image != "" {
		kv("image", image)
		kv("image_alt", quote(e.imageAlt))
		if e.imageCredit != "" {
			kv("image_credit", quote(e.imageCredit))
		}
	}
	if len(e.sources) > 0 {
		b.WriteString("sources:\n")
		for _, s := range e.sources {
			b.WriteString("  - title: " + quote(s.title) + "\n")
			if s.url != "" {
				b.WriteString("    url: " + s.url + "\n")
			}
			b.WriteString("    publisher: " + quote(s.publisher) + "\n")
			b.WriteString("    date: \"" + s.date.text + "\"\n")
			b.WriteString("    lang: " + s.lang + "\n")
		}
	}
	if e.explicitSlug {
		kv("slug", e.slug)
	}
	if len(e.aliases) > 0 {
		kv("aliases", list(e.aliases))
	}
	if e.draft || e.draftKey {
		kv("draft", strconv.FormatBool(e.draft))
	}
}
