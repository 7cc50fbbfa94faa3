package site

import (
	"strings"
	"unsafe"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// The model keeps every event and list page for the whole build, and at
// 100,000 events the garbage collector's work is mostly marking it. So
// what the model keeps is cut from blocks of at least 64 KB (blocks):
// the Events and Pages themselves, their lists and figures (block), and
// their text (text.pack). Two things make that worth it:
//
//   - The collector marks fewer, larger objects, which are also in the
//     order they were made.
//   - Go's allocator puts an object under 32 KB into a free slot of a
//     span that holds others of its size, and site.New runs while the
//     loaded archive is live, in spans full of such slots that the
//     loader's garbage left. A model of small objects would be spread
//     across them, and once the archive is dropped, those spans would
//     stay in use, mostly empty, for the whole build: 72 MB at 100,000
//     events, which the memory limit counts against the heap. A block
//     takes a span of its own. (What the model still takes from the
//     archive as it is, events' params, keeps 40 MB of them in use.)
//
// At 100,000 events that took the collector's CPU time from 15–16.5 s to
// 10 s, and its cycles from 63–65 to 59–61.

// A block hands out slices cut from larger blocks of memory.
type block[T any] struct {
	free []T // the slice being made, then room for more
	n    int // the length of the slice being made
}

// blockBytes is the least size of a block: above the 32 KB of the
// largest size class, so that each takes a span of its own.
const blockBytes = 64 << 10

// add appends t to the slice being made.
func (b *block[T]) add(t T) {
	if b.n == len(b.free) {
		// Out of room: the slice so far moves to a new block.
		f := make([]T, max(blockBytes/int(unsafe.Sizeof(t))+1, 2*b.n))
		copy(f, b.free[:b.n])
		b.free = f
	}
	b.free[b.n] = t
	b.n++
}

// made returns the slice being made, for a look at what it holds.
func (b *block[T]) made() []T { return b.free[:b.n] }

// cut returns the slice made since the last cut, or nil when it is
// empty. It is full (its capacity is its length), so that appending to
// it cannot overwrite the next.
func (b *block[T]) cut() []T {
	if b.n == 0 {
		return nil
	}
	s := b.free[:b.n:b.n]
	b.free, b.n = b.free[b.n:], 0
	return s
}

// copyOf returns a copy of s cut from the block, or nil when s is empty.
func (b *block[T]) copyOf(s []T) []T {
	for _, t := range s {
		b.add(t)
	}
	return b.cut()
}

// one returns a new zero T from the block.
func (b *block[T]) one() *T {
	var zero T
	b.add(zero)
	return &b.cut()[0]
}

// blocks holds the blocks site.New cuts the model from.
type blocks struct {
	events       block[Event]
	pages        block[Page]
	pagesOf      block[*Page] // each list's pages
	platforms    block[*Platform]
	institutions block[*Institution]
	tags         block[*Tag]
	names        block[string] // hosts, highlights, languages
	sources      block[content.Citation]
	figures      block[int64] // viewers and interactions
	text         strings.Builder
}

// pack copies the strings *fields point to into the block of text, and
// points each at its copy. The strings a strings.Builder returns stay as
// they are while it appends, so each block is shared by many calls.
func (b *blocks) pack(fields []*string) {
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	if b.text.Cap()-b.text.Len() < n {
		b.text = strings.Builder{}
		b.text.Grow(max(n, blockBytes))
	}
	start := b.text.Len()
	for _, f := range fields {
		b.text.WriteString(*f)
	}
	all := b.text.String()[start:]
	for _, f := range fields {
		if *f == "" {
			// The empty string, which points nowhere: a part of no length
			// would still point into the block (or an empty string into
			// what it was cut from), a pointer more for the collector.
			*f = ""
			continue
		}
		*f, all = all[:len(*f)], all[len(*f):]
	}
}
