package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// valueKind is the shape of a front-matter value.
type valueKind uint8

const (
	scalarValue valueKind = iota + 1
	listValue
	mapValue
	nullValue
)

// value is one front-matter value, YAML or TOML alike, with the line it
// was written on, so that every error can point at it.
type value struct {
	kind  valueKind
	tag   string // for scalars: "!!str", "!!int", "!!float", "!!bool" or "!!timestamp"
	text  string // for scalars: the value as written
	line  int
	items []*value // list items, or map values in written order
	keys  []string // map keys in written order
	klns  []int    // the line of each key
}

func (v *value) describe() string {
	switch v.kind {
	case listValue:
		return "a list"
	case mapValue:
		return "a map"
	case nullValue:
		return "nothing"
	}
	switch v.tag {
	case "!!int":
		return "the number " + v.text
	case "!!float":
		return "the number " + v.text
	case "!!bool":
		return v.text
	}
	return strconv.Quote(v.text)
}

// maxDepth bounds the nesting of front-matter values; real front
// matter (sources in a list in a map) is three deep.
const maxDepth = 16

// document is a file split into its front matter and Markdown body.
type document struct {
	fields     *value // a mapValue
	bodyOffset int    // byte offset of body in the file as read
	bodyLine   int    // 1-based line of the body's first byte
}

var (
	errNoYAMLMap = errors.New("front matter must be a set of key: value lines")
	bom          = []byte("\uFEFF")
)

// split parses a content file: an optional UTF-8 byte-order mark, then
// front matter between "---" lines (YAML) or "+++" lines (TOML), then the
// Markdown body. Line numbers in errors count from the file's first line.
func split(path string, data []byte) (*document, *Error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errorf(path, 0, "file is empty: it needs front matter between --- lines, with at least a title")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, Errorf(path, lineAt(data, i), "binary file: content files are UTF-8 Markdown text")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, Errorf(path, lineAt(data, i), "file is not valid UTF-8 (byte %d): save it as UTF-8", i)
	}
	skip := 0
	if bytes.HasPrefix(data, bom) {
		skip = len(bom)
	}
	text := data[skip:]

	// Find the opening delimiter ourselves: adrg/frontmatter reports a
	// never-closed front matter and a missing one the same way.
	open, openLine := "", 0
	for rest, n := text, 1; len(rest) > 0; n++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			open, openLine = string(t), n
			break
		}
		rest = after
	}
	if open != "---" && open != "+++" {
		return nil, Errorf(path, openLine, "no front matter: the file must start with a --- line (YAML) or a +++ line (TOML)")
	}

	// The parser returns the body after reading all of it into a buffer
	// of its own; the body is not needed here (only where it starts), so
	// the reader ends as soon as the front matter is decoded, and the
	// body the parser returns is then just what it had read ahead.
	sp := &splitting{path: path, open: openLine, in: stopReader{data: text}}
	// The parser wraps its input in a bufio.Reader of the default size,
	// unless it already is one that big: a pooled one saves allocating
	// 4 KB a file.
	br := bufReaders.Get().(*bufio.Reader)
	br.Reset(&sp.in)
	readAhead, err := frontmatter.MustParse(br, sp, yamlFormat, tomlFormat)
	br.Reset(nil)
	bufReaders.Put(br)
	if errors.Is(err, frontmatter.ErrNotFound) {
		return nil, Errorf(path, openLine, "front matter opened here with %s is never closed: add a %s line after the last key", open, open)
	}
	if err != nil {
		return nil, Errorf(path, 0, "%v", err)
	}
	if sp.err != nil {
		return nil, sp.err
	}
	off := skip + sp.in.n - len(readAhead)
	return &document{
		fields:     sp.fields,
		bodyOffset: off,
		bodyLine:   1 + bytes.Count(data[:off], []byte("\n")),
	}, nil
}

// splitting is the state of one split, which frontmatter.MustParse
// hands to the formats' functions: they are made once, not per file.
type splitting struct {
	path   string
	open   int // the line of the opening delimiter
	in     stopReader
	fields *value
	err    *Error
}

var (
	yamlFormat = frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		sp := v.(*splitting)
		sp.in.stop = true
		sp.fields, sp.err = parseYAML(sp.path, b, sp.open)
		return nil
	})
	tomlFormat = frontmatter.NewFormat("+++", "+++", func(b []byte, v any) error {
		sp := v.(*splitting)
		sp.in.stop = true
		sp.fields, sp.err = parseTOML(sp.path, b, sp.open)
		return nil
	})
	bufReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}
)

// stopReader reads data one line at a time until stop is set, then
// reports the end of input; n counts the bytes read. Line by line, so
// that the parser has read little beyond the front matter when it stops.
type stopReader struct {
	data []byte
	n    int
	stop bool
}

