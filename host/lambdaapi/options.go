package lambdaapi

import (
	"crypto/rand"
	"fmt"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
)

// Options tune the Invoke API handler. Every empty field gets a default.
type Options struct {
	// AccountID and Region are the ones ARNs are built and checked with.
	// Defaults: appmodel.DefaultAccount and appmodel.DefaultRegion.
	AccountID string
	Region    string
	// Logger receives errors of Event invocations, which have no caller
	// to answer. Default: a null logger.
	Logger hclog.Logger
	// EventQueue is how many Event invocations may wait; default 1000.
	EventQueue int
	// EventWorkers is how many Event invocations run at once; default 4.
	EventWorkers int
	// NewRequestID makes the request id of each call, for tests. Default:
	// a random UUID.
	NewRequestID func() string
}

func (o Options) withDefaults() Options {
	if o.AccountID == "" {
		o.AccountID = appmodel.DefaultAccount
	}
	if o.Region == "" {
		o.Region = appmodel.DefaultRegion
	}
	if o.Logger == nil {
		o.Logger = hclog.NewNullLogger()
	}
	if o.EventQueue <= 0 {
		o.EventQueue = 1000
	}
	if o.EventWorkers <= 0 {
		o.EventWorkers = 4
	}
	if o.NewRequestID == nil {
		o.NewRequestID = newUUID
	}
	return o
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
