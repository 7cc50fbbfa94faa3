package build

import (
	"io/fs"
	"syscall"
	"time"
)

// haveStamps says that fileStamp knows file identities here.
const haveStamps = true

// fileStamp returns the identity of the file info describes.
func fileStamp(info fs.FileInfo) (stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}, false
	}
	return stamp{
		size:  info.Size(),
		ino:   st.Ino,
		mtime: info.ModTime(),
		ctime: time.Unix(st.Ctim.Sec, st.Ctim.Nsec),
	}, true
}
