package content

import (
	"bytes"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// loadOne loads a site whose only event is the given file.
func loadOne(t *testing.T, name string, data []byte) (*Archive, error) {
	t.Helper()
	fsys := fstest.MapFS{path.Join(EventsDir, name): {Data: data}}
	return Load(fsys, Options{})
}

// TestBadInput loads each file in testdata/bad as an event and checks
// the exact errors: every one names the file, and the line where the
// problem is.
func TestBadInput(t *testing.T) {
	const fmtDate = `want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-<season> or an RFC 3339 date-time with offset`
	tests := map[string][]string{
		"alias-bomb.md":            {"7: YAML anchors and aliases (& and *) are not allowed in front matter: write the value out"},
		"bad-language.md":          {`6: language: "not a language" is not a BCP 47 language code (like en, fr or zh-Hans)`},
		"binary.md":                {"3: binary file: content files are UTF-8 Markdown text"},
		"date-slashes.md":          {`3: date: invalid date "25/09/2020": ` + fmtDate},
		"draft-string.md":          {`6: draft: want true or false, got "maybe"`},
		"duplicate-key.md":         {`6: key "title" is given twice (first on line 2)`},
		"duplicate-key-big-map.md": {`47: key "k07" is given twice (first on line 13)`},
		"duration.md":              {`6: duration: want a length like 2h, 90m or 1h30m, got "two hours"`},
		"empty.md":                 {" file is empty: it needs front matter between --- lines, with at least a title"},
		"image-no-alt.md":          {`2: image "/images/louvre.jpg" has no image_alt: describe the image for readers who cannot see it`},
		"latin1.md":                {"4: file is not valid UTF-8 (byte 61): save it as UTF-8"},
		"malformed-toml.md":        {`4: invalid TOML front matter: expected value but found "Louvre" instead`},
		"malformed-yaml.md":        {"3: invalid YAML front matter: did not find expected ',' or ']'"},
		"missing-keys.md":          {`2: missing required key "date": every event needs one`, `2: missing required key "institution": every event needs one`, `2: missing required key "platform": every event needs one`},
		"never-closed.md":          {"1: front matter opened here with --- is never closed: add a --- line after the last key"},
		"no-front-matter.md":       {"1: no front matter: the file must start with a --- line (YAML) or a +++ line (TOML)"},
		"platform-map.md":          {"5: platform: want text or a list of texts, got a map"},
		"slug-dot.md":              {`6: slug: ".louvre" starts with a dot; a slug is one URL segment like louvre-fliggy-2020`},
		"slug-dotdot.md":           {`6: slug: ".." contains ".."; a slug is one URL segment like louvre-fliggy-2020`},
		"slug-slash.md":            {`6: slug: "events/louvre" contains a slash; a slug is one URL segment like louvre-fliggy-2020`},
		"source-javascript.md":     {`8: sources: url: want an http:// or https:// address, got "javascript:alert(1)"`},
		"toml-local-datetime.md":   {"3: a date-time needs a UTC offset, like 2020-09-25T14:00:00+02:00"},
		"unknown-key.md":           {`2: missing required key "platform": every event needs one`, `5: unknown key "platfrom"; did you mean "platform"?`},
		"viewers-lots.md":          {`6: viewers: want a whole number of 0 or more, written with digits only (like 380000), got "lots"`},
		"viewers-negative.md":      {"6: viewers: must be 0 or more, got -5"},
	}
	files, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tests) {
		t.Errorf("testdata/bad has %d files, the table %d: keep them in step", len(files), len(tests))
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/bad/" + name)
			if err != nil {
				t.Fatal(err)
			}
			a, err := loadOne(t, name, data)
			list := AsList(err)
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			prefix := path.Join(EventsDir, name) + ":"
			var wantFull []string
			for _, w := range want {
				wantFull = append(wantFull, prefix+w)
			}
			if strings.Join(got, "\n") != strings.Join(wantFull, "\n") {
				t.Errorf("errors:\n got: %q\nwant: %q", got, wantFull)
			}
			if len(a.Events) != 0 {
				t.Errorf("a file with errors still gave %d events", len(a.Events))
			}
		})
	}
}

