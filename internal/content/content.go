package content

import (
	"bytes"
	"io/fs"
	"strings"
	"time"
)

// Source locates a document's Markdown body in its file. Bodies are not
// kept in memory: an archive of 100,000 events would hold hundreds of
// megabytes of text that only the event's own page needs.
type Source struct {
	Path       string // slash-separated path within the site, e.g. "content/events/louvre.md"
	BodyOffset int    // byte offset of the body in the file
	BodyLine   int    // 1-based line of the body's first byte
}

// Body reads the Markdown body back from fsys.
func (s Source) Body(fsys fs.FS) ([]byte, error) {
	return s.ReadBody(fsys, new(bytes.Buffer))
}

// ReadBody reads the Markdown body back from fsys into buf, which it
// resets, and returns it: a slice of buf's bytes, good until buf is
// used again.
func (s Source) ReadBody(fsys fs.FS, buf *bytes.Buffer) ([]byte, error) {
	f, err := fsys.Open(s.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf.Reset()
	if info, err := f.Stat(); err == nil {
		buf.Grow(int(info.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if s.BodyOffset > len(b) {
		return nil, Errorf(s.Path, 0, "file changed while the site was being built")
	}
	return b[s.BodyOffset:], nil
}

// Event is one livestream, from a file in content/events/.
type Event struct {
	Source
	Slug         string // URL segment: the file name unless the slug key overrides it
	Title        string
	Date         Date
	Institutions []string
	Platforms    []string
	City         string
	Country      string
	Duration     time.Duration
	Viewers      *int64 // nil when no figure was reported
	Interactions *int64
	Hosts        []string
	Highlights   []string
	Tags         []string
	Language     []string // BCP 47 codes of the broadcast's languages
	Summary      string   // may be empty: the first paragraph is used then
	Image        string
	ImageAlt     string
	ImageCredit  string
	Sources      []Citation
	Aliases      []string // old URL paths, e.g. "events/old-name/"
	Draft        bool
	Lang         string // language of the write-up; the site's when empty
	Params       map[string]any

	// Lines are where the keys checked later, against other files, were
	// written, so that those errors can point at them.
	Lines KeyLines
}

// KeyLines are the lines of an event's keys that are checked against
// other files once every file is loaded; 0 when the key is absent.
type KeyLines struct {
	Slug, Institution, Platform, Tags, Image, Aliases int
}

// LocalImage returns the path within static/ of an image key's value
// ("images/louvre.jpg"), or "" when it is empty or an http(s) URL.
func LocalImage(image string) string {
	if image == "" || strings.Contains(image, "://") {
		return ""
	}
	return strings.TrimPrefix(image, "/")
}

// Citation is a source an event's facts come from.
type Citation struct {
	Title     string
	URL       string // http(s) only; may be empty when the address is unknown
	Publisher string
	Date      Date
	Lang      string
}

// Platform describes a streaming platform, from content/platforms/.
type Platform struct {
	Source
	Slug     string
	Title    string
	Owner    string
	Launched Date
	URL      string
	Country  string
	Summary  string
	Params   map[string]any
}

// Institution describes a museum or other organiser, from content/institutions/.
type Institution struct {
	Source
	Slug    string
	Title   string
	City    string
	Country string
	URL     string
	Summary string
	Params  map[string]any
}

// Page is a plain page such as "about", from content/pages/.
type Page struct {
	Source
	Slug    string
	Title   string
	Summary string
	Draft   bool
	Lang    string
}

// Config is the site's settings, from content/site.yaml.
type Config struct {
	Title        string
	Description  string
	BaseURL      string // absolute, ending in "/"; "/" when not set
	Language     string // BCP 47; "en" when not set
	PageSize     int    // items per list page; 20 when not set
	Minify       bool   // true when not set
	UnsafeHTML   bool   // pass raw HTML in Markdown through; false when not set
	MaxFileBytes int64  // content files larger than this are refused
	Params       map[string]any
}

// DefaultConfig returns the settings used for keys site.yaml leaves out.
func DefaultConfig() Config {
	return Config{
		Title:        "Livestream archive",
		BaseURL:      "/",
		Language:     "en",
		PageSize:     20,
		Minify:       true,
		MaxFileBytes: 4 << 20,
	}
}

// Archive is everything loaded from a site's content folder.
type Archive struct {
	Config       Config
	Events       []*Event       // in file-path order
	Platforms    []*Platform    // in file-path order
	Institutions []*Institution // in file-path order
	Pages        []*Page        // in file-path order
}
