package apigw

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/invoke"
)

// FunctionURLHandler serves one Lambda function URL: any method, any path,
// the payload 2.0 event with routeKey and stage "$default".
type FunctionURLHandler struct {
	url  appmodel.FunctionURL
	inv  invoke.Invoker
	opts Options
	// id is the URL id: the first label of the URL's host name.
	id string
}

// FunctionURLID is the deterministic id ldk gives a function URL: 32
// lower-case characters, as AWS's are.
func FunctionURLID(url appmodel.FunctionURL) string {
	return appmodel.ShortID(32, "function-url", url.Function, url.Qualifier)
}

// NewFunctionURLHandler returns the handler of one function URL. A URL
// with AuthType AWS_IAM refuses requests without a SigV4 signature (see
// iamGrant for what is not verified).
func NewFunctionURLHandler(url appmodel.FunctionURL, inv invoke.Invoker, opts Options) *FunctionURLHandler {
	h := &FunctionURLHandler{url: url, inv: inv, id: FunctionURLID(url)}
	region := opts.withDefaults("", 0).Region
	h.opts = opts.withDefaults(fmt.Sprintf("%s.lambda-url.%s.on.aws", h.id, region), FunctionURLBodyLimit)
	h.opts.Logger = h.opts.Logger.With("function_url", url.Function)
	return h
}

// ServeHTTP invokes the function with the request and answers with its
// response.
func (h *FunctionURLHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := h.opts.NewRequestID()
	a := h.answer(r, id)
	stamp(a, flavorURL, id)
	a.write(w)
}

func (h *FunctionURLHandler) answer(r *http.Request, id string) *answer {
	in, err := readIncoming(r, h.opts.BodyLimit, h.opts.Now(), id)
	if errors.Is(err, errTooLarge) {
		return gatewayError(flavorURL, failTooLarge, h.opts.BodyLimit)
	}
	if err != nil {
		return gatewayError(flavorURL, failBadRequest, h.opts.BodyLimit)
	}

	var g *grant
	if h.url.AuthType == appmodel.AuthorizerIAM {
		var refused *answer
		if g, refused = iamGrant(in, flavorURL, h.opts); refused != nil {
			return refused
		}
	}

	event, err := buildV2Event(in, v2Target{apiID: h.id, stage: "$default", routeKey: "$default", grant: g}, h.opts)
	if err != nil {
		h.opts.Logger.Error("building event", "function", h.url.Function, "error", err)
		return gatewayError(flavorURL, failFunction, h.opts.BodyLimit)
	}
	if len(event) > MaxEventBytes {
		h.opts.Logger.Warn("request refused: its event is larger than a function accepts",
			"function", h.url.Function, "event_bytes", len(event), "limit_bytes", MaxEventBytes)
		return gatewayError(flavorURL, failTooLarge, h.opts.BodyLimit)
	}

	req := invoke.Request{Function: h.url.Function, Qualifier: h.url.Qualifier, Payload: event, RequestID: id}
	return callFunction(r, h.inv, req, flavorURL, mapV2Response, h.opts)
}
