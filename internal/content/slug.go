package content

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldAccents hands out transformers that decompose letters and drop
// their combining marks: "Musée" becomes "Musee"; scripts without such
// marks are untouched. A chain keeps state between calls, so each
// goroutine takes its own from the pool.
var foldAccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ligatures are Latin letters that do not decompose into a base letter
// and a mark, spelled as readers of URLs expect.
var ligatures = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
}

// Slugify returns the URL segment for a name: lowercase, accents folded,
// every run of characters other than letters and digits turned into one
// hyphen, no hyphen at either end. Letters of any script are kept, so
// "Musée du Louvre" gives "musee-du-louvre" and "快手" stays "快手".
// A name with no letter or digit gives "".
func Slugify(name string) string {
	folded := name
	if !isASCII(name) {
		// Invalid bytes would make the transformer give up on the whole
		// name; they separate words like any other non-letter.
		folded = strings.ToValidUTF8(name, " ")
		t := foldAccents.Get().(transform.Transformer)
		if f, _, err := transform.String(t, folded); err == nil {
			folded = f
		}
		foldAccents.Put(t)
	}
	var b strings.Builder
	b.Grow(len(folded))
	hyphen := false
	for _, r := range folded {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mc, r) {
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		if s, ok := ligatures[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ValidSlug reports why s cannot be used as an explicit slug, or "" when
// it can: a slug is one path segment, so it may not be empty, contain a
// slash or backslash, be "." or "..", start with a dot, or hold spaces
// or control characters.
func ValidSlug(s string) string {
	switch {
	case s == "":
		return "is empty"
	case strings.ContainsAny(s, `/\`):
		return "contains a slash"
	case s == "." || s == ".." || strings.Contains(s, ".."):
		return `contains ".."`
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '?' || r == '#' || r == '%'
	}):
		return "contains a space, control character, '?', '#' or '%'"
	}
	return ""
}
