package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing/fstest"
)

// WriteDir returns an EmitFunc that writes each file under dir, making
// folders as needed.
func WriteDir(dir string) EmitFunc {
	made := map[string]bool{}
	return func(name string, data []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(full, data, 0o644)
	}
}

// MapFS returns the vitrine site of c as an in-memory file system, for
// benchmarks that should not measure the disk.
func (c *Corpus) MapFS() (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	err := c.Vitrine(func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data), Mode: 0o644}
		return nil
	})
	return fsys, err
}
