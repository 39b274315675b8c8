// Package plugins is the host's side of the compute plugins: it finds a
// backend's binary, starts its plugin once, checks it with Describe,
// relays its log records, restarts it when it dies and kills it on exit.
//
// # Finding a backend
//
// The backend "name" is the executable ldk-compute-<name>, looked for next
// to the running ldk executable, then in the plugin directory (Options.Dir,
// $LDK_PLUGIN_DIR, default ~/.ldk/plugins), then on PATH. The first found
// wins. A name found nowhere is a *NotFoundError that lists the backends
// that were found and where.
//
// # Life of a plugin
//
// Manager.Backend starts the plugin on first use (go-plugin with AutoMTLS;
// the plugin's stderr lines are logged under its binary's name), waits
// Options.StartTimeout for its handshake, calls Describe within
// Options.DescribeTimeout, and opens the Logs stream into Options.LogSink.
// A plugin that fails any of these is refused with an error naming it and
// saying what went wrong: what it wrote instead of the handshake, the last
// line it said before exiting, or, for a plugin sharing no protocol
// version with the host, a *VersionError naming both and the side to
// upgrade. A handshake naming an address beyond this machine (not a Unix
// socket, not loopback TCP) is refused before anything dials it and the
// plugin is killed. Other plugins are not affected. The Backend it returns outlives the process: when the
// plugin dies, calls in flight fail with compute.ErrPluginExited, the
// Manager starts a new process (at once after a plugin that ran a while,
// else after a back-off growing from MinBackoff to MaxBackoff), starts
// again every function that was started, and calls made meanwhile wait for
// it. Close shuts every plugin down and kills it; CloseOnSignal does the
// same on SIGINT, SIGTERM or SIGHUP.
//
// A plugin does not outlive ldk, even when ldk is killed with SIGKILL and
// cannot run Close: on Linux each plugin is started with a parent-death
// signal, from one goroutine locked to its OS thread for ldk's whole life
// (the kernel ties that signal to the starting thread). Elsewhere the
// plugin watches its parent (compute.Serve does).
//
// Plugins' sockets live in a directory of this run, <pid>-<n>, under a
// per-user directory of the temporary directory, ldk-<uid> (private to the
// user). Close removes it; a run killed with SIGKILL cannot, and the next
// run removes the directories of runs whose ldk no longer runs when it
// starts its first plugin.
package plugins
