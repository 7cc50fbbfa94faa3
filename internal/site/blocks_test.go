package site

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/vitrine-archive/vitrine/internal/content"
)

// largestSizeClass is the largest object Go's allocator puts among
// others of its size; a larger one takes a span of its own.
const largestSizeClass = 32 << 10

// TestBlocksAreLarge checks that every kind of block the model is cut
// from is larger than the largest size class (see blocks.go).
func TestBlocksAreLarge(t *testing.T) {
	check := func(name string, n, size uintptr) {
		t.Helper()
		if n*size <= largestSizeClass {
			t.Errorf("a block of %s holds %d × %d bytes, want over %d", name, n, size, largestSizeClass)
		}
	}
	var b blocks
	b.events.one()
	check("Event", uintptr(cap(b.events.free)+1), unsafe.Sizeof(Event{}))
	b.pages.one()
	check("Page", uintptr(cap(b.pages.free)+1), unsafe.Sizeof(Page{}))
	b.pagesOf.add(nil)
	check("*Page", uintptr(cap(b.pagesOf.free)), unsafe.Sizeof((*Page)(nil)))
	b.names.add("")
	check("string", uintptr(cap(b.names.free)), unsafe.Sizeof(""))
	b.figures.add(0)
	check("int64", uintptr(cap(b.figures.free)), unsafe.Sizeof(int64(0)))
	b.sources.add(content.Citation{})
	check("Citation", uintptr(cap(b.sources.free)), unsafe.Sizeof(content.Citation{}))
	x := "x"
	b.pack([]*string{&x})
	check("text", uintptr(b.text.Cap()), 1)
}

// TestPack checks that packed strings keep their text as the block of
// text fills and a new one starts, that successive calls share a block,
// and that an empty string is left pointing nowhere.
func TestPack(t *testing.T) {
	var b blocks
	type packed struct{ a, empty, c string }
	var got []packed
	for i := range 3 * blockBytes / 40 { // three blocks' worth
		p := packed{a: fmt.Sprintf("title %d", i), c: strings.Repeat("x", i%50)}
		b.pack([]*string{&p.a, &p.empty, &p.c})
		got = append(got, p)
	}
	for i, p := range got {
		if want := fmt.Sprintf("title %d", i); p.a != want || p.c != strings.Repeat("x", i%50) {
			t.Fatalf("pack %d: got %q, %q; want %q, %d x's", i, p.a, p.c, want, i%50)
		}
		if unsafe.StringData(p.empty) != nil {
			t.Errorf("pack %d: the empty string points into memory", i)
		}
	}
	// The first two packs are consecutive in one block.
	if end := unsafe.Add(unsafe.Pointer(unsafe.StringData(got[0].a)), len(got[0].a)+len(got[0].c)); end != unsafe.Pointer(unsafe.StringData(got[1].a)) {
		t.Errorf("the second pack does not follow the first in its block")
	}
	// A string longer than a block gets a block of its size.
	long := strings.Repeat("y", 2*blockBytes)
	s := long
	b.pack([]*string{&s})
	if s != long {
		t.Errorf("a string longer than a block changed in packing")
	}
}
