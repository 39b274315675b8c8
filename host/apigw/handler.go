package apigw

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/invoke"
)

// APIHandler serves one REST API or HTTP API. Its routes can be replaced
// while it serves, with SetRoutes.
type APIHandler struct {
	api   appmodel.API
	inv   invoke.Invoker
	opts  Options
	fl    flavor
	table atomic.Pointer[routeTable]
	// warned is set once the API has warned that it does not verify
	// token signatures.
	warned atomic.Bool
	// regexps caches compiled identity validation expressions.
	regexps sync.Map
}

// NewAPIHandler returns the handler of one API. Routes of other APIs (whose
// API field names another API) are ignored. It fails when the API kind is
// unknown or a route path cannot be served.
func NewAPIHandler(api appmodel.API, routes []appmodel.Route, inv invoke.Invoker, opts Options) (*APIHandler, error) {
	h := &APIHandler{api: api, inv: inv}
	switch api.Kind {
	case appmodel.KindREST:
		h.fl = flavorREST
	case appmodel.KindHTTP:
		h.fl = flavorHTTP
	default:
		return nil, fmt.Errorf("serving API %q: kind %q is neither %q nor %q", api.Name, api.Kind, appmodel.KindHTTP, appmodel.KindREST)
	}

	domain := fmt.Sprintf("%s.execute-api.%s.amazonaws.com", api.ID, opts.withDefaults("", 0).Region)
	h.opts = opts.withDefaults(domain, DefaultBodyLimit)
	if h.opts.IntegrationTimeout == 0 {
		h.opts.IntegrationTimeout = RESTIntegrationTimeout
		if h.fl == flavorHTTP {
			h.opts.IntegrationTimeout = HTTPIntegrationTimeout
		}
	}
	h.opts.Logger = h.opts.Logger.With("api", api.Name)

	if err := h.SetRoutes(routes); err != nil {
		return nil, err
	}
	return h, nil
}

// SetRoutes replaces the route table. Requests already routed finish with
// the old table; a failed compile leaves the old table in place.
func (h *APIHandler) SetRoutes(routes []appmodel.Route) error {
	mine := make([]appmodel.Route, 0, len(routes))
	for _, r := range routes {
		if r.API == "" || r.API == h.api.Name {
			mine = append(mine, r)
		}
	}

	t, err := compileRoutes(mine)
	if err != nil {
		return err
	}

	h.table.Store(t)
	h.warnAuthorizers(mine)
	return nil
}

// ServeHTTP routes one request to its function and answers with the
// function's response, or with the error API Gateway would give.
func (h *APIHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := h.opts.Now()
	id := h.opts.NewRequestID()
	if h.fl == flavorHTTP {
		id = shortRequestID(id)
	}

	a := h.answer(r, now, id)
	stamp(a, h.fl, id)
	a.write(w)
}

func (h *APIHandler) answer(r *http.Request, now time.Time, id string) *answer {
	in, err := readIncoming(r, h.opts.BodyLimit, now, id)
	if errors.Is(err, errTooLarge) {
		return gatewayError(h.fl, failTooLarge, h.opts.BodyLimit)
	}
	if err != nil {
		return gatewayError(h.fl, failBadRequest, h.opts.BodyLimit)
	}

	m, stagePath := h.route(in)
	if m == nil {
		return gatewayError(h.fl, failNoRoute, h.opts.BodyLimit)
	}

	route := m.route.route
	g, refused := h.authorize(authCheck{r: r, in: in, m: m, stagePath: stagePath, auth: route.Authorizer})
	if refused != nil {
		return refused
	}
	if route.Mock != nil {
		return mockAnswer(route.Mock)
	}
	if !route.Served() {
		// TODO: HTTP, MOCK and AWS service integrations are not run; a
		// request to such a route gets a 500 instead of that integration's
		// answer.
		h.opts.Logger.Warn("route not served: ldk runs only Lambda proxy integrations of this app",
			"route", m.route.routeKey, "integration", route.Integration)
		return gatewayError(h.fl, failUnserved, h.opts.BodyLimit)
	}

	v1 := h.fl == flavorREST || route.PayloadVersion == appmodel.Payload10
	var event []byte
	if v1 {
		event, err = buildV1Event(in, v1Target{api: h.api, route: m.route, params: m.params, stagePath: stagePath, grant: g}, h.opts)
	} else {
		t := h.v2Target(m)
		t.grant = g
		event, err = buildV2Event(in, t, h.opts)
	}
	if err != nil {
		h.opts.Logger.Error("building event", "function", route.Function, "error", err)
		return gatewayError(h.fl, failFunction, h.opts.BodyLimit)
	}
	if len(event) > MaxEventBytes {
		h.opts.Logger.Warn("request refused: its event is larger than a function accepts",
			"function", route.Function, "event_bytes", len(event), "limit_bytes", MaxEventBytes)
		return gatewayError(h.fl, failTooLarge, h.opts.BodyLimit)
	}

	mapper := mapV2Response
	if v1 {
		mapper = mapV1Response
	}
	return callFunction(r, h.inv, invoke.Request{Function: route.Function, Payload: event}, h.fl, mapper, h.opts)
}

