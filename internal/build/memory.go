package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sync"
)

// Memory is an Output that keeps the site in memory: the dev server
// serves from it. It is safe for concurrent use.
//
// Files are kept compressed with gzip when that makes them smaller: the
// pages of an archive of 10,000 events come to some 275 MB, and to less
// than a fifth of that compressed, at the cost of compressing each page
// once (a few percent of rendering it) and inflating it when served.
type Memory struct {
	mu    sync.Mutex
	files map[string]File
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string]File{}} }

// WriteFile keeps data, compressed when it can be. The build reuses its
// buffers; Memory keeps copies.
func (m *Memory) WriteFile(name string, data []byte) error {
	if !validOutputPath(name) {
		return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
	}
	f := newFile(data)
	m.mu.Lock()
	m.files[name] = f
	m.mu.Unlock()
	return nil
}

// Files returns the files written, by path. The map is m's own: read it
// once the build is over, and do not modify it.
func (m *Memory) Files() map[string]File {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// File is one file of a site held in memory. It is never modified.
type File struct {
	data    []byte // gzip-compressed when gzipped is set
	gzipped bool
	size    int // uncompressed
}

// gzipWriters are reused: each holds some hundreds of kilobytes of state.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func newFile(data []byte) File {
	var buf bytes.Buffer
	buf.Grow(len(data) / 4)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&buf)
	_, err := w.Write(data)
	if err == nil {
		err = w.Close()
	}
	gzipWriters.Put(w)
	// Pictures and fonts are compressed already, and tiny files gain
	// nothing: those are kept as they are.
	if err != nil || buf.Len() >= len(data)*9/10 {
		return File{data: bytes.Clone(data), size: len(data)}
	}
	return File{data: bytes.Clone(buf.Bytes()), gzipped: true, size: len(data)}
}

// Size returns the length of the file's contents.
func (f File) Size() int { return f.size }

// Bytes returns the file's contents.
func (f File) Bytes() ([]byte, error) {
	if !f.gzipped {
		return f.data, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(f.data))
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, f.size+1) // +1: room to read the end without growing
	out, err = readAll(r, out)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// Gzipped returns the file compressed with gzip, if it is kept so: a
// server may send it as it is to a browser that accepts gzip.
func (f File) Gzipped() ([]byte, bool) {
	if !f.gzipped {
		return nil, false
	}
	return f.data, true
}

// Equal reports whether f and g have the same contents. Compression is
// deterministic, so the same contents are kept as the same bytes.
func (f File) Equal(g File) bool {
	return f.gzipped == g.gzipped && f.size == g.size && bytes.Equal(f.data, g.data)
}
