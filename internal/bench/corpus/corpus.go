// Package corpus generates synthetic archives for benchmarks: a site in
// vitrine's format and, from the same events, an equivalent minimal Hugo
// site, so that the two generators can be timed on the same input.
//
// A corpus is deterministic: the same Options give the same bytes. Each
// event is drawn from its own random stream, seeded by the corpus seed
// and the event's number, so event 42 is the same in a corpus of 1,000
// events and in one of 100,000 (only the events it links to differ).
//
// # What an archive holds
//
// Events use every front-matter key an event accepts (see
// internal/content/schema.go), each in the share of events an editor
// would plausibly give it: every event has a title, a date, one or two
// institutions and platforms, and two to five tags; most have viewer
// figures, sources and highlights; a few are drafts, have a slug of
// their own, old URLs (aliases), an image (most of them small files in
// static/images/), or params. Dates spread over
// the six years 2019–2024, mostly days, some months, a few seasons,
// years and date-times. Names are drawn with a skew, as in a real
// archive, from about 30 tags, 20 institutions and 10 platforms; most
// institutions and platforms have a profile file. Bodies run to about
// 600 words, with headings, lists, emphasis, quotes, external links,
// links to other events' files (some to a heading), to profiles, and
// the occasional table and footnote.
//
// # Layout
//
// The vitrine site is content/site.yaml, content/events/event-NNNNN.md,
// content/platforms/*.md, content/institutions/*.md,
// content/pages/about.md and static/images/events/*.jpg. The Hugo site (see Hugo) has the same events as
// pages of the events section; tags, platforms and institutions are
// taxonomies, whose profiles are the terms' _index.md files.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Options say what archive to generate.
type Options struct {
	Events   int    // number of event files, drafts included
	Seed     uint64 // the same seed gives the same archive
	PageSize int    // page_size in site.yaml; 0 means vitrine's default, 20
}

// DefaultSeed is the seed the gencorpus command and the benchmarks use.
const DefaultSeed = 20200925

// Corpus is a generated archive, ready to be written in either format.
type Corpus struct {
	opts Options
}

// New returns the corpus described by opts.
func New(opts Options) *Corpus {
	if opts.PageSize == 0 {
		opts.PageSize = 20
	}
	return &Corpus{opts: opts}
}

// Events returns the number of event files, drafts included.
func (c *Corpus) Events() int { return c.opts.Events }

// Drafts returns how many of the events are drafts.
func (c *Corpus) Drafts() int {
	n := 0
	for i := range c.opts.Events {
		if c.isDraft(i) {
			n++
		}
	}
	return n
}

// EventFile returns the path of event i's file in the vitrine site.
func EventFile(i int) string { return "content/events/" + eventName(i) + ".md" }

func eventName(i int) string { return fmt.Sprintf("event-%05d", i) }

// The per-event facts other events depend on (whether an event exists
// as a page, and at what URL) are pure functions of the event's number
// and the seed, so that any event can link to any other without
// generating it first.

func (c *Corpus) hash(i int, salt uint64) uint64 {
	return splitmix(c.opts.Seed ^ splitmix(uint64(i)+1) ^ salt)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// isDraft: about 1 event in 100 is a draft, which the build leaves out.
func (c *Corpus) isDraft(i int) bool { return c.hash(i, 0xd1af7)%100 == 0 }

// slug returns event i's URL segment: its file name, or for about 1
// event in 25 a slug key of its own.
func (c *Corpus) slug(i int) (slug string, explicit bool) {
	if c.hash(i, 0x51a9)%25 == 0 {
		return fmt.Sprintf("livestream-%05d", i), true
	}
	return eventName(i), false
}

// linkTarget picks another published event for event i to link to.
func (c *Corpus) linkTarget(rng *rand.Rand, i int) int {
	n := c.opts.Events
	for {
		// Mostly events near in number (and so often in the same
		// series), sometimes any event in the archive.
		var t int
		if rng.IntN(3) > 0 {
			t = i + rng.IntN(201) - 100
		} else {
			t = rng.IntN(n)
		}
		if t >= 0 && t < n && t != i && !c.isDraft(t) {
			return t
		}
		if n <= 2 {
			return -1
		}
	}
}

// event is one generated event, independent of the output format.
type event struct {
	index        int
	name         string // file name without .md
	slug         string
	explicitSlug bool
	title        string
	date         date
	institutions []*institution
	platforms    []*platform
	tags         []string
	duration     string
	viewers      int64 // 0: not reported
	interactions int64
	hosts        []string
	highlights   []string
	languages    []string
	summary      string
	image        string // a path in static/ or an https URL
	imageFile    bool   // image is a path in static/: the corpus has the file
	imageAlt     string
	imageCredit  string
	sources      []source
	aliases      []string
	draft        bool
	draftKey     bool // write "draft: false" explicitly
	lang         string
	params       []param
}

type source struct {
	title, url, publisher string
	date                  date
	lang                  string
}

type param struct {
	key, value string // value as written in YAML
}

// date is a date at a precision, in vitrine's notation and as the
// earliest instant it can mean (what Hugo needs).
type date struct {
	text string    // "2020-09-25", "2020-09", "2020-summer", "2020" or RFC 3339
	t    time.Time // the earliest instant
}

var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays = int(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Sub(firstDay).Hours() / 24)
)

