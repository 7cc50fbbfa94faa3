package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// prose writes plausible English from small word lists: enough variety
// for Markdown parsing, typography and minification to do real work.
type prose struct {
	rng *rand.Rand
}

func newProse(rng *rand.Rand) *prose { return &prose{rng: rng} }

var (
	nouns = strings.Fields(`gallery collection curator broadcast audience viewer exhibition painting
		sculpture room palace museum visit tour camera guide platform stream work artist object archive
		visitor hall garden facade ceiling fresco vase manuscript scroll portrait landscape studio workshop
		restoration conservator director programme evening season series question comment figure record
		report press partnership ticket shop catalogue century dynasty empire court collector donation wing
		staircase window light detail surface colour brushstroke inscription label display case pedestal
		replica cast orchestra stage score performance host presenter screen chat message moment`)
	adjectives = strings.Fields(`live virtual guided first long quiet crowded famous rare ancient modern
		early late public private digital national imperial royal small large careful slow bright dark gilded
		painted carved restored fragile popular official short special new old main central northern
		southern eastern western glazed bronze marble wooden delicate monumental`)
	verbs = strings.Fields(`showed opened followed crossed described presented explained reached drew
		attracted answered recorded reported led filmed paused lingered returned compared introduced
		welcomed counted announced hosted discussed revealed traced highlighted framed visited`)
	adverbs = strings.Fields(`slowly briefly carefully later again first then finally also still often`)
	preps   = strings.Fields(`through across beside before after during behind among toward inside along past under above near`)
	dets    = strings.Fields(`the the the a its their one each this that`)
)

func (p *prose) of(list []string) string { return list[p.rng.IntN(len(list))] }

// phrase returns a noun phrase: "the gilded ceiling".
func (p *prose) phrase() string {
	if p.rng.IntN(2) == 0 {
		return p.of(dets) + " " + p.of(adjectives) + " " + p.of(nouns)
	}
	return p.of(dets) + " " + p.of(nouns)
}

// words returns a sentence as words, between lo and hi words long
// (roughly), without its final full stop.
func (p *prose) words(lo, hi int) []string {
	want := lo + p.rng.IntN(hi-lo+1)
	var w []string
	if p.rng.IntN(4) == 0 {
		w = append(w, p.of(adverbs)+",")
	}
	w = append(w, strings.Fields(p.phrase())...)
	w = append(w, p.of(verbs))
	w = append(w, strings.Fields(p.phrase())...)
	for len(w) < want {
		switch p.rng.IntN(5) {
		case 0:
			w[len(w)-1] += ","
			w = append(w, "and")
			w = append(w, strings.Fields(p.phrase())...)
			w = append(w, p.of(verbs))
			w = append(w, strings.Fields(p.phrase())...)
		case 1:
			w = append(w, "while", "the", p.of(nouns), p.of(verbs), "it")
		default:
			w = append(w, p.of(preps))
			w = append(w, strings.Fields(p.phrase())...)
		}
	}
	w[0] = capitalize(w[0])
	return w
}

func (p *prose) sentence(lo, hi int) string {
	return strings.Join(p.words(lo, hi), " ") + "."
}

