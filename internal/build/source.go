package build

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// sourceFS returns the files of root for one build, as root.FS() does,
// and a function that closes what it keeps open, to call once the
// build is over.
//
// os.Root opens a file by opening each folder on its path in turn, so
// reading content/events/x.md costs three opens and closes more than
// the file's own; a build reads every event twice. Here each folder
// that files are opened in is opened once, as a Root of its own, and
// kept for the build: a file in it is opened by its name alone, and
// cannot leave it. What that does not open (a symbolic link out of the
// folder, a missing file, any error) is opened through root, so it
// behaves, and fails, exactly as before; a file the folder kept open
// says is missing is not looked for in it a second time.
//
// A folder kept open is the one that was at its path when first used:
// one renamed during the build is still read from where it went, as
// os.Root does with its own folder.
//
// Where it can (openIn, on Linux), a file is opened by its name in the
// folder kept open without the runtime's poller: os.Root, as os.Open,
// offers every file it opens to the poller, which costs four fcntl and
// an epoll_ctl that Linux refuses for a regular file.
func sourceFS(root *os.Root) (fs.FS, func()) {
	s := &source{rootFS: root.FS().(rootFS), root: root, folders: map[string]*folder{}}
	return s, s.close
}

// rootFS is what root.FS() provides.
type rootFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

type source struct {
	rootFS
	root    *os.Root
	mu      sync.Mutex
	folders map[string]*folder // by slash-separated path; nil when it cannot be opened
	closed  bool
}

// folder is a folder of the source kept open for the build.
type folder struct {
	root *os.Root
	dir  *os.File // the same folder, for openIn
}

func (s *source) Open(name string) (fs.File, error) {
	if dir, base := path.Split(name); fs.ValidPath(name) && base != "." {
		if d := s.folder(path.Clean(dir)); d != nil {
			f, err := openIn(d.dir, base)
			if err == nil {
				return f, nil
			}
			// A missing file is missing through d.root too: only root's
			// error is still wanted, for its wording.
			if !errors.Is(err, fs.ErrNotExist) {
				if f, err := d.root.Open(base); err == nil {
					return f, nil
				}
			}
		}
	}
	return s.rootFS.Open(name)
}

// folder returns the folder dir ("." for the top), opening it the first
// time, or nil when it cannot be opened or the build is over.
func (s *source) folder(dir string) *folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	d, ok := s.folders[dir]
	if !ok {
		if r, err := s.root.OpenRoot(dir); err == nil {
			if f, err := r.Open("."); err == nil {
				d = &folder{root: r, dir: f}
			} else {
				r.Close()
			}
		}
		s.folders[dir] = d
	}
	return d
}

func (s *source) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.folders {
		if d != nil {
			d.dir.Close()
			d.root.Close()
		}
	}
	clear(s.folders)
	s.closed = true
}
