//go:build !unix

package reload

import "os/exec"

// ownGroup leaves cmd as it is where process groups are not available;
// cancelling it kills the shell only.
//
// TODO: on Windows the synth command's children outlive a cancelled synth.
func ownGroup(cmd *exec.Cmd) {}