// headline returns a title for a source article.
func (p *prose) headline() string {
	return capitalize(p.of(adjectives)) + " " + p.of(nouns) + " " + p.of(verbs) + " " + p.phrase()
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// links says how a body refers to other pages, which differs between
// vitrine (links to content files, checked and rewritten by the build)
// and Hugo (links to the published URLs).
type links struct {
	event       func(i int, fragment string) string
	institution func(*institution) string
	timeline    string
}

// body writes event e's Markdown body: about 600 words in sections with
// headings, lists, emphasis, quotes and links. Every body's first heading
// is "The broadcast", so other events can link to #the-broadcast.
func (c *Corpus) body(e *event, l links) string {
	rng := newRand(c.opts.Seed, uint64(e.index)*2+2)
	p := newProse(rng)
	var b strings.Builder
	words := 0
	target := 440 + rng.IntN(120) // the count leaves out headings and markup: about 600 words in all

	// inline writes a sentence with, now and then, emphasis or a link.
	inline := func(lo, hi int) {
		w := p.words(lo, hi)
		words += len(w)
		if len(w) > 6 {
			at := 1 + rng.IntN(len(w)-4)
			n := 1 + rng.IntN(3)
			span := strings.Join(w[at:at+n], " ")
			tail := ""
			if strings.HasSuffix(span, ",") {
				span, tail = strings.TrimSuffix(span, ","), ","
			}
			var rep string
			switch r := rng.IntN(20); {
			case r < 4:
				rep = "*" + span + "*"
			case r < 6:
				rep = "**" + span + "**"
			case r < 8:
				rep = fmt.Sprintf("[%s](https://www.example.org/%s/%d)", span, strings.ToLower(p.of(nouns)), rng.IntN(10000))
			case r < 10 && c.opts.Events > 2:
				if t := c.linkTarget(rng, e.index); t >= 0 {
					frag := ""
					if rng.IntN(8) == 0 {
						frag = "the-broadcast"
					}
					rep = "[" + span + "](" + l.event(t, frag) + ")"
				}
			case r == 10 && e.institutions[0].profile:
				rep = "[" + span + "](" + l.institution(e.institutions[0]) + ")"
			case r == 11:
				rep = "“" + span + "”"
			}
			if rep != "" {
				w = append(w[:at], append([]string{rep + tail}, w[at+n:]...)...)
			}
		}
		b.WriteString(strings.Join(w, " "))
		b.WriteString(". ")
	}
	para := func(sentences int) {
		for range sentences {
			inline(8, 24)
		}
		b.WriteString("\n\n")
	}
	list := func(ordered bool) {
		for i := range 3 + rng.IntN(4) {
			if ordered {
				fmt.Fprintf(&b, "%d. ", i+1)
			} else {
				b.WriteString("- ")
			}
			inline(5, 14)
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	quote := func() {
		b.WriteString("> ")
		inline(12, 24)
		inline(8, 16)
		b.WriteString("\n>\n> — ")
		b.WriteString(hosts[rng.IntN(len(hosts))])
		b.WriteString("\n\n")
	}
	table := func() {
		b.WriteString("| Figure | Reported |\n| --- | ---: |\n")
		for range 2 + rng.IntN(3) {
			fmt.Fprintf(&b, "| %s | %d |\n", capitalize(p.of(nouns)), rng.IntN(1_000_000))
			words += 2
		}
		b.WriteString("\n")
	}

	para(3 + rng.IntN(2))
	b.WriteString("## The broadcast\n\n")
	para(3 + rng.IntN(3))
	list(false)
	footnote := rng.IntN(5) == 0
	used := map[int]bool{}
	for words < target {
		h := rng.IntN(len(headings))
		if used[h] {
			h = (h + 1) % len(headings)
		}
		used[h] = true
		fmt.Fprintf(&b, "## %s\n\n", headings[h])
		para(2 + rng.IntN(3))
		switch rng.IntN(6) {
		case 0, 1:
			quote()
		case 2:
			list(true)
		case 3:
			if rng.IntN(3) == 0 {
				table()
			} else {
				list(false)
			}
		case 4:
			fmt.Fprintf(&b, "See also [the whole timeline](%s) and [%s](https://www.example.org/collections/%d).\n\n",
				l.timeline, p.phrase(), rng.IntN(10000))
			words += 8
		}
	}
	if footnote {
		b.WriteString("The figures are the platform's own.[^1]\n\n[^1]: ")
		inline(8, 16)
		b.WriteString("\n")
	}
	return b.String()
}

var headings = []string{
	"Audience", "Context", "Note on the sources", "The route", "The guides", "Before the broadcast",
	"After the broadcast", "What the camera showed", "Sales and sponsorship", "Reception in the press",
	"The collection", "Questions from viewers", "Technical notes", "Programme",
}
