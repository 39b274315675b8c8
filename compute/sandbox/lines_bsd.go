//go:build darwin || freebsd || netbsd || openbsd

package sandbox

// fionread is the ioctl that asks how many bytes wait in a pipe
// (FIONREAD, _IOR('f', 127, int)).
const fionread = 0x4004667f
