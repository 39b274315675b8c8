package apigw

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// v2AuthorizerEvent is the payload 2.0 event of an HTTP API Lambda
// authorizer. It wraps the aws-lambda-go type to leave out, as the
// route's event does, the mutual TLS authentication key and the keys with
// nothing to carry.
type v2AuthorizerEvent struct {
	events.APIGatewayV2CustomAuthorizerV2Request
	Cookies               []string          `json:"cookies,omitempty"`
	QueryStringParameters map[string]string `json:"queryStringParameters,omitempty"`
	PathParameters        map[string]string `json:"pathParameters,omitempty"`
	StageVariables        map[string]string `json:"stageVariables,omitempty"`
	RequestContext        v2Context         `json:"requestContext"`
}

// v2AuthorizerEvent builds the 2.0 authorizer event of a request: the
// route event's fields, without the body, plus type, routeArn and the
// identity source values.
func (h *APIHandler) v2AuthorizerEvent(c authCheck, arn string, identity []string) v2AuthorizerEvent {
	ev := newV2Event(c.in, h.v2Target(c.m), h.opts)
	return v2AuthorizerEvent{
		APIGatewayV2CustomAuthorizerV2Request: events.APIGatewayV2CustomAuthorizerV2Request{
			Version:        "2.0",
			Type:           "REQUEST",
			RouteArn:       arn,
			IdentitySource: identity,
			RouteKey:       ev.RouteKey,
			RawPath:        ev.RawPath,
			RawQueryString: ev.RawQueryString,
			Headers:        ev.Headers,
		},
		Cookies:               ev.Cookies,
		QueryStringParameters: ev.QueryStringParameters,
		PathParameters:        ev.PathParameters,
		StageVariables:        ev.StageVariables,
		RequestContext:        ev.RequestContext,
	}
}

// v1AuthorizerEvent builds a REST REQUEST (or HTTP API payload 1.0)
// authorizer event: the route's payload 1.0 event without the body, with
// the extra fields (type, methodArn, ...) added. It starts from the
// route's event rather than aws-lambda-go's
// APIGatewayCustomAuthorizerRequestTypeRequest so that both carry the same
// requestContext, null identity fields included.
func (h *APIHandler) v1AuthorizerEvent(c authCheck, arn string, extra map[string]any) map[string]any {
	ev := newV1Event(c.in, v1Target{api: h.api, route: c.m.route, params: c.m.params, stagePath: c.stagePath}, h.opts)
	data, err := json.Marshal(ev)
	if err != nil {
		// The event holds strings and maps of strings only.
		data = []byte("{}")
	}
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	delete(m, "body")
	delete(m, "isBase64Encoded")
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// v2Target is what a payload 2.0 event of a matched route is for.
func (h *APIHandler) v2Target(m *match) v2Target {
	return v2Target{
		apiID: h.api.ID, stage: h.api.Stage, routeKey: m.route.routeKey,
		params: m.params, stageVars: h.api.StageVariables,
	}
}

// joinComma joins identity source values as API Gateway's payload 1.0
// identitySource does.
func joinComma(values []string) string {
	return strings.Join(values, ",")
}
