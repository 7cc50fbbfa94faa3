package content

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// The folders and files of a site's content, relative to its source folder.
const (
	Dir             = "content"
	ConfigFile      = "content/site.yaml"
	EventsDir       = "content/events"
	PlatformsDir    = "content/platforms"
	InstitutionsDir = "content/institutions"
	PagesDir        = "content/pages"
)

// Options change what Load includes.
type Options struct {
	Drafts bool // include documents marked draft: true
}

// Load reads a site's content from fsys, whose root is the site's source
// folder. It returns every problem it finds as an ErrorList, together
// with the archive of the files that had none, so that a caller can
// report everything in one run.
func Load(fsys fs.FS, opts Options) (*Archive, error) {
	var errs ErrorList
	cfg, cerr := LoadConfig(fsys)
	errs = append(errs, cerr...)

	a := &Archive{Config: cfg}
	events, eerrs := loadDir(fsys, EventsDir, cfg.MaxFileBytes, true, decodeEvent)
	platforms, perrs := loadDir(fsys, PlatformsDir, cfg.MaxFileBytes, false, decodePlatform)
	insts, ierrs := loadDir(fsys, InstitutionsDir, cfg.MaxFileBytes, false, decodeInstitution)
	pages, gerrs := loadDir(fsys, PagesDir, cfg.MaxFileBytes, false, decodePage)
	errs = append(errs, eerrs...)
	errs = append(errs, perrs...)
	errs = append(errs, ierrs...)
	errs = append(errs, gerrs...)

	for _, e := range events {
		if e.Draft && !opts.Drafts {
			continue
		}
		a.Events = append(a.Events, e)
	}
	a.Platforms = platforms
	a.Institutions = insts
	for _, p := range pages {
		if p.Draft && !opts.Drafts {
			continue
		}
		a.Pages = append(a.Pages, p)
	}
	return a, errs.Err()
}

// LoadConfig reads content/site.yaml; a missing file means the defaults.
func LoadConfig(fsys fs.FS) (Config, ErrorList) {
	cfg := DefaultConfig()
	data, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, ErrorList{Errorf(ConfigFile, 0, "%v", unwrapPath(err))}
	}
	v, perr := parseYAML(ConfigFile, data, 0)
	if perr != nil {
		return cfg, ErrorList{perr}
	}
	d := &decoder{path: ConfigFile}
	configSchema.decode(d, v, &cfg)
	return cfg, d.errs
}

// loadDir parses every Markdown file under dir in parallel and returns
// the documents in path order, which keeps the build deterministic.
func loadDir[T any](fsys fs.FS, dir string, limit int64, parallel bool,
	decode func(d *decoder, doc *document, name string) *T) ([]*T, ErrorList) {
	paths, errs := markdownFiles(fsys, dir)
	out := make([]*T, len(paths))
	perFile := make([]ErrorList, len(paths))
	workers := 1
	if parallel {
		workers = runtime.GOMAXPROCS(0)
	}
	keepers := make([]keeper, workers)
	work := func(w, i int) {
		p := paths[i]
		doc, err := readDocument(fsys, p, limit)
		if err != nil {
			perFile[i] = ErrorList{err}
			return
		}
		d := &decoder{path: p, keep: &keepers[w]}
		name := strings.TrimSuffix(path.Base(p), ".md")
		t := decode(d, doc, name)
		if len(d.errs) > 0 {
			perFile[i] = d.errs
			return
		}
		out[i] = t
	}
	forEach(len(paths), workers, work)
	docs := out[:0]
	for i, t := range out {
		errs = append(errs, perFile[i]...)
		if t != nil {
			docs = append(docs, t)
		}
	}
	return docs, errs
}

// forEach calls f(w, 0..n-1) on up to workers goroutines and waits for
// all; w is the calling goroutine's number, from 0 to workers-1.
func forEach(n, workers int, f func(w, i int)) {
	if workers <= 1 || n < 2 {
		for i := 0; i < n; i++ {
			f(0, i)
		}
		return
	}
	// Workers take the next index from a counter rather than a channel:
	// no goroutine hands work over, so none waits to be woken for it.
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(w, i)
			}
		}()
	}
	wg.Wait()
}

