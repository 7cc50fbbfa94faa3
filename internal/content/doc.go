// Package content reads a vitrine site's content folder: events,
// platforms, institutions, plain pages and the site's settings. It
// parses front matter strictly and reports every problem it finds as an
// ErrorList of "path:line: message" errors, so that an editor's typo
// never silently drops data.
//
// # Files
//
//	content/site.yaml            site settings (Config)
//	content/events/*.md          one livestream event per file (Event)
//	content/platforms/*.md       optional: a platform's description (Platform)
//	content/institutions/*.md    optional: an institution's description (Institution)
//	content/pages/*.md           plain pages such as about (Page)
//
// Each Markdown file starts with front matter: YAML between "---"
// lines, or TOML between "+++" lines. A UTF-8 byte-order mark and CRLF
// line endings are accepted; files that are empty, binary, not UTF-8,
// or over max_file_bytes are errors. YAML anchors and aliases are
// refused (they have no use in front matter and enable the "billion
// laughs" attack). Files and folders whose names start with "." are
// ignored, as are files not ending in ".md".
//
// # Event keys
//
// Required:
//
//	title         text
//	date          the broadcast's start at the precision the sources give:
//	              YYYY, YYYY-MM, YYYY-MM-DD, YYYY-spring|summer|autumn|winter,
//	              or an RFC 3339 date-time with offset (see Date)
//	institution   a name, or a list of names
//	platform      a name, or a list of names
//
// Optional:
//
//	city, country         text
//	duration              a length: "2h", "90m", "1h30m"
//	viewers, interactions whole numbers ≥ 0, as the source reported them
//	hosts, highlights     lists of text (guides, curators; works and rooms shown)
//	tags                  a list of names
//	language              BCP 47 codes of the broadcast's languages
//	summary               text; the body's first paragraph is used when absent
//	image                 a path in static/ ("/images/a.jpg") or an http(s) URL
//	image_alt             required with image: what the image shows
//	image_credit          text
//	sources               a list of maps: title (required), url (http/https
//	                      only), publisher, date (as above), lang
//	slug                  the URL segment, instead of the file name
//	aliases               old URLs ("/events/old-name/") that redirect here
//	draft                 true keeps the event out unless drafts are asked for
//	lang                  the write-up's language; the site's by default
//	params                a free map for anything else, passed to templates
//
// Any other key is an error naming the closest known key. A key with no
// value ("city:") is the same as no key.
//
// # Platform, institution and page keys
//
//	platform:     title (required), owner, launched (a date), url, country, summary, params
//	institution:  title (required), city, country, url, summary, params
//	page:         title (required), summary, slug, draft, lang
//
// A platform or institution file must be named after the slug of its
// title (content/platforms/taobao-live.md for "Taobao Live"), so that
// events naming it find it.
//
// # Site settings (content/site.yaml)
//
//	title, description   text
//	base_url             the http(s) URL the site is served at; "/" by default
//	language             BCP 47 code of the site's text; "en" by default
//	page_size            events per list page, 1–1000; 20 by default
//	minify               false turns minification off; on by default
//	unsafe_html          true lets raw HTML in Markdown through (trusted editors only)
//	max_file_bytes       the largest content file accepted; 4 MiB by default
//	params               a free map, passed to templates
//
// # Names and slugs
//
// Slugify turns names into URL segments: lowercase, accents folded,
// letters of every script kept ("Musée du Louvre" → "musee-du-louvre",
// "快手" → "快手").
package content