// TestSizeLimit checks that a huge file is refused before it is read,
// with the limit named.
func TestSizeLimit(t *testing.T) {
	big := append([]byte("---\ntitle: x\ndate: 2020\ninstitution: a\nplatform: b\n---\n"), bytes.Repeat([]byte("lorem ipsum "), 50<<20/12)...)
	_, err := loadOne(t, "big.md", big)
	want := "content/events/big.md: file is 52428847 bytes, over the limit of 4194304 (max_file_bytes in content/site.yaml)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	fsys := fstest.MapFS{
		"content/events/big.md": {Data: big},
		ConfigFile:              {Data: []byte("max_file_bytes: 60000000\n")},
	}
	a, err := Load(fsys, Options{})
	if err != nil || len(a.Events) != 1 {
		t.Fatalf("with a raised limit: %v, %d events", err, len(a.Events))
	}
}

// TestGoodInput checks files that look unusual but are correct.
func TestGoodInput(t *testing.T) {
	tests := map[string]func(t *testing.T, e *Event){
		"bom.md": func(t *testing.T, e *Event) {
			if e.Title != "Louvre on Fliggy" || e.BodyLine != 7 {
				t.Errorf("title %q, body line %d", e.Title, e.BodyLine)
			}
		},
		"crlf.md": func(t *testing.T, e *Event) {
			if e.Viewers == nil || *e.Viewers != 380000 || e.Platforms[0] != "Fliggy" {
				t.Errorf("viewers %v, platforms %q", e.Viewers, e.Platforms)
			}
		},
		"toml.md": func(t *testing.T, e *Event) {
			if e.Date.String() != "2020-09-25" || len(e.Sources) != 1 || e.Sources[0].URL != "https://example.org/a" || *e.Viewers != 380000 {
				t.Errorf("date %s, sources %+v", e.Date, e.Sources)
			}
		},
		"quotes-cjk.md": func(t *testing.T, e *Event) {
			if e.Title != `"Quotes" & <angles> — 故宫 on 快手` || e.Institutions[0] != "Musée d'Orsay & <Friends>" || e.Tags[1] != "书法" || e.Date.Precision() != Month {
				t.Errorf("got %q %q %q", e.Title, e.Institutions, e.Tags)
			}
		},
		"blank-lines-before.md": func(t *testing.T, e *Event) {
			if e.BodyLine != 9 {
				t.Errorf("body line %d, want 9", e.BodyLine)
			}
		},
	}
	for name, check := range tests {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/good/" + name)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{path.Join(EventsDir, name): {Data: data}}
			a, err := Load(fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			e := a.Events[0]
			check(t, e)
			body, err := e.Body(fsys)
			if err != nil || !bytes.Contains(body, []byte("ody")) || bytes.Contains(body, []byte("---")) || bytes.Contains(body, []byte("+++")) {
				t.Errorf("body %q, %v", body, err)
			}
		})
	}
}

