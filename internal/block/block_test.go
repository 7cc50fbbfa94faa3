package block

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// largestSizeClass is the largest object Go's allocator puts among
// others of its size; a larger one takes a span of its own.
const largestSizeClass = 32 << 10

type big struct{ a, b, c, d, e, f string } // 96 bytes

// TestBlocksAreLarge checks that a block of any size of T is larger
// than the largest size class.
func TestBlocksAreLarge(t *testing.T) {
	var bytes Of[byte]
	bytes.Add(0)
	var ptrs Of[*int]
	ptrs.New()
	var bigs Of[big]
	bigs.Copy([]big{{}, {}})
	for _, b := range []struct {
		name    string
		n, size uintptr
	}{
		{"byte", uintptr(cap(bytes.free)), 1},
		{"*int", uintptr(cap(ptrs.free) + 1), unsafe.Sizeof((*int)(nil))},
		{"big", uintptr(cap(bigs.free) + 2), unsafe.Sizeof(big{})},
	} {
		if b.n*b.size <= largestSizeClass {
			t.Errorf("a block of %s holds %d × %d bytes, want over %d", b.name, b.n, b.size, largestSizeClass)
		}
	}
	var text Text
	x := "x"
	text.Pack(&x)
	if text.b.Cap() <= largestSizeClass {
		t.Errorf("a block of text holds %d bytes, want over %d", text.b.Cap(), largestSizeClass)
	}
}

// TestCut checks that cut slices are full, hold what was added, and
// survive the slice being made moving to a new block.
func TestCut(t *testing.T) {
	var b Of[int]
	var cuts [][]int
	for i := range 3 * Bytes / 8 / 10 { // slices of 10 ints, over three blocks' worth
		for j := range 10 {
			b.Add(10*i + j)
		}
		if got := b.Made(); len(got) != 10 || got[9] != 10*i+9 {
			t.Fatalf("slice %d: made %v", i, got)
		}
		cuts = append(cuts, b.Cut())
	}
	for i, s := range cuts {
		if len(s) != 10 || cap(s) != 10 {
			t.Fatalf("slice %d: len %d cap %d, want 10 and 10", i, len(s), cap(s))
		}
		for j, v := range s {
			if v != 10*i+j {
				t.Fatalf("slice %d: %v", i, s)
			}
		}
	}
	if got := b.Cut(); got != nil {
		t.Errorf("an empty cut is %v, want nil", got)
	}
	if got := b.Copy(nil); got != nil {
		t.Errorf("a copy of nothing is %v, want nil", got)
	}
	// A slice longer than a block moves to a block of twice its length.
	for i := range Bytes {
		b.Add(i)
	}
	if s := b.Cut(); len(s) != Bytes || s[Bytes-1] != Bytes-1 {
		t.Errorf("a slice longer than a block: len %d", len(s))
	}
	p, q := b.New(), b.New()
	if p == q || *p != 0 || *q != 0 {
		t.Errorf("New gave %p (%d) and %p (%d), want two zeros", p, *p, q, *q)
	}
}

// TestPack checks that packed strings keep their text as the block of
// text fills and a new one starts, that successive calls share a block,
// and that an empty string is left pointing nowhere.
func TestPack(t *testing.T) {
	var text Text
	type packed struct{ a, empty, c string }
	var got []packed
	for i := range 3 * Bytes / 40 { // three blocks' worth
		p := packed{a: fmt.Sprintf("title %d", i), c: strings.Repeat("x", i%50)}
		text.Pack(&p.a, &p.empty, &p.c)
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
	end := unsafe.Add(unsafe.Pointer(unsafe.StringData(got[0].a)), len(got[0].a)+len(got[0].c))
	if end != unsafe.Pointer(unsafe.StringData(got[1].a)) {
		t.Errorf("the second pack does not follow the first in its block")
	}
	// A string longer than a block gets a block of its size.
	long := strings.Repeat("y", 2*Bytes)
	s := long
	text.Pack(&s)
	if s != long {
		t.Errorf("a string longer than a block changed in packing")
	}
}
