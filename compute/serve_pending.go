package compute

// Serve runs a compute plugin. It lands with the gRPC contract; this
// placeholder keeps plugin mains compiling until then.
func Serve(b Backend) { panic("compute.Serve lands with the contract") }
