package content

import "github.com/vitrine-archive/vitrine/internal/block"

// A keeper holds the blocks that the events a loader's goroutine decodes
// are copied into (see package block), one per goroutine.
//
// Decoding an event leaves some thirty times what it keeps in garbage
// (the YAML parser's), and what it keeps would otherwise sit among it,
// spread thinly over spans that the garbage collector cannot free while
// one of their objects lives. At 100,000 events the loaded archive then
// took 320 MB of spans for 133 MB of objects, all of which the memory
// limit counted while the site's model was made beside it; copied into
// blocks, about 165 MB. The decoded event and what it kept from the
// parser become garbage with the rest.
type keeper struct {
	events  block.Of[Event]
	strs    block.Of[string]
	sources block.Of[Citation]
	counts  block.Of[int64]
	text    block.Text
}

// event returns a copy of e cut from k's blocks. Names (of cities,
// platforms, hosts, …) are shared between events already, and only the
// lists of them are copied; params stay the maps the decoder made (see
// params).
func (k *keeper) event(e *Event) *Event {
	c := k.events.New()
	*c = *e
	c.Institutions = k.strs.Copy(e.Institutions)
	c.Platforms = k.strs.Copy(e.Platforms)
	c.Tags = k.strs.Copy(e.Tags)
	c.Hosts = k.strs.Copy(e.Hosts)
	c.Highlights = k.strs.Copy(e.Highlights)
	c.Language = k.strs.Copy(e.Language)
	c.Aliases = k.strs.Copy(e.Aliases)
	c.Sources = k.sources.Copy(e.Sources)
	c.Viewers = k.count(e.Viewers)
	c.Interactions = k.count(e.Interactions)
	text := []*string{&c.Path, &c.Slug, &c.Title, &c.Summary, &c.Image, &c.ImageAlt}
	for i := range c.Aliases {
		text = append(text, &c.Aliases[i])
	}
	for i := range c.Sources {
		text = append(text, &c.Sources[i].Title, &c.Sources[i].URL)
	}
	k.text.Pack(text...)
	return c
}

// count returns a copy of *n cut from k's blocks, or nil.
func (k *keeper) count(n *int64) *int64 {
	if n == nil {
		return nil
	}
	c := k.counts.New()
	*c = *n
	return c
}
