package content

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unique"

	"golang.org/x/text/language"
)

// decoder turns front-matter values into typed fields, collecting every
// problem with its line rather than stopping at the first.
type decoder struct {
	path string
	errs ErrorList
	keep *keeper // the loading goroutine's, for decodeEvent; nil for site.yaml
}

func (d *decoder) errorf(line int, format string, args ...any) {
	d.errs = append(d.errs, Errorf(d.path, line, format, args...))
}

// field decodes one key's value into the document being built.
type field[T any] func(d *decoder, key string, v *value, doc *T)

// schema lists the keys a kind of file accepts.
type schema[T any] struct {
	kind     string // "event", "platform", ... for messages
	fields   map[string]field[T]
	required []string // at most 64
}

// decode applies s to the front matter m, reporting unknown keys with
// the closest known one, and missing required keys.
func (s *schema[T]) decode(d *decoder, m *value, doc *T) {
	var seen uint64           // bit i: required[i] was given, with text
	empty := map[string]int{} // required keys given with no text, by line
	for i, k := range m.keys {
		f, ok := s.fields[k]
		if !ok {
			d.errorf(m.klns[i], "unknown key %q%s", k, s.suggest(k))
			continue
		}
		v := m.items[i]
		if v.kind == nullValue {
			continue // "key:" with nothing after it is the same as leaving the key out
		}
		r := slices.Index(s.required, k)
		if r >= 0 && isEmpty(v) {
			empty[k] = m.klns[i]
			continue
		}
		f(d, k, v, doc)
		if r >= 0 {
			seen |= 1 << r
		}
	}
	for r, k := range s.required {
		switch line, blank := empty[k]; {
		case blank:
			d.errorf(line, "%s is empty: every %s needs one", k, s.kind)
		case seen&(1<<r) == 0:
			d.errorf(m.line, "missing required key %q: every %s needs one", k, s.kind)
		}
	}
}

// isEmpty reports whether v holds no text at all: "", [], [""] or {}.
func isEmpty(v *value) bool {
	switch v.kind {
	case nullValue:
		return true
	case scalarValue:
		return strings.TrimSpace(v.text) == ""
	}
	for _, it := range v.items {
		if !isEmpty(it) {
			return false
		}
	}
	return true
}

