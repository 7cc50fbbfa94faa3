package site

import (
	"strings"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// The model keeps every event for the whole build, and at 100,000
// events the garbage collector's work is mostly marking it. So what an
// event keeps beyond its Event is in as few objects as it can be: its
// text in one string (pack), and its lists and figures cut from blocks
// shared by many events (block).

// A block hands out slices cut from larger blocks of memory.
type block[T any] struct {
	free []T // the slice being made, then room for more
	n    int // the length of the slice being made
}

// blockSize is the number of entries of each block.
const blockSize = 1024

// add appends t to the slice being made.
func (b *block[T]) add(t T) {
	if b.n == len(b.free) {
		// Out of room: the slice so far moves to a new block.
		f := make([]T, max(blockSize, 2*b.n))
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

// events holds the blocks the events' slices and figures are cut from.
type events struct {
	platforms    block[*Platform]
	institutions block[*Institution]
	tags         block[*Tag]
	names        block[string] // hosts, highlights, languages
	sources      block[content.Citation]
	figures      block[int64] // viewers and interactions
}

// pack copies the strings *fields point to into one string, and points
// each at its part of it.
func pack(fields []*string) {
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fields {
		b.WriteString(*f)
	}
	all := b.String()
	for _, f := range fields {
		if *f == "" {
			// The empty string, which points nowhere: a part of no length
			// would still point into the string (or an empty string into
			// what it was cut from), a pointer more for the collector.
			*f = ""
			continue
		}
		*f, all = all[:len(*f)], all[len(*f):]
	}
}
