//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuPath is the Nu Html Checker, installed by "npm ci" in e2e/ from the
// vnu-jar package; it runs on the machine's Java.
const vnuPath = "node_modules/vnu-jar/build/dist/vnu.jar"

// TestHTMLValidates runs the Nu Html Checker, the W3C's validator, over
// every HTML file of the built sample archive: no errors. Each error is
// reported as file:line:column: message, with the checker's extract of
// the (minified) output; warnings are logged.
func TestHTMLValidates(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java is not installed, and the Nu Html Checker needs it: install it with `apt-get install default-jre-headless` (Debian)")
	}
	jar, err := filepath.Abs(vnuPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); errors.Is(err, os.ErrNotExist) {
		missing(t, "the Nu Html Checker is not installed: run `npm ci` in e2e/ (it installs the vnu-jar version pinned in e2e/package-lock.json)")
	}

	var pages int
	filepath.WalkDir(sample.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages++
		}
		return err
	})
	if pages == 0 {
		t.Fatalf("the build wrote no HTML files into %s", sample.dir)
	}

	cmd := exec.Command(java, "-jar", jar, "--format", "json", "--stdout", "--skip-non-html", "--exit-zero-always", sample.dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.Bytes())
	}
	var report struct {
		Messages []struct {
			Type        string `json:"type"`    // "error", "info", "non-document-error"
			SubType     string `json:"subType"` // "warning", "fatal", …
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
			Extract     string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, out)
	}
	t.Logf("the Nu Html Checker read %d pages", pages)
	for _, m := range report.Messages {
		where := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if rel, err := filepath.Rel(sample.dir, u.Path); err == nil {
				where = rel
			}
		}
		line := fmt.Sprintf("%s:%d:%d: %s", where, m.LastLine, m.FirstColumn, m.Message)
		if m.Extract != "" {
			line += "\n\t" + strings.ReplaceAll(m.Extract, "\n", "↵")
		}
		switch m.Type {
		case "error", "non-document-error":
			t.Error(line)
		default:
			t.Log(m.Type, m.SubType, line)
		}
	}
}
