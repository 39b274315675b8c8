package sandbox

import "golang.org/x/sys/unix"

// fionread is the ioctl that asks how many bytes wait in a pipe.
const fionread = unix.TIOCINQ
