// Package computev1 is the Go code generated from compute.proto, version 1
// of the ldk compute protocol. Plugin authors and the host use it through
// package compute, which hides these types behind hand-written ones;
// regenerate it with `make proto`, never by hand.
package computev1
