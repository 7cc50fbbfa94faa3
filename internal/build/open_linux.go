package build

import (
	"io/fs"
	"os"
	"syscall"
)

// Opening a regular file with os.OpenFile (or os.Root) offers it to the
// runtime's network poller: the file is set non-blocking, epoll_ctl
// refuses it, and it is set blocking again, four fcntl and an epoll_ctl
// wasted for each of the some 35,000 files a 10,000-event build opens.
// os.NewFile takes a descriptor as it is. These open the way os.Open
// does otherwise: close-on-exec, and retried when interrupted.

// openIn opens the regular file name, a name without a slash, in the
// folder dir for reading. It fails on anything else: a symbolic link, or
// a folder (whose entries a file from os.NewFile would look up by its
// name, not in dir). The file keeps what it learned of itself for Stat.
func openIn(dir *os.File, name string) (fs.File, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Openat(int(dir.Fd()), name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
	})
	if err != nil {
		return nil, &os.PathError{Op: "openat", Path: name, Err: err}
	}
	f := os.NewFile(uintptr(fd), name)
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = &os.PathError{Op: "openat", Path: name, Err: syscall.EISDIR}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return statFile{f, info}, nil
}

// statFile is an open file that knows its FileInfo.
type statFile struct {
	*os.File
	info fs.FileInfo
}

func (f statFile) Stat() (fs.FileInfo, error) { return f.info, nil }

// createFile creates or truncates the file name for writing, as
// os.Create does, with permissions perm.
func createFile(name string, perm os.FileMode) (*os.File, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, uint32(perm.Perm()))
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

func retry(open func() (int, error)) (int, error) {
	for {
		fd, err := open()
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
