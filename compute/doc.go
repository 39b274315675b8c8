// Package compute is ldk's public plugin contract: how the host runs Lambda
// functions through a compute backend that lives in its own process.
//
// # For plugin authors
//
// A backend is a Go value that implements Backend. A plugin binary is named
// ldk-compute-<name>, and its main is one line:
//
//	package main
//
//	import "github.com/ldkdev/ldk/compute"
//
//	func main() { compute.Serve(newBackend()) }
//
// Serve speaks the go-plugin handshake (Handshake: magic cookie
// LDK_COMPUTE_PLUGIN, protocol version 1, AutoMTLS) and serves the gRPC
// service of proto/ldk/compute/v1/compute.proto. Log with PluginLogger: the
// host reads the plugin's JSON log lines from stderr and logs them under
// the plugin's name. Never write to stdout: go-plugin owns it.
//
// The host calls Describe first, keeps one Logs stream open, calls Start for
// each function, Invoke concurrently, Stop when a function goes away, and
// Shutdown at the end. A function error (the handler threw, timed out,
// crashed) is an InvokeResult with ErrorType set; a Go error means the
// backend could not run the invocation at all. FunctionSpec.Environment is
// already the full Lambda environment (see LambdaEnvironment): a backend adds
// only what it owns, such as AWS_LAMBDA_RUNTIME_API.
//
// The package computetest has a small Backend that shows the shape, and the
// pattern for testing a plugin through a real process.
//
// # For the host
//
// ClientConfig is the go-plugin configuration to start a plugin with;
// dispensing PluginName gives a *Client, a Backend whose calls fail with
// *PluginExitedError (errors.Is ErrPluginExited) once the plugin process is
// gone.
//
// # Versions
//
// ProtocolVersion is 1. Plugin sets are versioned (ServerPlugins,
// ClientPlugins) so that a later protocol can be offered next to version 1
// and go-plugin picks the highest both sides speak. Version 1 only grows by
// additions; a breaking change is version 2 with its own .proto package.
package compute
