// Package bench measures ldk against the classic way of running a Lambda
// handler locally (a fresh node or python3 process per invocation), and
// against the goals ldk sets itself.
//
// Run drives everything `make bench` prints: warm invocation overhead through
// the Invoke API (with the AWS SDK for Go v2) and through an HTTP API route,
// the process-per-invocation baseline, throughput of 16 concurrent clients,
// cold starts, the start-up of `ldk dev`, the time to read a generated cloud
// assembly of 500 functions and 500 routes, and the host's resident memory
// with 50 idle functions. Every figure comes from fixed counts after fixed
// warm-up rounds; the apps it serves are generated into a temporary
// directory from the handlers in testdata/ and removed afterwards.
//
// Warm overhead is defined as the latency a client sees (request written to
// response read, on loopback) minus the handler's own time, which the
// baseline runner measures inside its process by calling the already
// loaded handler many times. The handlers return at once, so the overhead
// is nearly the whole latency: it includes the client's own HTTP stack and,
// for the Invoke API, the SDK's request signing.
package bench