// route finds the request's route. REST APIs and HTTP APIs with a named
// stage answer both under "/<stage>" and at the root; in.path loses the
// stage prefix. It returns the path with the stage, for requestContext.
//
// A path that starts with the stage name may also be a resource at the
// root (stage "dev", resource "/dev"): the match of the more specific
// class wins (exact, then parameter, then greedy), and the stage reading
// wins a tie, as a deployed API always sees the stage first.
func (h *APIHandler) route(in *incoming) (*match, string) {
	t := h.table.Load()
	stage := h.api.Stage
	if stage == "" || stage == "$default" {
		return t.find(in.method, in.path), in.path
	}

	prefix := "/" + stage
	root := t.find(in.method, in.path)
	if in.path == prefix || strings.HasPrefix(in.path, prefix+"/") {
		stripped := strings.TrimPrefix(in.path, prefix)
		if stripped == "" {
			stripped = "/"
		}
		if m := t.find(in.method, stripped); m != nil && (root == nil || m.route.class <= root.route.class) {
			sent := in.path
			in.path = stripped
			return m, sent
		}
	}

	return root, prefix + in.path
}

// maxResponse is the largest synchronous response Lambda returns.
const maxResponse = 6291556

// callFunction invokes the function and maps its result, logging what the
// client will only see as a generic error.
func callFunction(r *http.Request, inv invoke.Invoker, req invoke.Request, fl flavor, mapper func([]byte) (*answer, error), opts Options) *answer {
	if req.RequestID == "" {
		req.RequestID = NewUUID()
	}
	log := opts.Logger.With("function", req.Function, "request_id", req.RequestID)
	ctx := r.Context()
	if opts.IntegrationTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.IntegrationTimeout)
		defer cancel()
	}

	res, err := inv.Invoke(ctx, req)
	var throttled *invoke.ThrottledError
	switch {
	case err != nil && r.Context().Err() != nil:
		log.Debug("client went away before the function answered", "error", err)
		return gatewayError(fl, failBadRequest, opts.BodyLimit)
	case err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		log.Error("function did not answer within the integration timeout", "timeout", opts.IntegrationTimeout)
		return gatewayError(fl, failTimeout, opts.BodyLimit)
	case errors.As(err, &throttled):
		log.Warn("function is at its concurrency limit", "limit", throttled.Limit)
		return gatewayError(fl, failThrottled, opts.BodyLimit)
	}

	if err == nil && res == nil {
		err = errors.New("the invoker returned no result")
	}
	if err != nil {
		log.Error("invoking function", "error", err)
		return gatewayError(fl, failFunction, opts.BodyLimit)
	}

	if len(res.Payload) > maxResponse {
		log.Error("function response is larger than Lambda returns", "bytes", len(res.Payload), "limit", maxResponse)
		return gatewayError(fl, failFunction, opts.BodyLimit)
	}
	if res.ErrorType != "" {
		log.Error("function failed", "error_type", res.ErrorType, "error", string(res.Payload))
		return gatewayError(fl, failFunction, opts.BodyLimit)
	}

	a, err := mapper(res.Payload)
	if err != nil {
		log.Error("function returned a response the gateway cannot send", "error", err, "payload", truncate(res.Payload, 1024))
		return gatewayError(fl, failFunction, opts.BodyLimit)
	}
	return a
}

// truncate shortens a payload for a log line.
func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "..."
}