// randomDate spreads dates over 2019–2024: 80% days, 10% months, 4%
// seasons, 3% years and 3% date-times with an offset.
func randomDate(rng *rand.Rand) date {
	t := firstDay.AddDate(0, 0, rng.IntN(spanDays))
	switch p := rng.IntN(100); {
	case p < 80:
		return date{t.Format("2006-01-02"), t}
	case p < 90:
		m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return date{m.Format("2006-01"), m}
	case p < 94:
		s := seasons[rng.IntN(len(seasons))]
		st := time.Date(t.Year(), s.month, 1, 0, 0, 0, 0, time.UTC)
		return date{fmt.Sprintf("%d-%s", t.Year(), s.name), st}
	case p < 97:
		y := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return date{t.Format("2006"), y}
	}
	zone := time.FixedZone("", (rng.IntN(3)*7-6)*3600) // UTC-06, UTC+01, UTC+08
	dt := time.Date(t.Year(), t.Month(), t.Day(), 9+rng.IntN(12), 30*rng.IntN(2), 0, 0, zone)
	return date{dt.Format(time.RFC3339), dt}
}

var seasons = []struct {
	name  string
	month time.Month
}{{"spring", time.March}, {"summer", time.June}, {"autumn", time.September}, {"winter", time.December}}

// event generates event i.
func (c *Corpus) event(i int) *event {
	rng := newRand(c.opts.Seed, uint64(i)*2+1)
	e := &event{index: i, name: eventName(i), draft: c.isDraft(i)}
	e.slug, e.explicitSlug = c.slug(i)
	e.date = randomDate(rng)

	e.institutions = []*institution{institutionPick.pick(rng)}
	if rng.IntN(100) < 8 {
		e.institutions = appendNew(e.institutions, institutionPick.pick(rng))
	}
	e.platforms = []*platform{platformPick.pick(rng)}
	if rng.IntN(100) < 10 {
		e.platforms = appendNew(e.platforms, platformPick.pick(rng))
	}
	for n := 2 + rng.IntN(4); len(e.tags) < n; {
		e.tags = appendNew(e.tags, tagPick.pick(rng))
	}
	in, pl := e.institutions[0], e.platforms[0]
	e.title = fmt.Sprintf("%s on %s: %s", in.name, pl.name, topics[rng.IntN(len(topics))])

	e.duration = durations[rng.IntN(len(durations))]
	if rng.IntN(100) < 85 {
		e.viewers = int64(1000 + rng.IntN(100)*rng.IntN(100)*rng.IntN(1000))
	}
	if rng.IntN(100) < 40 {
		e.interactions = int64(100 + rng.IntN(5_000_000))
	}
	for range rng.IntN(3) {
		e.hosts = appendNew(e.hosts, hosts[rng.IntN(len(hosts))])
	}
	if rng.IntN(100) < 80 {
		for n := 2 + rng.IntN(3); len(e.highlights) < n; {
			e.highlights = appendNew(e.highlights, highlights[rng.IntN(len(highlights))])
		}
	}
	e.languages = languages[rng.IntN(len(languages))]
	p := newProse(rng)
	if rng.IntN(2) == 0 {
		e.summary = p.sentence(18, 30) + " " + p.sentence(10, 20)
	}
	if rng.IntN(100) < 30 {
		// Two in three images are files in static/, the rest elsewhere.
		if rng.IntN(3) > 0 {
			e.image = "images/events/" + e.name + ".jpg"
			e.imageFile = true
		} else {
			e.image = fmt.Sprintf("https://images.example.org/%d/%s.jpg", e.date.t.Year(), e.name)
		}
		e.imageAlt = capitalize(p.phrase()) + " during the broadcast"
		if rng.IntN(2) == 0 {
			e.imageCredit = "Photo: " + in.name
		}
	}
	for range 1 + rng.IntN(3) {
		s := source{
			title:     p.headline(),
			publisher: publishers[rng.IntN(len(publishers))],
			date:      date{text: e.date.t.AddDate(0, 0, 1+rng.IntN(20)).Format("2006-01-02")},
			lang:      []string{"en", "en", "fr", "zh", "es", "de"}[rng.IntN(6)],
		}
		if rng.IntN(10) < 8 {
			s.url = fmt.Sprintf("https://news.example.com/%d/%s-%d", e.date.t.Year(), e.name, rng.IntN(1000))
		}
		if rng.IntN(5) == 0 {
			s.date.text = s.date.text[:7] // known only to the month
		}
		e.sources = append(e.sources, s)
	}
	if c.hash(i, 0xa11a5)%20 == 0 {
		e.aliases = []string{fmt.Sprintf("/events/old-%05d/", i)}
	}
	e.draftKey = !e.draft && rng.IntN(10) == 0
	switch r := rng.IntN(100); {
	case r < 5:
		e.lang = "fr"
	case r < 7:
		e.lang = "zh-Hans"
	case r < 30:
		e.lang = "en"
	}
	if rng.IntN(10) == 0 {
		e.params = []param{
			{"series", quote(seriesNames[rng.IntN(len(seriesNames))])},
			{"recording", []string{"true", "false"}[rng.IntN(2)]},
			{"rating", fmt.Sprintf("%d.%d", 3+rng.IntN(2), rng.IntN(10))},
		}
	}
	return e
}

// imageData returns the bytes of an event's image file: a stand-in of
// about 2 KB between a JPEG's start and end markers, different for
// each event, as photographs would be.
func imageData(e *event) []byte {
	rng := newRand(uint64(e.index), 0x1e6)
	b := make([]byte, 2048+rng.IntN(1024))
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	copy(b, []byte{0xff, 0xd8, 0xff, 0xe0})
	copy(b[len(b)-2:], []byte{0xff, 0xd9})
	return b
}

// newRand returns the random stream numbered stream of the corpus. The
// state is hashed: PCG generators started from nearby states give
// correlated first numbers, and each event draws only a few.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(seed^splitmix(stream)), splitmix(stream^0x5eed)))
}

func appendNew[T comparable](list []T, x T) []T {
	for _, y := range list {
		if x == y {
			return list
		}
	}
	return append(list, x)
}
