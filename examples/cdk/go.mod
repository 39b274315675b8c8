// This file only fences the example off from the ldk Go module: `npm ci`
// installs the CDK CLI, whose init templates contain `.go` files that are not
// Go, and `go build ./...` at the repository root must not walk into them.
// The example has no Go code.
module github.com/ldkdev/ldk/examples/cdk

go 1.26
