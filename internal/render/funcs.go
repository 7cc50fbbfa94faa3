package render

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/site"
)

// funcs returns the template functions of a site. They are documented
// in the package doc; the names there and here must agree.
func funcs(s *site.Site) template.FuncMap {
	lang := language.Make(s.Config.Language)
	printer := message.NewPrinter(lang)
	names := display.Tags(language.English)
	var langNames sync.Map // code → English name
	return template.FuncMap{
		"url":      s.URL,
		"absURL":   s.AbsURL,
		"date":     func(d content.Date) string { return d.Human() },
		"datetime": func(d content.Date) string { return d.Machine() },
		// Sprint formats a number as Sprintf's %d does (grouped digits
		// in the site's language) without looking the format up in the
		// printer's catalog of translations first, which is most of the cost.
		"number":  func(n any) string { return printer.Sprint(toInt(n)) },
		"compact": func(n any) string { return compact(printer, toInt(n)) },
		"plural": func(n any, one, many string) string {
			v := toInt(n)
			if v == 1 {
				return printer.Sprint(v) + " " + one
			}
			return printer.Sprint(v) + " " + many
		},
		"duration": formatDuration,
		"percent": func(n, of any) int {
			a, b := toInt(n), toInt(of)
			if b <= 0 || a <= 0 {
				return 0
			}
			return int(max(1, min(100, (a*100+b/2)/b)))
		},
		"langName": func(code string) string {
			// Parsing a tag and finding its name takes microseconds, and
			// a site names the same few languages on every event page.
			if n, ok := langNames.Load(code); ok {
				return n.(string)
			}
			n := code
			if t, err := language.Parse(code); err == nil && names.Name(t) != "" {
				n = names.Name(t)
			}
			langNames.Store(code, n)
			return n
		},
		"hue":  hue,
		"join": func(list []string, sep string) string { return strings.Join(list, sep) },
		"year": func() int { return latestYear(s) },
		"inc":  func(n int) int { return n + 1 },
		"dict": dict,
	}
}

// toInt accepts the integer types templates pass around, including the
// *int64 of optional figures (nil is 0).
func toInt(n any) int64 {
	switch n := n.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case *int64:
		if n == nil {
			return 0
		}
		return *n
	case int32:
		return int64(n)
	}
	panic(fmt.Sprintf("not a whole number: %T", n))
}

// compact writes large figures the way the press does: "3.8 million",
// "380,000".
func compact(p *message.Printer, n int64) string {
	switch {
	case n >= 1_000_000_000:
		return trimZero(p.Sprintf("%.1f", float64(n)/1e9)) + " billion"
	case n >= 1_000_000:
		return trimZero(p.Sprintf("%.1f", float64(n)/1e6)) + " million"
	}
	return p.Sprint(n)
}

func trimZero(s string) string {
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && strings.Trim(s[i+1:], "0") == "" {
		return s[:i]
	}
	return s
}

// formatDuration writes "2 h", "90 min" → "1 h 30 min".
func formatDuration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return strconv.Itoa(m) + " min"
	case m == 0:
		return strconv.Itoa(h) + " h"
	}
	return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
}

// hue gives each name a fixed colour hue (0–359), so that a platform
// keeps its quiet colour across every page.
func hue(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % 360)
}

func latestYear(s *site.Site) int {
	if len(s.Events) == 0 {
		return 0
	}
	return s.Events[len(s.Events)-1].Date.Year()
}

// dict builds a map from alternating keys and values, to pass several
// values to a partial: {{template "card" dict "Event" . "Scale" $max}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