func (s *stopReader) Read(b []byte) (int, error) {
	rest := s.data[s.n:]
	if s.stop || len(rest) == 0 {
		return 0, io.EOF
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(b, rest)
	s.n += n
	return n, nil
}

// lineAt returns the 1-based line of byte offset i in data.
func lineAt(data []byte, i int) int {
	if i > len(data) {
		i = len(data)
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML decodes YAML front matter into a value. open is the line of
// the opening "---", so the YAML's line n is the file's line open+n.
// Anchors and aliases are refused: front matter has no use for them, and
// refusing them removes the "billion laughs" expansion attack outright.
func parseYAML(path string, b []byte, open int) (*value, *Error) {
	var doc yaml.Node
	lines := newYAMLLines(b, open)
	if err := yaml.Unmarshal(b, &doc); err != nil {
		msg := err.Error()
		line := open
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = lines.file(n), m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		return nil, Errorf(path, line, "invalid YAML front matter: %s", msg)
	}
	if doc.Kind == 0 { // nothing between the delimiters
		return &value{kind: mapValue, line: open}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, Errorf(path, lines.file(root.Line), "%v", errNoYAMLMap)
	}
	t := &yamlTree{path: path, lines: lines}
	return t.convert(root, 0)
}

// yamlLines maps the line numbers of yaml.v3 to the file's. YAML also
// breaks lines at U+0085, U+2028, U+2029 and a lone CR, which editors
// (and the rest of vitrine) do not count.
type yamlLines struct {
	open  int   // the file's line of the opening delimiter
	table []int // YAML line → the text's line, 1-based; nil when they are the same
	last  int   // the text's last line, when there is a table
}

func newYAMLLines(b []byte, open int) yamlLines {
	l := yamlLines{open: open}
	if !hasYAMLBreaks(b) {
		return l
	}
	l.table, l.last = []int{0, 1}, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '\n':
			l.last++
			l.table = append(l.table, l.last)
		case r == '\r' && (i+1 >= len(b) || b[i+1] != '\n'), r == 0x85, r == 0x2028, r == 0x2029:
			l.table = append(l.table, l.last)
		}
		i += size
	}
	return l
}

// hasYAMLBreaks reports whether b holds a line break of YAML's that is
// not a "\n": a CR, U+0085, U+2028 or U+2029. (Searching for each is
// some times faster than bytes.ContainsAny, which decodes every rune.)
func hasYAMLBreaks(b []byte) bool {
	return bytes.IndexByte(b, '\r') >= 0 ||
		bytes.Contains(b, []byte("\u0085")) ||
		bytes.Contains(b, []byte("\u2028")) ||
		bytes.Contains(b, []byte("\u2029"))
}

// file returns the file's line of the YAML's line n.
func (l yamlLines) file(n int) int {
	switch {
	case l.table == nil:
		return l.open + n
	case n < len(l.table):
		return l.open + l.table[n]
	}
	return l.open + l.last
}

// A yamlTree converts yaml.v3's nodes into values. It takes them from
// slices allocated a block at a time rather than one by one: the tree is
// only kept while its document is decoded.
type yamlTree struct {
	path  string
	lines yamlLines
	free  []value // not yet used
	made  int     // values allocated so far
}

func (t *yamlTree) value(v value) *value {
	if len(t.free) == 0 {
		// Each block as big as all before it: few blocks, and at most
		// half of the last one unused.
		t.free = make([]value, max(16, t.made))
		t.made += len(t.free)
	}
	p := &t.free[0]
	*p = v
	t.free = t.free[1:]
	return p
}

// smallMap is the most keys of a map that convert checks for
// duplicates by looking through the keys so far, without a map.
const smallMap = 32

// convert converts a YAML node at the given depth.
func (t *yamlTree) convert(n *yaml.Node, depth int) (*value, *Error) {
	at := t.lines.file(n.Line)
	if depth > maxDepth {
		return nil, Errorf(t.path, at, "front matter is nested more than %d levels deep", maxDepth)
	}
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return nil, Errorf(t.path, at, "YAML anchors and aliases (& and *) are not allowed in front matter: write the value out")
	}
	switch n.Kind {
	case yaml.ScalarNode:
		tag := n.ShortTag()
		if tag == "!!null" {
			return t.value(value{kind: nullValue, line: at}), nil
		}
		if tag == "!!binary" || !strings.HasPrefix(tag, "!!") {
			tag = "!!str"
		}
		return t.value(value{kind: scalarValue, tag: tag, text: n.Value, line: at}), nil
	case yaml.SequenceNode:
		v := t.value(value{kind: listValue, line: at, items: make([]*value, 0, len(n.Content))})
		for _, c := range n.Content {
			item, err := t.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, item)
		}
		return v, nil
	case yaml.MappingNode:
		pairs := len(n.Content) / 2
		v := t.value(value{kind: mapValue, line: at,
			items: make([]*value, 0, pairs), keys: make([]string, 0, pairs), klns: make([]int, 0, pairs)})
		var seen map[string]int // the line of each key, for big maps only
		if pairs > smallMap {
			seen = make(map[string]int, pairs)
		}
		for i := 0; i < pairs; i++ {
			k, c := n.Content[2*i], n.Content[2*i+1]
			kl := t.lines.file(k.Line)
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return nil, Errorf(t.path, kl, "keys in front matter must be plain names")
			}
			var prev int
			var dup bool
			if seen != nil {
				prev, dup = seen[k.Value]
				seen[k.Value] = kl
			} else if j := slices.Index(v.keys, k.Value); j >= 0 {
				prev, dup = v.klns[j], true
			}
			if dup {
				return nil, Errorf(t.path, kl, "key %q is given twice (first on line %d)", k.Value, prev)
			}
			item, err := t.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			v.keys = append(v.keys, k.Value)
			v.klns = append(v.klns, kl)
			v.items = append(v.items, item)
		}
		return v, nil
	}
	return nil, Errorf(t.path, at, "unsupported YAML value")
}

