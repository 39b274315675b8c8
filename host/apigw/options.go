package apigw

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
)

// DefaultBodyLimit is API Gateway's request payload limit: 10 MB.
const DefaultBodyLimit = 10 << 20

// FunctionURLBodyLimit is the request payload limit of a function URL: the
// 6 MB of a synchronous invocation.
const FunctionURLBodyLimit = 6 << 20

// MaxEventBytes is the largest event a function may be invoked with: the
// 6 MB request payload limit of a synchronous Lambda invocation. A body
// under the body limit can still make a larger event (base64 grows a
// binary body by a third; headers and context add to it), and such a
// request is refused with 413 before any function runs, as API Gateway
// does.
const MaxEventBytes = 6291456

// Integration timeouts: how long API Gateway waits for a function before
// it answers on its own.
const (
	RESTIntegrationTimeout = 29 * time.Second
	HTTPIntegrationTimeout = 30 * time.Second
)

// HTTPAuthorizerTimeout is how long an HTTP API waits for a Lambda
// authorizer's answer before it answers 500 on its own. REST APIs wait as
// long as for the route's function.
const HTTPAuthorizerTimeout = 10 * time.Second

// Options tune a front-door handler. The zero value is usable: every empty
// field gets a default.
type Options struct {
	// AccountID and Region appear in events (requestContext.accountId) and
	// in generated host names. Defaults: appmodel.DefaultAccount and
	// appmodel.DefaultRegion.
	AccountID string
	Region    string
	// DomainName is the host name events report (requestContext.domainName),
	// e.g. "abc123.execute-api.us-east-1.amazonaws.com". Default: the name
	// the deployed API or function URL would have.
	DomainName string
	// BodyLimit is the largest request body accepted, in bytes. Default:
	// DefaultBodyLimit for APIs, FunctionURLBodyLimit for function URLs.
	BodyLimit int64
	// IntegrationTimeout is how long an API waits for its function before
	// answering 504 (REST) or 503 (HTTP API). Default: 29 s for REST APIs,
	// 30 s for HTTP APIs, none for function URLs (the function's own
	// timeout applies). Negative means none.
	IntegrationTimeout time.Duration
	// AuthorizerTimeout is how long an HTTP API waits for a Lambda
	// authorizer. Default: HTTPAuthorizerTimeout, never longer than
	// IntegrationTimeout. REST APIs wait IntegrationTimeout.
	AuthorizerTimeout time.Duration
	// Logger receives function errors and malformed responses. Default:
	// a null logger.
	Logger hclog.Logger
	// Now is the clock, for tests. Default: time.Now.
	Now func() time.Time
	// NewRequestID makes the API Gateway request id of each request, for
	// tests. Default: a random UUID.
	NewRequestID func() string
}

// withDefaults fills empty fields. domain is the default host name.
func (o Options) withDefaults(domain string, bodyLimit int64) Options {
	if o.AccountID == "" {
		o.AccountID = appmodel.DefaultAccount
	}
	if o.Region == "" {
		o.Region = appmodel.DefaultRegion
	}
	if o.DomainName == "" {
		o.DomainName = domain
	}
	if o.BodyLimit <= 0 {
		o.BodyLimit = bodyLimit
	}
	if o.Logger == nil {
		o.Logger = hclog.NewNullLogger()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewRequestID == nil {
		o.NewRequestID = NewUUID
	}
	return o
}

// NewUUID returns a random version 4 UUID in its canonical text form.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// shortRequestID derives the 16-character id HTTP APIs use for requests
// ("JKJaXmPLvHcESHA=") from a longer id.
func shortRequestID(id string) string {
	s := base64.StdEncoding.EncodeToString([]byte(id))
	if len(s) > 15 {
		s = s[len(s)-15:]
	}
	return s + "="
}