func TestFrontMatterTypes(t *testing.T) {
	head := "---\ntitle: T\ndate: 2020\ninstitution: I\nplatform: P\n"
	tests := []struct {
		name, extra string
		check       func(e *Event) bool
		wantErr     string
	}{
		{"list of institutions", "", func(e *Event) bool { return len(e.Institutions) == 1 }, ""},
		{"viewers as quoted digits", "viewers: \"1200\"\n", func(e *Event) bool { return *e.Viewers == 1200 }, ""},
		{"viewers with commas", "viewers: 380,000\n", nil, `6: viewers: want a whole number of 0 or more, written with digits only (like 380000), got "380,000"`},
		{"viewers float", "viewers: 3.8\n", nil, `6: viewers: want a whole number of 0 or more, written with digits only (like 380000), got the number 3.8`},
		{"zero viewers kept", "viewers: 0\n", func(e *Event) bool { return e.Viewers != nil && *e.Viewers == 0 }, ""},
		{"empty key is absent", "city:\n", func(e *Event) bool { return e.City == "" }, ""},
		{"tags as one string", "tags: music\n", func(e *Event) bool { return len(e.Tags) == 1 && e.Tags[0] == "music" }, ""},
		{"tags list of maps", "tags: [{a: b}]\n", nil, "6: tags: each item must be text, got a map"},
		{"hosts", "hosts: [A, B]\n", func(e *Event) bool { return len(e.Hosts) == 2 }, ""},
		{"duration", "duration: 1h30m\n", func(e *Event) bool { return e.Duration.Minutes() == 90 }, ""},
		{"params", "params:\n  x: 1\n  y: [a]\n", func(e *Event) bool { return e.Params["x"] == int64(1) }, ""},
		{"aliases", "aliases: [/events/old/, old-two]\n", func(e *Event) bool { return e.Aliases[0] == "events/old/" && e.Aliases[1] == "old-two/" }, ""},
		{"alias escaping", "aliases: [/../x/]\n", nil, `6: aliases: "/../x/" has an empty, "." or ".." segment`},
		{"language", "language: [zh, EN]\n", func(e *Event) bool { return e.Language[0] == "zh" && e.Language[1] == "en" }, ""},
		{"typo suggestion", "viewer: 3\n", nil, `6: unknown key "viewer"; did you mean "viewers"?`},
		{"far unknown key", "zzzzzzzzzz: 3\n", nil, `6: unknown key "zzzzzzzzzz"; known keys are aliases, city, country, date, draft, duration, highlights, hosts, image, image_alt, image_credit, institution, interactions, lang, language, params, platform, slug, sources, summary, tags, title, viewers`},
		{"source without title", "sources:\n  - url: https://example.org/\n", nil, `7: missing required key "title": every source needs one`},
		{"source not a list", "sources: https://example.org/\n", nil, "6: sources: want a list of sources, each with a title (and url, publisher, date, lang)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := loadOne(t, "e.md", []byte(head+tt.extra+"---\nBody\n"))
			if tt.wantErr != "" {
				want := "content/events/e.md:" + tt.wantErr
				if err == nil || err.Error() != want {
					t.Fatalf("got  %v\nwant %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(a.Events[0]) {
				t.Errorf("unexpected event %+v", a.Events[0])
			}
		})
	}
}

func TestDrafts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/events/a.md":      {Data: []byte("---\ntitle: A\ndate: 2020\ninstitution: I\nplatform: P\ndraft: true\n---\n")},
		"content/events/b.md":      {Data: []byte("---\ntitle: B\ndate: 2020\ninstitution: I\nplatform: P\n---\n")},
		"content/events/.swp.md":   {Data: []byte("junk")},
		"content/events/notes.txt": {Data: []byte("junk")},
	}
	a, err := Load(fsys, Options{})
	if err != nil || len(a.Events) != 1 || a.Events[0].Title != "B" {
		t.Fatalf("without drafts: %v, %d events", err, len(a.Events))
	}
	a, err = Load(fsys, Options{Drafts: true})
	if err != nil || len(a.Events) != 2 {
		t.Fatalf("with drafts: %v, %d events", err, len(a.Events))
	}
}

func TestConfig(t *testing.T) {
	fsys := fstest.MapFS{ConfigFile: {Data: []byte("title: T\nbase_url: https://example.org/archive\npage_size: 5\nminify: false\nlanguage: fr\n")}}
	c, errs := LoadConfig(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if c.Title != "T" || c.BaseURL != "https://example.org/archive/" || c.PageSize != 5 || c.Minify || c.Language != "fr" {
		t.Errorf("config %+v", c)
	}
	fsys = fstest.MapFS{ConfigFile: {Data: []byte("titel: T\npage_size: 0\nbase_url: ftp://x\n")}}
	_, errs = LoadConfig(fsys)
	want := "content/site.yaml:1: unknown key \"titel\"; did you mean \"title\"?\ncontent/site.yaml:2: page_size: want a number from 1 to 1000, got 0\ncontent/site.yaml:3: base_url: want an http:// or https:// address, got \"ftp://x\""
	if errs.Err() == nil || errs.Err().Error() != want {
		t.Errorf("got\n%v\nwant\n%s", errs.Err(), want)
	}
}

// TestAliasBombBounded checks that a "billion laughs" document, whose
// aliases would expand to 9^12 strings, is refused without expanding it:
// memory allocated stays small.
func TestAliasBombBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: T\ndate: 2020\ninstitution: I\nplatform: P\nparams:\n  l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= 12; i++ {
		prev := "*l" + strconv.Itoa(i-1)
		b.WriteString("  l" + strconv.Itoa(i) + ": &l" + strconv.Itoa(i) + " [" + strings.Repeat(prev+",", 8) + prev + "]\n")
	}
	b.WriteString("---\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := loadOne(t, "bomb.md", []byte(b.String()))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "anchors and aliases") {
		t.Fatalf("error %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", alloc)
	}
}

