package site

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/vitrine-archive/vitrine/internal/block"
	"github.com/vitrine-archive/vitrine/internal/content"
)

// named records the first spelling of a name behind a slug and the file
// it came from, so that a second spelling can be reported with both.
type named struct {
	name, path string
	line       int
}

// registry maps the slugs of one kind of name to their entity.
type registry[T any] struct {
	what   string // "platform", "institution", "tag"
	prefix string // URL prefix, e.g. "platforms/"
	seen   map[string]named
	items  map[string]*T
	first  map[string]*T // by name, for the first spelling of each slug
	order  []*T
	make   func(name, slug, url string) *T
}

func newRegistry[T any](what, prefix string, mk func(name, slug, url string) *T) *registry[T] {
	return &registry[T]{what: what, prefix: prefix, seen: map[string]named{}, items: map[string]*T{}, first: map[string]*T{}, make: mk}
}

// get returns the entity for name, creating it on first use, and reports
// a name whose slug another spelling already has.
func (r *registry[T]) get(name, path string, line int, errs *content.ErrorList) *T {
	// Events repeat a few names: a name met before as written needs no
	// slug (Slugify normalizes Unicode, and takes most of the time here).
	if t, ok := r.first[name]; ok {
		return t
	}
	slug := content.Slugify(name)
	if first, ok := r.seen[slug]; ok {
		if first.name != name {
			*errs = append(*errs, content.Errorf(path, line,
				"%s %q and %q (%s:%d) both make the URL /%s%s/: spell them the same",
				r.what, name, first.name, first.path, first.line, r.prefix, slug))
		}
		return r.items[slug]
	}
	r.seen[slug] = named{name, path, line}
	t := r.make(name, slug, r.prefix+slug+"/")
	r.items[slug] = t
	r.first[name] = t
	r.order = append(r.order, t)
	return t
}

// alias is an old URL of an event, to redirect from.
type alias struct {
	url   string
	event *Event
	line  int // of the aliases key
}

// index resolves each event's names into platforms, institutions and tags,
// and sorts everything into its display order. It returns the events'
// aliases in the order of their events, for layout: the model keeps them
// only as the pages that redirect.
func (s *Site) index(a *content.Archive, b *blocks, errs *content.ErrorList) []alias {
	platforms := newRegistry("platform", platformsPath, func(n, slug, u string) *Platform {
		return &Platform{Name: n, Slug: slug, URL: u}
	})
	insts := newRegistry("institution", institutionsPath, func(n, slug, u string) *Institution {
		return &Institution{Name: n, Slug: slug, URL: u}
	})
	tags := newRegistry("tag", tagsPath, func(n, slug, u string) *Tag {
		return &Tag{Name: n, Slug: slug, URL: u}
	})

	// Profiles first: a profile's title is the name's canonical spelling.
	for _, p := range a.Platforms {
		if content.Slugify(p.Title) != p.Slug {
			*errs = append(*errs, content.Errorf(p.Path, 0,
				"title %q makes the slug %q, but the file is named %s.md: name the file %s.md so events naming %q find it",
				p.Title, content.Slugify(p.Title), p.Slug, content.Slugify(p.Title), p.Title))
			continue
		}
		platforms.get(p.Title, p.Path, 0, errs).Profile = p
	}
	for _, i := range a.Institutions {
		if content.Slugify(i.Title) != i.Slug {
			*errs = append(*errs, content.Errorf(i.Path, 0,
				"title %q makes the slug %q, but the file is named %s.md: name the file %s.md so events naming %q find it",
				i.Title, content.Slugify(i.Title), i.Slug, content.Slugify(i.Title), i.Title))
			continue
		}
		insts.get(i.Title, i.Path, 0, errs).Profile = i
	}

	// Names are resolved in the order of the files, so that errors name
	// the first file to spell a name. The Events are then made in their
	// own order (compareEvents), which is Site.Events': every list is in
	// that order, so the lists, which pages read and the collector walks
	// at each collection, then point at memory in the order it was
	// allocated. Made in the order of the files, which has nothing to do
	// with dates, a 100,000-event build took 6% more CPU time (four pairs
	// of runs), and its collector a sixth more.
	slugs := make(map[string]string, len(a.Events)) // event slug → file
	type pending struct {
		ce           *content.Event
		platforms    []*Platform
		institutions []*Institution
		tags         []*Tag
	}
	kept := make([]pending, 0, len(a.Events))
	for _, ce := range a.Events {
		if other, dup := slugs[ce.Slug]; dup {
			*errs = append(*errs, content.Errorf(ce.Path, ce.Lines.Slug,
				"slug %q is already used by %s: two events cannot share the URL /%s", ce.Slug, other, EventURL(ce.Slug)))
			continue
		}
		slugs[ce.Slug] = ce.Path
		n := pending{ce: ce}
		for _, name := range ce.Platforms {
			addOnce(&b.platforms, platforms.get(name, ce.Path, ce.Lines.Platform, errs))
		}
		n.platforms = b.platforms.Cut()
		for _, name := range ce.Institutions {
			addOnce(&b.institutions, insts.get(name, ce.Path, ce.Lines.Institution, errs))
		}
		n.institutions = b.institutions.Cut()
		for _, name := range ce.Tags {
			addOnce(&b.tags, tags.get(name, ce.Path, ce.Lines.Tags, errs))
		}
		n.tags = b.tags.Cut()
		kept = append(kept, n)
	}
	slices.SortFunc(kept, func(x, y pending) int { return compareEvents(x.ce, y.ce) })
	var aliases []alias
	s.Events = make([]*Event, 0, len(kept))
	s.eventsByPath = make(map[string]*Event, len(kept))
	for _, n := range kept {
		e := newEvent(n.ce, s.BasePath, b)
		e.Platforms, e.Institutions, e.Tags = n.platforms, n.institutions, n.tags
		for _, u := range n.ce.Aliases {
			aliases = append(aliases, alias{u, e, n.ce.Lines.Aliases})
		}
		s.Events = append(s.Events, e)
		s.eventsByPath[e.Path] = e
	}
	s.bySlug = slices.Clone(s.Events)
	slices.SortFunc(s.bySlug, func(a, b *Event) int { return strings.Compare(a.Slug, b.Slug) })
	// The totals first, for the lists' lengths: each list is then made
	// at its size, as the model keeps them for the whole build.
	for i, e := range s.Events {
		e.rank = int32(i)
		if e.Viewers != nil {
			s.TotalViewers += *e.Viewers
		}
		for _, p := range e.Platforms {
			p.add(e)
		}
		for _, in := range e.Institutions {
			in.add(e)
		}
		for _, t := range e.Tags {
			t.add(e)
		}
	}
	for _, e := range s.Events {
		for _, p := range e.Platforms {
			p.Events = appendSized(p.Events, e, p.Count)
		}
		for _, in := range e.Institutions {
			in.Events = appendSized(in.Events, e, in.Count)
		}
		for _, t := range e.Tags {
			t.Events = appendSized(t.Events, e, t.Count)
		}
	}

	s.Platforms, s.Institutions, s.Tags = platforms.order, insts.order, tags.order
	sortNames(s.Platforms, func(p *Platform) string { return p.Name })
	sortNames(s.Institutions, func(i *Institution) string { return i.Name })
	sortNames(s.Tags, func(t *Tag) string { return t.Name })

	for _, p := range a.Pages {
		d := &Doc{Page: p, URL: p.Slug + "/"}
		s.Docs = append(s.Docs, d)
		s.byPath[p.Path] = d.URL
	}
	for _, p := range s.Platforms {
		if p.Profile != nil {
			s.byPath[p.Profile.Path] = p.URL
		}
	}
	for _, i := range s.Institutions {
		if i.Profile != nil {
			s.byPath[i.Profile.Path] = i.URL
		}
	}
	slices.SortStableFunc(aliases, func(a, b alias) int { return a.event.Index() - b.event.Index() })
	return aliases
}

