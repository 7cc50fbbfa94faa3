// Package block hands out what a large model keeps for its whole life
// cut from blocks of at least 64 KB: values (Of[T].New), slices
// (Of[T].Cut, Of[T].Copy) and text (Text.Pack).
//
// The site of a large archive keeps some objects for every event, and at
// 100,000 events the garbage collector's work is mostly marking them.
// Cut from blocks, they are fewer, larger objects for it to mark, in
// the order they were made. And they are out of the way of the garbage:
// Go's allocator puts an object under 32 KB into a free slot of a span
// that holds others of its size, so long-lived small objects made among
// short-lived ones (a loader's, a parser's) end up spread over spans
// that the garbage left mostly empty. Those spans stay in use as long as
// any of their objects lives, and the memory limit counts them all. A
// block, larger than the largest size class, takes a span of its own.
//
// The zero value of each type is ready to use. None is safe for
// concurrent use: each goroutine making a model keeps its own.
package block

import (
	"strings"
	"unsafe"
)

// Bytes is the least size of a block: above the 32 KB of the largest
// size class, so that each takes a span of its own.
const Bytes = 64 << 10

// Of hands out values and slices of T cut from larger blocks.
type Of[T any] struct {
	free []T // the slice being made, then room for more
	n    int // the length of the slice being made
}

// Add appends t to the slice being made.
func (b *Of[T]) Add(t T) {
	if b.n == len(b.free) {
		// Out of room: the slice so far moves to a new block.
		f := make([]T, max(Bytes/max(1, int(unsafe.Sizeof(t)))+1, 2*b.n))
		copy(f, b.free[:b.n])
		b.free = f
	}
	b.free[b.n] = t
	b.n++
}

// Made returns the slice being made, for a look at what it holds.
func (b *Of[T]) Made() []T { return b.free[:b.n] }

// Cut returns the slice made since the last cut, or nil when it is
// empty. It is full (its capacity is its length), so that appending to
// it cannot overwrite the next.
func (b *Of[T]) Cut() []T {
	if b.n == 0 {
		return nil
	}
	s := b.free[:b.n:b.n]
	b.free, b.n = b.free[b.n:], 0
	return s
}

// Copy returns a copy of s cut from the block, or nil when s is empty.
// The slice being made must be empty.
func (b *Of[T]) Copy(s []T) []T {
	for _, t := range s {
		b.Add(t)
	}
	return b.Cut()
}

// New returns a new zero T from the block. The slice being made must be
// empty.
func (b *Of[T]) New() *T {
	var zero T
	b.Add(zero)
	return &b.Cut()[0]
}

// Text hands out strings cut from larger strings.
type Text struct {
	b strings.Builder
}

// Pack copies the strings *fields point to into the block of text, and
// points each at its copy. (The strings a strings.Builder returns stay
// as they are while it appends, so each block serves many calls.)
func (t *Text) Pack(fields ...*string) {
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	if t.b.Cap()-t.b.Len() < n {
		t.b = strings.Builder{}
		t.b.Grow(max(n, Bytes))
	}
	start := t.b.Len()
	for _, f := range fields {
		t.b.WriteString(*f)
	}
	all := t.b.String()[start:]
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
