package site

import "github.com/vitrine-archive/vitrine/internal/block"

// blocks holds the blocks site.New cuts the model from (see package
// block). The model keeps every event and list page for the whole build,
// and site.New runs while the loaded archive is live: made of small
// objects, the model would fill the free slots that the loader's garbage
// left in the archive's spans, and keep those spans in use, mostly
// empty, once the archive is dropped (72 MB at 100,000 events). Cut from
// blocks, it took the collector's CPU time at 100,000 events from
// 15–16.5 s to 10 s, and its cycles from 63–65 to 59–61. (The text,
// sources and figures of events are in the loader's blocks, which the
// model shares: see newEvent.)
type blocks struct {
	events       block.Of[Event]
	pages        block.Of[Page]
	pagesOf      block.Of[*Page] // each list's pages
	platforms    block.Of[*Platform]
	institutions block.Of[*Institution]
	tags         block.Of[*Tag]
	names        block.Of[string] // hosts, highlights, languages
	text         block.Text       // URLs and list pages' titles
}