// parseTOML decodes TOML front matter into a value. The TOML decoder
// does not report where keys are, so each top-level key's line is found
// by looking for "key =" or "[key]" / "[[key]]" in the text.
func parseTOML(path string, b []byte, open int) (*value, *Error) {
	var m map[string]any
	if _, err := toml.Decode(string(b), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, Errorf(path, open+pe.Position.Line, "invalid TOML front matter: %s", pe.Message)
		}
		return nil, Errorf(path, open, "invalid TOML front matter: %v", err)
	}
	lines := strings.Split(string(b), "\n")
	keyLine := func(key string) int {
		q := regexp.QuoteMeta(key)
		re := regexp.MustCompile(`^\s*(` + q + `|"` + q + `"|'` + q + `')\s*=|^\s*\[\[?\s*` + q + `\s*\]`)
		for i, l := range lines {
			if re.MatchString(l) {
				return open + i + 1
			}
		}
		return open
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	klns := make(map[string]int, len(keys))
	for _, k := range keys {
		klns[k] = keyLine(k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if klns[keys[i]] != klns[keys[j]] {
			return klns[keys[i]] < klns[keys[j]]
		}
		return keys[i] < keys[j]
	})
	v := &value{kind: mapValue, line: open}
	for _, k := range keys {
		item, err := fromTOML(path, m[k], klns[k], 0)
		if err != nil {
			return nil, err
		}
		v.keys = append(v.keys, k)
		v.klns = append(v.klns, klns[k])
		v.items = append(v.items, item)
	}
	return v, nil
}

func fromTOML(path string, x any, line, depth int) (*value, *Error) {
	if depth > maxDepth {
		return nil, Errorf(path, line, "front matter is nested more than %d levels deep", maxDepth)
	}
	scalar := func(tag, text string) (*value, *Error) {
		return &value{kind: scalarValue, tag: tag, text: text, line: line}, nil
	}
	switch x := x.(type) {
	case string:
		return scalar("!!str", x)
	case int64:
		return scalar("!!int", strconv.FormatInt(x, 10))
	case float64:
		return scalar("!!float", strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		return scalar("!!bool", strconv.FormatBool(x))
	case time.Time:
		// The TOML decoder marks local dates with zones of these names.
		switch x.Location().String() {
		case "date-local":
			return scalar("!!timestamp", x.Format("2006-01-02"))
		case "datetime-local", "time-local":
			return nil, Errorf(path, line, "a date-time needs a UTC offset, like 2020-09-25T14:00:00+02:00")
		}
		return scalar("!!timestamp", x.Format(time.RFC3339))
	case []any:
		v := &value{kind: listValue, line: line}
		for _, e := range x {
			item, err := fromTOML(path, e, line, depth+1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, item)
		}
		return v, nil
	case []map[string]any:
		v := &value{kind: listValue, line: line}
		for _, e := range x {
			item, err := fromTOML(path, e, line, depth+1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, item)
		}
		return v, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		v := &value{kind: mapValue, line: line}
		for _, k := range keys {
			item, err := fromTOML(path, x[k], line, depth+1)
			if err != nil {
				return nil, err
			}
			v.keys = append(v.keys, k)
			v.klns = append(v.klns, line)
			v.items = append(v.items, item)
		}
		return v, nil
	}
	return nil, Errorf(path, line, "unsupported TOML value %s", fmt.Sprint(x))
}
