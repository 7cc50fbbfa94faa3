package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"time"

	"github.com/vitrine-archive/vitrine/internal/content"
	"github.com/vitrine-archive/vitrine/internal/render"
)

// The build record lets "vitrine build" skip a build that would
// publish exactly what is already published.
//
// After publishing, Build writes a record in Options.CacheDir: a digest
// of everything the build read (the program itself, the options, the
// theme, and the identity of every file under the source's content/,
// templates/ and static/ folders) and a digest of the identity of every
// file it published. The next Build with the same record skips its work
// only when both digests are unchanged, so editing, adding, removing or
// renaming any source file, upgrading vitrine, or touching anything in
// the published folder makes it build again.
//
// A file's identity is its path, size, modification time, inode and
// status-change time (ctime). Any write to a file changes its ctime, and
// no tool can set a ctime back, so a file cannot change without its
// identity changing, except within one tick of the file system's clock.
// That race is closed the way Git closes it: a build that sees a source
// file changed less than racyWindow before it started writes no record,
// so the next build runs in full. Identities need inodes and ctimes, so
// the record is only kept where they are known (Linux).

// recordVersion changes whenever what a record covers changes.
const recordVersion = "vitrine build record 2"

// racyWindow is how recently a source file may have changed for its
// identity to be trusted by the next build: wider than the coarsest file
// system clock (FAT's 2 s).
var racyWindow = 3 * time.Second

// A record describes the last successful build into a folder.
type record struct {
	Version string
	Inputs  string  // digest of the program, options, theme and source files
	Output  string  // digest of the published files' identities
	Report  *Report // what that build wrote
}

// recordFile returns where the record of builds into dest is kept.
func recordFile(cacheDir, dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "builds", hex.EncodeToString(sum[:12])+".json"), nil
}

// errUncacheable says that a build's inputs cannot be identified
// reliably, so no record is kept.
var errUncacheable = errors.New("inputs cannot be identified")

// inputDigest digests what a build with opts reads, as of now. It
// returns errUncacheable when that cannot be trusted: a source file
// changed within racyWindow of start, a folder reached through a
// symbolic link (its files would not be seen), or no file identities.
func inputDigest(opts Options, start time.Time) (string, error) {
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return "", err
	}
	dst, err := filepath.Abs(opts.Dest)
	if err != nil {
		return "", err
	}
	var d digest
	d.add(fmt.Sprintf("%s: source %q dest %q base %q drafts %t", recordVersion, src, dst, opts.BaseURL, opts.Drafts))
	// The program, by its own identity: a new vitrine is a new file.
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if err := d.addFile("program", exe, nil); err != nil {
		return "", err
	}
	if opts.Theme != nil {
		if err := d.addTheme(opts.Theme); err != nil {
			return "", err
		}
	}
	newest := start.Add(-racyWindow)
	recent := func(s stamp) error {
		if s.mtime.After(newest) || s.ctime.After(newest) {
			return errUncacheable // changed too recently to be told apart from a later change
		}
		return nil
	}
	for _, dir := range []string{content.Dir, render.TemplatesDir, StaticDir} {
		err := d.addTree(filepath.Join(src, dir), dir, recent)
		if errors.Is(err, fs.ErrNotExist) {
			d.add("no " + dir)
			continue
		}
		if err != nil {
			return "", err
		}
	}
	return d.sum(), nil
}

// outputDigest digests the identity of every file in the published folder.
func outputDigest(dest string) (string, error) {
	var d digest
	if err := d.addTree(dest, "", nil); err != nil {
		return "", err
	}
	return d.sum(), nil
}

// stamp is a file's identity.
type stamp struct {
	size         int64
	ino          uint64
	mtime, ctime time.Time
}

// A digest is a hash of lines that does not depend on their order: the
// sum, modulo 2^256, of the lines' SHA-256 hashes. It keeps nothing of
// the lines, so the identities of a 100,000-event site's 137,000 files
// take no memory through the build.
type digest struct{ total [4]uint64 }

func (d *digest) add(line string) { d.addBytes([]byte(line)) }

func (d *digest) addBytes(line []byte) {
	h := sha256.Sum256(line)
	var carry uint64
	for i := range d.total {
		d.total[i], carry = bits.Add64(d.total[i], binary.LittleEndian.Uint64(h[8*i:]), carry)
	}
}

// sum returns the digest of the lines added.
func (d *digest) sum() string {
	var b [32]byte
	for i, n := range d.total {
		binary.LittleEndian.PutUint64(b[8*i:], n)
	}
	return hex.EncodeToString(b[:])
}

// addStamp adds the identity s of the file named name.
func (d *digest) addStamp(name string, s stamp) {
	b := make([]byte, 0, len(name)+64)
	b = strconv.AppendQuote(b, name)
	for _, n := range []int64{s.size, int64(s.ino), s.mtime.UnixNano(), s.ctime.UnixNano()} {
		b = append(b, ' ')
		b = strconv.AppendInt(b, n, 10)
	}
	d.addBytes(b)
}

// addFile adds the identity of the file at p, as name, calling check
// (when not nil) on it. A symbolic link is followed, like the build's
// reads follow it.
func (d *digest) addFile(name, p string, check func(stamp) error) error {
	info, err := os.Stat(p)
	if err != nil {
		return err
	}
	return d.addInfo(name, info, check)
}

// addInfo adds the identity in info of the file named name, calling
// check (when not nil) on it.
func (d *digest) addInfo(name string, info fs.FileInfo, check func(stamp) error) error {
	s, ok := fileStamp(info)
	if !ok {
		return errUncacheable
	}
	if check != nil {
		if err := check(s); err != nil {
			return err
		}
	}
	d.addStamp(name, s)
	return nil
}

// addTree adds the identity of every file under root, named by prefix
// and its path below root. A symbolic link to a folder makes the tree
// uncacheable, since its files would not be seen.
func (d *digest) addTree(root, prefix string, check func(stamp) error) error {
	if _, err := os.Stat(root); err != nil {
		return err
	}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := path.Join(prefix, filepath.ToSlash(rel))
		info, err := os.Stat(p) // through a symbolic link, as the build reads
		if err != nil {
			return err
		}
		if info.IsDir() {
			return errUncacheable // a link to a folder
		}
		return d.addInfo(name, info, check)
	})
}

// addTheme adds the path and contents of every file of theme.
func (d *digest) addTheme(theme fs.FS) error {
	h := sha256.New()
	err := fs.WalkDir(theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %d\n", p, len(data))
		_, err = h.Write(data)
		return err
	})
	d.add("theme " + hex.EncodeToString(h.Sum(nil)))
	return err
}

// readRecord returns the record at file, or nil when there is none or
// it is unreadable or of another version.
func readRecord(file string) *record {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var r record
	if json.Unmarshal(data, &r) != nil || r.Version != recordVersion || r.Report == nil {
		return nil
	}
	return &r
}

// writeRecord replaces the record at file in one step.
func writeRecord(file string, r *record) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp := file + ".tmp-" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}