// TestYAMLLineBreaks checks that YAML's extra line breaks (U+2028,
// U+2029) do not shift the lines errors point at.
func TestYAMLLineBreaks(t *testing.T) {
	tests := []struct{ data, want string }{
		{"---\ntitle: \"a\u2028b\u2029c\"\ndate: 2020\ninstitution: I\nplatform: P\nplatfrom: Q\n---\n",
			`content/events/e.md:6: unknown key "platfrom"; did you mean "platform"?`},
		// YAML ends the comment at U+2029, so the rest is a bad line: the
		// error is on the file's line 3, not the 4th line YAML counts.
		{"---\ntitle: T\ndate: 2020 # a note\u2029on two lines for YAML\ninstitution: I\nplatform: P\n---\n",
			`content/events/e.md:3: invalid YAML front matter: could not find expected ':'`},
	}
	for _, tt := range tests {
		_, err := loadOne(t, "e.md", []byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("got %v\nwant %s", err, tt.want)
		}
	}
}

// TestEmptyRequiredKey checks that "platform:" with no value counts as
// missing, as an empty key is the same as no key.
func TestEmptyRequiredKey(t *testing.T) {
	tests := map[string]string{
		"---\ntitle: T\ndate: 2020\ninstitution: I\nplatform:\n---\n":                   `content/events/e.md:2: missing required key "platform": every event needs one`,
		"---\ntitle: T\ndate: 2020\ninstitution: I\nplatform: \"\"\n---\n":              `content/events/e.md:5: platform is empty: every event needs one`,
		"---\ntitle: T\ndate: 2020\ninstitution: []\nplatform: P\n---\n":                `content/events/e.md:4: institution is empty: every event needs one`,
		"+++\ntitle = \" \"\ndate = 2020\ninstitution = \"I\"\nplatform = \"P\"\n+++\n": `content/events/e.md:2: title is empty: every event needs one`,
	}
	for data, want := range tests {
		_, err := loadOne(t, "e.md", []byte(data))
		if err == nil || err.Error() != want {
			t.Errorf("%q:\n got %v\nwant %s", data, err, want)
		}
	}
}

// TestBodyOffset checks where the body is found around the front matter
// parser's read-ahead (4 KiB): front matter and bodies shorter and
// longer than it, with and without a byte order mark.
func TestBodyOffset(t *testing.T) {
	for _, bom := range []string{"", "\uFEFF"} {
		for _, fmLen := range []int{0, 4000, 5000, 9000} {
			for _, bodyLen := range []int{0, 10, 4090, 10000} {
				fm := "---\ntitle: T\ndate: 2020-09-25\ninstitution: I\nplatform: P\n"
				lines := 7 // the body's line
				for len(fm) < fmLen {
					fm += "# " + strings.Repeat("x", 60) + "\n"
					lines++
				}
				fm += "---\n"
				body := "Body " + strings.Repeat("y", bodyLen)
				fsys := fstest.MapFS{EventsDir + "/e.md": {Data: []byte(bom + fm + body)}}
				a, err := Load(fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				e := a.Events[0]
				got, err := e.Body(fsys)
				if err != nil || string(got) != body || e.BodyLine != lines {
					t.Errorf("bom %t, front matter %d bytes, body %d: body line %d (want %d), body of %d bytes starting %.10q",
						bom != "", len(fm), len(body), e.BodyLine, lines, len(got), got)
				}
			}
		}
	}
}