// appendSized appends e to list, making it with room for n the first time.
func appendSized(list []*Event, e *Event, n int) []*Event {
	if list == nil {
		list = make([]*Event, 0, n)
	}
	return append(list, e)
}

// addOnce adds t to the slice b is making, unless it is already there.
func addOnce[T comparable](b *block.Of[T], t T) {
	if !slices.Contains(b.Made(), t) {
		b.Add(t)
	}
}

// link picks each event's related events. They are picked from the
// index alone, so on every core at once: at 100,000 events it takes
// seconds.
func (s *Site) link() {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var cands []candidate // reused from event to event
			for i := w; i < len(s.Events); i += workers {
				s.Events[i].related, cands = related(s.Events[i], cands[:0])
			}
		})
	}
	wg.Wait()
}

// A candidate is an event that may be related to another, and how much
// the two share.
type candidate struct {
	ev    *Event
	score int
}

// related picks the events that share the most with e (see
// Event.Related), using cands for the candidates, and returns it for
// the next event. To stay linear in the size of the archive, candidates
// are only the events nearest in time to e in each of its lists, not
// every event.
func related(e *Event, cands []candidate) ([relatedPerEvent]*Event, []candidate) {
	consider := func(list []*Event) {
		i, _ := slices.BinarySearchFunc(list, e, byIndex)
		lo, hi := max(0, i-neighboursPerIndex), min(len(list), i+neighboursPerIndex+1)
		for _, c := range list[lo:hi] {
			if c != e {
				cands = append(cands, candidate{ev: c})
			}
		}
	}
	for _, in := range e.Institutions {
		consider(in.Events)
	}
	for _, t := range e.Tags {
		consider(t.Events)
	}
	// An event near e in several lists is one candidate. (Sorting and
	// compacting a few dozen is faster than a map, and allocates nothing.)
	slices.SortFunc(cands, func(a, b candidate) int { return byIndex(a.ev, b.ev) })
	found := slices.CompactFunc(cands, func(a, b candidate) bool { return a.ev == b.ev })
	for i := range found {
		found[i].score = sharedScore(e, found[i].ev)
	}
	slices.SortFunc(found, func(a, b candidate) int {
		if a.score != b.score {
			return b.score - a.score
		}
		da, db := abs(a.ev.Index()-e.Index()), abs(b.ev.Index()-e.Index())
		if da != db {
			return da - db
		}
		return a.ev.Index() - b.ev.Index()
	})
	var out [relatedPerEvent]*Event
	for i := range min(len(out), len(found)) {
		out[i] = found[i].ev
	}
	return out, cands
}

func sharedScore(a, b *Event) int {
	score := 0
	for _, i := range a.Institutions {
		if slices.Contains(b.Institutions, i) {
			score += 2
		}
	}
	for _, t := range a.Tags {
		if slices.Contains(b.Tags, t) {
			score++
		}
	}
	return score
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