func (s *schema[T]) keys() []string {
	keys := make([]string, 0, len(s.fields))
	for k := range s.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// suggest returns `; did you mean "k"?` for the known key closest to an
// unknown one, when one is close enough to be a likely typo.
func (s *schema[T]) suggest(unknown string) string {
	best, bestDist := "", math.MaxInt
	for _, k := range s.keys() {
		if dist := editDistance(strings.ToLower(unknown), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if bestDist <= max(2, len(unknown)/3) {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return fmt.Sprintf("; known keys are %s", strings.Join(s.keys(), ", "))
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions, the commonest typo) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// The typed decoders below are used by the schemas in schema.go.

func (d *decoder) str(key string, v *value) (string, bool) {
	if v.kind != scalarValue {
		d.errorf(v.line, "%s: want text, got %s", key, v.describe())
		return "", false
	}
	return strings.TrimSpace(v.text), true
}

// strs accepts one scalar or a list of scalars, and drops empty items.
func (d *decoder) strs(key string, v *value) []string {
	if v.kind == scalarValue {
		s, _ := d.str(key, v)
		if s == "" {
			return nil
		}
		return []string{s}
	}
	if v.kind != listValue {
		d.errorf(v.line, "%s: want text or a list of texts, got %s", key, v.describe())
		return nil
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		if it.kind == nullValue {
			continue
		}
		if it.kind != scalarValue {
			d.errorf(it.line, "%s: each item must be text, got %s", key, it.describe())
			continue
		}
		if s := strings.TrimSpace(it.text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) count(key string, v *value) *int64 {
	bad := func() *int64 {
		d.errorf(v.line, "%s: want a whole number of 0 or more, written with digits only (like 380000), got %s", key, v.describe())
		return nil
	}
	if v.kind != scalarValue || (v.tag != "!!int" && v.tag != "!!str") {
		return bad()
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v.text), 10, 64)
	if err != nil {
		return bad()
	}
	if n < 0 {
		d.errorf(v.line, "%s: must be 0 or more, got %d", key, n)
		return nil
	}
	return &n
}

func (d *decoder) boolean(key string, v *value) bool {
	if v.kind != scalarValue || v.tag != "!!bool" {
		d.errorf(v.line, "%s: want true or false, got %s", key, v.describe())
		return false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v.text))
	return b
}

func (d *decoder) date(key string, v *value) Date {
	s, ok := d.str(key, v)
	if !ok {
		return Date{}
	}
	t, err := ParseDate(s)
	if err != nil {
		d.errorf(v.line, "%s: %v", key, err)
	}
	return t
}

func (d *decoder) duration(key string, v *value) time.Duration {
	s, ok := d.str(key, v)
	if !ok {
		return 0
	}
	t, err := time.ParseDuration(strings.ReplaceAll(s, " ", ""))
	if err != nil || t <= 0 || t%time.Minute != 0 {
		d.errorf(v.line, "%s: want a length like 2h, 90m or 1h30m, got %q", key, s)
		return 0
	}
	return t
}

// link accepts an absolute http(s) URL only.
func (d *decoder) link(key string, v *value) string {
	s, ok := d.str(key, v)
	if !ok || s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errorf(v.line, "%s: want an http:// or https:// address, got %q", key, s)
		return ""
	}
	return s
}

func (d *decoder) langTag(key string, line int, s string) string {
	if t, ok := langTags.Load(s); ok {
		return t.(string)
	}
	t, err := language.Parse(s)
	if err != nil {
		d.errorf(line, "%s: %q is not a BCP 47 language code (like en, fr or zh-Hans)", key, s)
		return ""
	}
	canon := intern(t.String())
	langTags.Store(intern(s), canon)
	return canon
}

// langTags holds the canonical form of each language code parsed so
// far: an archive names a few, thousands of times, and parsing one
// costs several allocations.
var langTags sync.Map // as written → canonical

// name decodes text that many files repeat (a city, a publisher, a
// host), keeping one copy of each distinct value: an archive of 100,000
// events holds megabytes of the same few hundred names otherwise.
func (d *decoder) name(key string, v *value) string {
	s, _ := d.str(key, v)
	return intern(s)
}

// namesList decodes a list of texts that many files repeat, like name.
func (d *decoder) namesList(key string, v *value) []string {
	list := d.strs(key, v)
	for i, s := range list {
		list[i] = intern(s)
	}
	return list
}

func intern(s string) string { return unique.Make(s).Value() }

func (d *decoder) slug(key string, v *value) string {
	s, ok := d.str(key, v)
	if !ok {
		return ""
	}
	if why := ValidSlug(s); why != "" {
		d.errorf(v.line, "%s: %q %s; a slug is one URL segment like louvre-fliggy-2020", key, s, why)
		return ""
	}
	return s
}

// params converts a free map into plain Go values for templates. Its
// keys and texts are kept once, as with name: files repeat them, and a
// map of them is the one part of an event that is not copied into the
// loader's blocks (keeper), so the fewer objects it holds the better.
func (d *decoder) params(key string, v *value) map[string]any {
	if v.kind != mapValue {
		d.errorf(v.line, "%s: want a map of names to values, got %s", key, v.describe())
		return nil
	}
	return plain(v).(map[string]any)
}

func plain(v *value) any {
	switch v.kind {
	case mapValue:
		m := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			m[intern(k)] = plain(v.items[i])
		}
		return m
	case listValue:
		l := make([]any, len(v.items))
		for i, it := range v.items {
			l[i] = plain(it)
		}
		return l
	case nullValue:
		return nil
	}
	switch v.tag {
	case "!!int":
		if n, err := strconv.ParseInt(v.text, 0, 64); err == nil {
			return n
		}
	case "!!float":
		if f, err := strconv.ParseFloat(v.text, 64); err == nil {
			return f
		}
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(v.text)); err == nil {
			return b
		}
	}
	return intern(v.text)
}
