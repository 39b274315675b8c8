package apigw

import (
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"

	"github.com/ldkdev/ldk/appmodel"
)

// v1Event is the payload 1.0 event as API Gateway sends it. It wraps the
// aws-lambda-go type where that type differs from the wire: absent values
// are JSON null (body included), isBase64Encoded is always present, and
// version appears only for HTTP APIs.
type v1Event struct {
	Version string `json:"version,omitempty"`
	events.APIGatewayProxyRequest
	RequestContext v1Context `json:"requestContext"`
	Body           *string   `json:"body"`
	// IsBase64Encoded shadows the embedded field to drop its omitempty.
	IsBase64Encoded bool `json:"isBase64Encoded"`
}

// v1Context drops the authorizer key, which API Gateway sends only when a
// route has an authorizer, and sends the identity with its null fields.
type v1Context struct {
	events.APIGatewayProxyRequestContext
	Authorizer map[string]any `json:"authorizer,omitempty"`
	Identity   v1Identity     `json:"identity"`
}

// v1Identity is requestContext.identity as API Gateway sends it to an
// unauthenticated route: every caller field present and null.
type v1Identity struct {
	CognitoIdentityPoolID         *string `json:"cognitoIdentityPoolId"`
	AccountID                     *string `json:"accountId"`
	CognitoIdentityID             *string `json:"cognitoIdentityId"`
	Caller                        *string `json:"caller"`
	SourceIP                      string  `json:"sourceIp"`
	PrincipalOrgID                *string `json:"principalOrgId"`
	AccessKey                     *string `json:"accessKey"`
	CognitoAuthenticationType     *string `json:"cognitoAuthenticationType"`
	CognitoAuthenticationProvider *string `json:"cognitoAuthenticationProvider"`
	UserArn                       *string `json:"userArn"`
	UserAgent                     string  `json:"userAgent"`
	User                          *string `json:"user"`
	// CognitoAmr is sent (as null) by HTTP APIs only.
	CognitoAmr json.RawMessage `json:"cognitoAmr,omitempty"`
}

// v1Target says which API and route an event is for.
type v1Target struct {
	api   appmodel.API
	route *compiledRoute
	// params are the path parameters, nil when none.
	params map[string]string
	// stagePath is the request path with the stage prefix, as
	// requestContext.path reports it.
	stagePath string
	// grant is what the route's authorizer let through, nil when none.
	grant *grant
}

// buildV1Event builds a REST API event, or an HTTP API payload 1.0 event
// when the API is an HTTP API.
func buildV1Event(in *incoming, t v1Target, opts Options) ([]byte, error) {
	ev := newV1Event(in, t, opts)
	t.grant.toV1(&ev, opts)
	return marshalEvent(ev)
}

// newV1Event is the payload 1.0 event of a request, before any authorizer
// adds to it.
func newV1Event(in *incoming, t v1Target, opts Options) v1Event {
	httpAPI := t.api.Kind == appmodel.KindHTTP
	headers, multiHeaders := v1Headers(in.allHeaders(), httpAPI)

	var query map[string]string
	_, multiQuery := parseQuery(in.rawQuery)
	if multiQuery != nil {
		query = make(map[string]string, len(multiQuery))
		for k, vs := range multiQuery {
			query[k] = vs[len(vs)-1]
		}
	}

	var stageVars map[string]string
	if len(t.api.StageVariables) > 0 {
		stageVars = t.api.StageVariables
	}

	resource := t.route.route.Path
	resourceID := appmodel.ShortID(6, t.api.ID, t.route.route.Method, t.route.route.Path)
	if httpAPI {
		resourceID = t.route.routeKey
		if t.route.class == classDefault {
			resource = in.path
		}
	}

	ev := v1Event{
		APIGatewayProxyRequest: events.APIGatewayProxyRequest{
			Resource:                        resource,
			Path:                            in.path,
			HTTPMethod:                      in.method,
			Headers:                         headers,
			MultiValueHeaders:               multiHeaders,
			QueryStringParameters:           query,
			MultiValueQueryStringParameters: multiQuery,
			PathParameters:                  t.params,
			StageVariables:                  stageVars,
		},
		RequestContext: v1Context{APIGatewayProxyRequestContext: events.APIGatewayProxyRequestContext{
			AccountID:         opts.AccountID,
			ResourceID:        resourceID,
			Stage:             t.api.Stage,
			DomainName:        opts.DomainName,
			DomainPrefix:      domainPrefix(opts.DomainName),
			RequestID:         in.requestID,
			ExtendedRequestID: shortRequestID(in.requestID),
			Protocol:          in.protocol,
			ResourcePath:      resource,
			Path:              t.stagePath,
			HTTPMethod:        in.method,
			RequestTime:       in.now.Format(requestTimeLayout),
			RequestTimeEpoch:  in.now.UnixMilli(),
			APIID:             t.api.ID,
		},
			Identity: v1Identity{SourceIP: in.sourceIP, UserAgent: in.userAgent},
		},
	}
	if httpAPI {
		ev.Version = appmodel.Payload10
		ev.RequestContext.ExtendedRequestID = in.requestID
		ev.RequestContext.Identity.CognitoAmr = json.RawMessage("null")
	}
	rule := httpRule
	if !httpAPI {
		rule = bodyRule{rest: true, binaryTypes: t.api.BinaryMediaTypes}
	}
	ev.Body, ev.IsBase64Encoded = eventBody(in, rule)
	return ev
}
