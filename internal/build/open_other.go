//go:build !linux

package build

import (
	"errors"
	"io/fs"
	"os"
)

// openIn is only done without os.Root on Linux (see open_linux.go).
func openIn(dir *os.File, name string) (fs.File, error) {
	return nil, errors.ErrUnsupported
}

// createFile creates or truncates the file name for writing.
func createFile(name string, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
}
