// Package vitrine holds the default theme, built into the vitrine
// command so that any site works without a theme of its own. The
// command itself is in cmd/vitrine; the code is under internal/.
package vitrine

import "embed"

// Theme is the default theme: the templates/ and static/ folders at the
// top of this repository, which is also vitrine's sample site. "all:"
// keeps the partials, whose names start with "_".
//
//go:embed all:templates all:static
var Theme embed.FS
