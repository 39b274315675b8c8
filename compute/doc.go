// Package compute is ldk's public plugin contract: how the host runs Lambda
// functions through a compute backend that lives in its own process. Anyone
// can add a way to run functions (a microVM, a remote cluster, a WASM
// runtime) without forking ldk: write a Backend, serve it, install it.
//
// # Writing a backend, from an empty main.go
//
// 1. Make a Go module of your own and require ldk; import only its public
// packages (compute and the packages under it, bootstrap):
//
//	go mod init example.com/ldk-compute-mine
//	go get github.com/ldkdev/ldk
//
// 2. Serve a Backend from main. A plugin binary is named
// ldk-compute-<name>, and its main is one line:
//
//	package main
//
//	import "github.com/ldkdev/ldk/compute"
//
//	func main() { compute.Serve(newBackend()) }
//
// Serve speaks the go-plugin handshake (magic cookie LDK_COMPUTE_PLUGIN,
// the protocol versions of SupportedProtocolVersions, AutoMTLS) and serves
// the gRPC service of proto/ldk/compute/v1/compute.proto. It returns when
// the host is done, and exits the plugin when the host process is gone.
// Never write to stdout: its first line is the handshake. Log with
// PluginLogger: the host reads the plugin's JSON lines from stderr and logs
// them under the plugin's name at their own level.
//
// 3. Implement the six methods of Backend. The host calls them in this
// order:
//
//   - Describe, once per process start, within a few seconds: Name (as in
//     ldk-compute-<name>), Version, ProtocolVersion (use the constant),
//     Runtimes ("nodejs20.x", ...) and Capabilities (CapImages,
//     CapMemoryLimit, CapCPULimit, CapARM64). The host warns at start-up
//     about functions that need a runtime or capability you do not list.
//   - Logs, once, right after Describe: send every line of function output
//     to sink as a LogRecord until ctx ends; never block a worker on it.
//   - Start, for each function: check what you can (runtime, code,
//     handler) and return an error that names the function and the fix.
//     FunctionSpec.Environment is already the full Lambda environment
//     (see LambdaEnvironment); add only what you own.
//   - Invoke, any number of times and concurrently: run one invocation
//     before req.Deadline. A function error (the handler threw, timed out,
//     crashed) is an InvokeResult with ErrorType set; a Go error means the
//     backend could not run the invocation at all.
//   - Stop, when a function goes away or changes; Shutdown, once, at the
//     end: stop every worker and remove what you made.
//
// 4. Run the function code. Lambda runtimes speak the Runtime API, and the
// pieces a process-based backend needs are public:
//
//   - compute/launch turns a FunctionSpec into the command and environment
//     of a worker process (node, python3 or the code's own bootstrap),
//     laying out ldk's runtime clients (package bootstrap) once;
//   - compute/runtimeapi serves the Runtime API to one worker on 127.0.0.1
//     (set AWS_LAMBDA_RUNTIME_API to Endpoint.Addr) and turns an
//     invocation into the worker's response;
//   - compute/sandbox reads the worker's output line by line (LineReader),
//     keeps the 4 KB log tail (Tail), and prints and answers what Lambda
//     does: START, END and REPORT lines, the Sandbox.Timedout and
//     Runtime.ExitError documents;
//   - compute/procstat measures a worker tree's peak memory for REPORT;
//   - compute/tempdir makes temporary directories named after their
//     owner's pid and sweeps those of processes killed before they could
//     remove their own.
//
// The built-in subprocess backend (plugins/subprocess-compute) is built on
// these, and examples/compute-plugin is a complete third-party backend in
// its own module, about 700 lines, that runs each worker on a fresh copy
// of the code.
//
// 5. Build it, install it and choose it:
//
//	go build -o ~/.ldk/plugins/ldk-compute-mine .
//	ldk plugins                                  # lists it, as it describes itself
//	ldk dev --compute-backend mine               # or compute_backend: mine in ldk.yaml
//
// ldk looks for ldk-compute-<name> next to its own executable, then in the
// plugin directory ($LDK_PLUGIN_DIR, plugin_dir in ldk.yaml, default
// ~/.ldk/plugins), then on PATH. compute_backend may differ per function in
// ldk.yaml, so one app can mix backends.
//
// 6. Test it through a real process, as the host will run it: the package
// computetest has a small Backend that shows the shape, and
// computetest.ServeIfPlugin lets a test binary serve itself as a plugin.
//
// # For the host
//
// ClientConfig is the go-plugin configuration to start a plugin with;
// dispensing PluginName gives a *Client, a Backend whose calls fail with
// *PluginExitedError (errors.Is ErrPluginExited) once the plugin process is
// gone. Package host/plugins finds, starts, restarts and stops plugins.
//
// # Versions
//
// ProtocolVersion is the newest version this package speaks, and
// SupportedProtocolVersions all of them. Plugin sets are versioned
// (ServerPlugins, ClientPlugins) so that a later protocol can be offered
// next to version 1 and go-plugin picks the highest both sides speak; a
// plugin that shares none with the host is refused with a message naming
// both versions and the side to upgrade. Version 1 only grows by
// additions; a breaking change is version 2 with its own .proto package.
package compute
