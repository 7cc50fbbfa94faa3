package build

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Output receives the files of a build. Paths are slash-separated and
// relative to the site's root.
type Output interface {
	WriteFile(name string, data []byte) error
}

// dirOutput writes into a staging folder beside the destination and
// publishes it by swapping it into place, so that a failed or
// interrupted build leaves the published folder exactly as it was.
type dirOutput struct {
	dest    string // the published folder
	staging string // where this build writes
	mu      sync.Mutex
	dirs    map[string]bool // folders already made
	written *digest         // the identity of each file written, when asked for (record)
}

// newDirOutput prepares a staging folder for dest.
func newDirOutput(dest string) (*dirOutput, error) {
	if err := checkReplaceable(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	staging := filepath.Join(parent, "."+filepath.Base(dest)+".building-"+hex.EncodeToString(b[:]))
	if err := os.Mkdir(staging, 0o755); err != nil {
		return nil, err
	}
	return &dirOutput{dest: dest, staging: staging, dirs: map[string]bool{"": true}}, nil
}

// checkReplaceable refuses to replace a folder that does not look like
// a built site: a mistyped -dest must never delete someone's files.
func checkReplaceable(dest string) error {
	info, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		return fmt.Errorf("%s is not empty and has no index.html, so it does not look like a built site: refusing to replace it (remove it or choose another -dest)", dest)
	}
	return nil
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	if !validOutputPath(name) {
		return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
	}
	full := filepath.Join(o.staging, filepath.FromSlash(name))
	dir := filepath.Dir(name)
	if dir == "." {
		dir = ""
	}
	o.mu.Lock()
	made := o.dirs[dir]
	o.mu.Unlock()
	if !made {
		// Most folders are made in one already made (events/x/ in
		// events/): one mkdir, where MkdirAll would first stat the folder
		// and its parent.
		err := os.Mkdir(filepath.Dir(full), 0o755)
		if errors.Is(err, fs.ErrNotExist) {
			err = os.MkdirAll(filepath.Dir(full), 0o755)
		} else if errors.Is(err, fs.ErrExist) {
			err = nil // made by another worker meanwhile
		}
		if err != nil {
			return err
		}
		o.mu.Lock()
		o.dirs[dir] = true
		o.mu.Unlock()
	}
	if o.written == nil {
		return writeFile(full, data)
	}
	s, err := writeStamped(full, data)
	if err != nil {
		return err
	}
	o.mu.Lock()
	o.written.addStamp(name, s)
	o.mu.Unlock()
	return nil
}

// record makes o note the identity of every file it writes, for a
// build record: it costs one fstat a file, where walking the published
// folder afterwards would cost a directory read and a stat.
func (o *dirOutput) record() { o.written = &digest{} }

// writeStamped writes data to the file name, like os.WriteFile, and
// returns the written file's identity.
func writeStamped(name string, data []byte) (stamp, error) {
	f, err := createFile(name, 0o644)
	if err != nil {
		return stamp{}, err
	}
	_, err = f.Write(data)
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if err := closeFile(f, err); err != nil {
		return stamp{}, err
	}
	s, ok := fileStamp(info)
	if !ok {
		return stamp{}, errUncacheable
	}
	return s, nil
}

// writeFile writes data to the file name, as os.WriteFile does.
func writeFile(name string, data []byte) error {
	f, err := createFile(name, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return closeFile(f, err)
}

// closeFile closes f and returns err, or when err is nil, what closing
// it returned.
func closeFile(f *os.File, err error) error {
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// validOutputPath reports whether name stays inside the output folder.
func validOutputPath(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return false
		}
	}
	return true
}

// publish swaps the staging folder into place. On Linux the swap is one
// atomic renameat2(RENAME_EXCHANGE); elsewhere the old folder is moved
// aside first, leaving a moment with no folder but never a mixed one.
func (o *dirOutput) publish() error {
	if _, err := os.Stat(o.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(o.staging, o.dest)
	}
	if exchange(o.staging, o.dest) == nil {
		return os.RemoveAll(o.staging) // it now holds the previous site
	}
	old := o.staging + ".old"
	if err := os.Rename(o.dest, old); err != nil {
		return err
	}
	if err := os.Rename(o.staging, o.dest); err != nil {
		_ = os.Rename(old, o.dest)
		return err
	}
	return os.RemoveAll(old)
}

// discard removes the staging folder after a failed build.
func (o *dirOutput) discard() { _ = os.RemoveAll(o.staging) }