// markdownFiles lists the .md files under dir, recursively, skipping
// hidden files and folders (editors' swap files, .git). A missing dir
// is an empty one.
func markdownFiles(fsys fs.FS, dir string) ([]string, ErrorList) {
	var paths []string
	var errs ErrorList
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			errs = append(errs, Errorf(p, 0, "%v", unwrapPath(err)))
			return nil
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(name, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, Errorf(dir, 0, "%v", unwrapPath(err)))
	}
	sort.Strings(paths)
	return paths, errs
}

// readDocument reads and splits one content file, refusing one over
// limit bytes before reading it (and, should it grow meanwhile, as soon
// as it passes the limit).
func readDocument(fsys fs.FS, p string, limit int64) (*document, *Error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, FileError(p, err)
	}
	defer f.Close()
	tooBig := func(n int64) *Error {
		return Errorf(p, 0, "file is %d bytes, over the limit of %d (max_file_bytes in %s)", n, limit, ConfigFile)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, FileError(p, err)
	}
	if limit > 0 && info.Size() > limit {
		return nil, tooBig(info.Size())
	}
	r := io.Reader(f)
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	// The file's bytes are only looked at while it is split: what the
	// document keeps is decoded copies. So the buffer is reused.
	buf := readBufs.Get().(*bytes.Buffer)
	defer putReadBuf(buf)
	buf.Reset()
	buf.Grow(int(info.Size()) + bytes.MinRead) // one read, in place, for a file that did not change
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, FileError(p, err)
	}
	data := buf.Bytes()
	if limit > 0 && int64(len(data)) > limit {
		return nil, tooBig(int64(len(data)))
	}
	return split(p, data)
}

var readBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putReadBuf returns buf to the pool, unless an unusually large file
// made it big.
func putReadBuf(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		readBufs.Put(buf)
	}
}

// FileError reports an I/O error with a file, in the form of every other
// error: "path: what went wrong".
func FileError(path string, err error) *Error {
	return Errorf(path, 0, "%v", unwrapPath(err))
}

// unwrapPath drops the path from an fs.PathError (our messages already
// start with it) and explains os.Root's refusal of a link that escapes.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if strings.Contains(err.Error(), "escapes from parent") {
		return errors.New("a symbolic link leads outside the site's folder: refused")
	}
	return err
}

func decodeEvent(d *decoder, doc *document, name string) *Event {
	e := &Event{Source: source(d.path, doc)}
	eventSchema.decode(d, doc.fields, e)
	for i, k := range doc.fields.keys {
		line := doc.fields.klns[i]
		switch k {
		case "slug":
			e.Lines.Slug = line
		case "institution":
			e.Lines.Institution = line
		case "platform":
			e.Lines.Platform = line
		case "tags":
			e.Lines.Tags = line
		case "image":
			e.Lines.Image = line
		case "aliases":
			e.Lines.Aliases = line
		}
	}
	if e.Slug == "" {
		e.Slug = name
		if why := ValidSlug(name); why != "" {
			d.errorf(0, "file name %q %s; rename the file or set slug", name, why)
		}
	}
	if e.Image != "" && e.ImageAlt == "" {
		d.errorf(doc.fields.line, "image %q has no image_alt: describe the image for readers who cannot see it", e.Image)
	}
	if len(d.errs) > 0 {
		return e // dropped
	}
	return d.keep.event(e)
}

func decodePlatform(d *decoder, doc *document, name string) *Platform {
	p := &Platform{Source: source(d.path, doc), Slug: name}
	platformSchema.decode(d, doc.fields, p)
	return p
}

func decodeInstitution(d *decoder, doc *document, name string) *Institution {
	i := &Institution{Source: source(d.path, doc), Slug: name}
	institutionSchema.decode(d, doc.fields, i)
	return i
}

func decodePage(d *decoder, doc *document, name string) *Page {
	p := &Page{Source: source(d.path, doc)}
	pageSchema.decode(d, doc.fields, p)
	if p.Slug == "" {
		p.Slug = name
	}
	return p
}

func source(p string, doc *document) Source {
	return Source{Path: p, BodyOffset: doc.bodyOffset, BodyLine: doc.bodyLine}
}
