package build

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestSourceFS checks that sourceFS reads what root.FS() reads, and
// fails where it fails with the same error: through links inside the
// folder and out of it, for missing files and folders read as files.
func TestSourceFS(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write(t, dir, "top.txt", "top")
	write(t, dir, "content/events/x.md", "x")
	write(t, dir, "content/events/2021/y.md", "y")
	write(t, dir, "static/ok.txt", "ok")
	write(t, outside, "secret.txt", "secret")
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()

	src, release := sourceFS(root)
	if err := fstest.TestFS(src, "top.txt", "content/events/x.md", "content/events/2021/y.md", "static/ok.txt"); err != nil {
		t.Fatal(err)
	}
	release()

	links := map[string]string{
		"static/in.txt":     "ok.txt",
		"static/out.txt":    filepath.Join(outside, "secret.txt"),
		"events":            "content/events",
		"out":               outside,
		"static/dangling":   "nothing",
		"content/up.md":     "../top.txt",
		"content/events/up": "../../static",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	names := []string{
		"top.txt", "content/events/x.md", "content/events/2021/y.md",
		"static/in.txt", "static/out.txt", "events/x.md", "events/2021/y.md",
		"out/secret.txt", "static/dangling", "content/up.md", "content/events/up/ok.txt",
		"missing.txt", "content/missing.md", "missing/x.md", "top.txt/x.md",
		"content/events", "content/events/2021", "../top.txt", "/top.txt", "content//x.md", ".",
	}
	src, release = sourceFS(root)
	defer release()
	for _, name := range names {
		got, want := readBoth(src, name), readBoth(root.FS(), name)
		if got != want {
			t.Errorf("%s:\n got: %s\nwant: %s", name, got, want)
		}
	}
	// Once released, files are still read, through root.
	release()
	if got, want := readBoth(src, "content/events/x.md"), readBoth(root.FS(), "content/events/x.md"); got != want {
		t.Errorf("after release:\n got: %s\nwant: %s", got, want)
	}
}

// readBoth reads name from fsys with fs.ReadFile and with Open, Stat and
// Read, and describes what each gave.
func readBoth(fsys fs.FS, name string) string {
	data, err := fs.ReadFile(fsys, name)
	whole := fmt.Sprintf("ReadFile: %q, %v", data, err)
	f, err := fsys.Open(name)
	if err != nil {
		return whole + fmt.Sprintf("; Open: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return whole + fmt.Sprintf("; Stat: %v", err)
	}
	data, err = io.ReadAll(f)
	return whole + fmt.Sprintf("; Open: %s %d %v %v, read %q, %v", info.Name(), info.Size(), info.Mode(), info.IsDir(), data, err)
}
