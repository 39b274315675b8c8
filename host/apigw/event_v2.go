package apigw

import (
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// v2Event is the payload 2.0 event of HTTP APIs and function URLs. It wraps
// the aws-lambda-go type to drop requestContext.authentication, which API
// Gateway sends only for mutual TLS.
type v2Event struct {
	events.APIGatewayV2HTTPRequest
	RequestContext v2Context `json:"requestContext"`
}

type v2Context struct {
	events.APIGatewayV2HTTPRequestContext
	Authentication *events.APIGatewayV2HTTPRequestContextAuthentication `json:"authentication,omitempty"`
	// Authorizer shadows the embedded field so that an IAM caller's
	// unknown fields go out as null (see v2IAM).
	Authorizer *v2Authorizer `json:"authorizer,omitempty"`
}

// v2Target says what a payload 2.0 event is for.
type v2Target struct {
	apiID string
	stage string
	// routeKey is "GET /orders/{id}" or "$default".
	routeKey  string
	params    map[string]string
	stageVars map[string]string
	// grant is what the route's authorizer let through, nil when none.
	grant *grant
}

// buildV2Event builds an HTTP API payload 2.0 event or, with routeKey and
// stage "$default" and no parameters, a function URL event.
func buildV2Event(in *incoming, t v2Target, opts Options) ([]byte, error) {
	ev := newV2Event(in, t, opts)
	if t.grant != nil {
		ev.RequestContext.Authorizer = t.grant.v2
	}
	return marshalEvent(ev)
}

// newV2Event is the payload 2.0 event of a request, before any authorizer
// adds to it.
func newV2Event(in *incoming, t v2Target, opts Options) v2Event {
	headers, cookies := v2Headers(in.allHeaders())

	var query map[string]string
	keys, multi := parseQuery(in.rawQuery)
	if len(keys) > 0 {
		query = make(map[string]string, len(keys))
		for _, k := range keys {
			query[k] = strings.Join(multi[k], ",")
		}
	}

	var stageVars map[string]string
	if len(t.stageVars) > 0 {
		stageVars = t.stageVars
	}

	ev := v2Event{
		APIGatewayV2HTTPRequest: events.APIGatewayV2HTTPRequest{
			Version:               "2.0",
			RouteKey:              t.routeKey,
			RawPath:               in.rawPath,
			RawQueryString:        in.rawQuery,
			Cookies:               cookies,
			Headers:               headers,
			QueryStringParameters: query,
			PathParameters:        t.params,
			StageVariables:        stageVars,
		},
		RequestContext: v2Context{APIGatewayV2HTTPRequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:     t.routeKey,
			AccountID:    opts.AccountID,
			Stage:        t.stage,
			RequestID:    in.requestID,
			APIID:        t.apiID,
			DomainName:   opts.DomainName,
			DomainPrefix: domainPrefix(opts.DomainName),
			Time:         in.now.Format(requestTimeLayout),
			TimeEpoch:    in.now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method:    in.method,
				Path:      in.rawPath,
				Protocol:  in.protocol,
				SourceIP:  in.sourceIP,
				UserAgent: in.userAgent,
			},
		}},
	}
	if body, b64 := eventBody(in, httpRule); body != nil {
		ev.Body = *body
		ev.IsBase64Encoded = b64
	}
	return ev
}
