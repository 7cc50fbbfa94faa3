package build

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMemory(t *testing.T) {
	page := []byte(strings.Repeat("<p>A paragraph of a page, much like the next.</p>\n", 200))
	noise := make([]byte, 4096)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(noise)

	m := NewMemory()
	for name, data := range map[string][]byte{"index.html": page, "photo.jpg": noise, "empty.txt": nil} {
		if err := m.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", `a\b`} {
		if err := m.WriteFile(bad, page); err == nil {
			t.Errorf("WriteFile(%q): no error", bad)
		}
	}
	files := m.Files()
	for name, want := range map[string][]byte{"index.html": page, "photo.jpg": noise, "empty.txt": nil} {
		f := files[name]
		got, err := f.Bytes()
		if err != nil || !bytes.Equal(got, want) || f.Size() != len(want) {
			t.Errorf("%s: got %d bytes (size %d, error %v), want the %d written", name, len(got), f.Size(), err, len(want))
		}
	}
	if gz, ok := files["index.html"].Gzipped(); !ok || len(gz) > len(page)/4 {
		t.Errorf("index.html: gzipped %v, %d bytes: want it kept compressed", ok, len(gz))
	}
	if _, ok := files["photo.jpg"].Gzipped(); ok {
		t.Error("photo.jpg: random bytes kept gzipped, want them as they are")
	}

	// The same contents give equal files; other contents do not.
	again := NewMemory()
	again.WriteFile("index.html", page)
	again.WriteFile("other.html", append(bytes.Clone(page), '!'))
	if !again.Files()["index.html"].Equal(files["index.html"]) {
		t.Error("the same page written twice: not Equal")
	}
	if again.Files()["other.html"].Equal(files["index.html"]) {
		t.Error("two different pages: Equal")
	}
}
