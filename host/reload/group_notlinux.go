//go:build !linux

package reload

import "os/exec"

// shellArgs are the arguments of sh that run command.
func shellArgs(command string) []string { return []string{"-c", command} }

// startSynth starts cmd.
//
// TODO: outside Linux there is no parent-death signal: when ldk is killed
// with SIGKILL during a synth, the app command runs on to its end (a hung
// one until it is killed by hand); stopping ldk normally stops it.
func startSynth(cmd *exec.Cmd) error { return cmd.Start() }
