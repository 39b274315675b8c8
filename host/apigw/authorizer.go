package apigw

import (
	"net/http"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/ldkdev/ldk/appmodel"
)

// grant is what an authorizer lets through to the route's function: what
// its event carries in requestContext.authorizer and identity.
type grant struct {
	// v1 is requestContext.authorizer of a payload 1.0 event.
	v1 map[string]any
	// v2 is requestContext.authorizer of a payload 2.0 event.
	v2 *v2Authorizer
	// accessKey is the SigV4 access key id of an AWS_IAM caller.
	accessKey string
}

// v2Authorizer is requestContext.authorizer of a payload 2.0 event: one
// of its fields is set, by the kind of authorizer.
type v2Authorizer struct {
	JWT    *events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription `json:"jwt,omitempty"`
	Lambda map[string]any                                                 `json:"lambda,omitempty"`
	IAM    *v2IAM                                                         `json:"iam,omitempty"`
}

// v2IAM is the IAM caller of a payload 2.0 event. ldk knows the access
// key and the account; the rest is null, as for a caller without them.
type v2IAM struct {
	AccessKey       string  `json:"accessKey"`
	AccountID       string  `json:"accountId"`
	CallerID        *string `json:"callerId"`
	CognitoIdentity *string `json:"cognitoIdentity"`
	PrincipalOrgID  *string `json:"principalOrgId"`
	UserARN         *string `json:"userArn"`
	UserID          *string `json:"userId"`
}

// toV1 adds the grant to a payload 1.0 event; a nil grant adds nothing.
func (g *grant) toV1(ev *v1Event, opts Options) {
	if g == nil {
		return
	}
	ev.RequestContext.Authorizer = g.v1
	if g.accessKey != "" {
		key, account := g.accessKey, opts.AccountID
		ev.RequestContext.Identity.AccessKey = &key
		ev.RequestContext.Identity.AccountID = &account
	}
}

// authCheck is one request about to be authorized.
type authCheck struct {
	r         *http.Request
	in        *incoming
	m         *match
	stagePath string
	auth      *appmodel.Authorizer
}

// authorize runs the route's authorizer. It returns the grant to add to
// the route's event, or the answer that refuses the request. A route
// without an authorizer gets neither.
func (h *APIHandler) authorize(c authCheck) (*grant, *answer) {
	a := c.auth
	if a == nil {
		return nil, nil
	}

	switch {
	case a.Type == appmodel.AuthorizerIAM:
		return iamGrant(c.in, h.fl, h.opts)
	case a.Type == appmodel.AuthorizerJWT:
		return h.jwtAuthorize(c)
	case a.Type == appmodel.AuthorizerCognito:
		return h.cognitoAuthorize(c)
	case h.fl == flavorREST && (a.Type == appmodel.AuthorizerToken || a.Type == appmodel.AuthorizerRequest):
		return h.restLambdaAuthorize(c)
	case h.fl == flavorHTTP && a.Type == appmodel.AuthorizerRequest:
		return h.httpLambdaAuthorize(c)
	}

	h.opts.Logger.Error("route has an authorizer type ldk does not run; the request is refused",
		"authorizer", a.Name, "type", a.Type, "route", c.m.route.routeKey)
	return nil, h.authFailure(failAuthorizer)
}

// authFailure is the gateway's answer when an authorizer refuses a call.
func (h *APIHandler) authFailure(f failure) *answer {
	return gatewayError(h.fl, f, h.opts.BodyLimit)
}

// identityValues reads the values of an authorizer's identity sources, in
// order. ok is false when one of them is missing or empty: API Gateway
// then answers 401 without calling the authorizer.
//
// Sources are named as REST APIs name them (method.request.header.X,
// method.request.querystring.X, stageVariables.X, context.X) or as HTTP
// APIs do ($request.header.X, $request.querystring.X, $stageVariables.X,
// $context.X); both forms are read for either kind of API.
func (h *APIHandler) identityValues(sources []string, in *incoming) ([]string, bool) {
	values := make([]string, 0, len(sources))
	for _, src := range sources {
		v := h.identityValue(strings.TrimPrefix(strings.TrimSpace(src), "$"), in)
		if v == "" {
			return nil, false
		}
		values = append(values, v)
	}
	return values, true
}

func (h *APIHandler) identityValue(src string, in *incoming) string {
	for _, p := range []string{"method.request.header.", "request.header."} {
		if name, ok := strings.CutPrefix(src, p); ok {
			return strings.Join(in.header.Values(name), ",")
		}
	}
	for _, p := range []string{"method.request.querystring.", "request.querystring."} {
		if name, ok := strings.CutPrefix(src, p); ok {
			_, values := parseQuery(in.rawQuery)
			vs := values[name]
			if len(vs) == 0 {
				return ""
			}
			if h.fl == flavorREST {
				return vs[len(vs)-1]
			}
			return strings.Join(vs, ",")
		}
	}
	if name, ok := strings.CutPrefix(src, "stageVariables."); ok {
		return h.api.StageVariables[name]
	}
	if name, ok := strings.CutPrefix(src, "context."); ok {
		return h.contextValue(name, in)
	}
	return ""
}

// contextValue is a $context variable an identity source may name.
func (h *APIHandler) contextValue(name string, in *incoming) string {
	switch name {
	case "requestId":
		return in.requestID
	case "stage":
		return h.api.Stage
	case "apiId":
		return h.api.ID
	case "accountId":
		return h.opts.AccountID
	case "httpMethod":
		return in.method
	case "domainName":
		return h.opts.DomainName
	case "identity.sourceIp":
		return in.sourceIP
	case "identity.userAgent":
		return in.userAgent
	}
	return ""
}

// executeARN is the methodArn (REST) or routeArn (HTTP API) of a request:
// arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>,
// with the request's path as sent, without its stage prefix and leading
// slash.
func (h *APIHandler) executeARN(in *incoming) string {
	return "arn:aws:execute-api:" + h.opts.Region + ":" + h.opts.AccountID + ":" + h.api.ID + "/" +
		h.api.Stage + "/" + in.method + "/" + strings.TrimPrefix(in.path, "/")
}

// warnAuthorizers reports, when routes are set, what will keep their
// authorizers from working as deployed: once per API, that token
// signatures are not verified; each time, Lambda authorizers that name no
// function of the app (their routes answer 500).
func (h *APIHandler) warnAuthorizers(routes []appmodel.Route) {
	orphans := map[string]bool{}
	for _, r := range routes {
		a := r.Authorizer
		if a == nil {
			continue
		}
		switch {
		case a.Type == appmodel.AuthorizerJWT || a.Type == appmodel.AuthorizerCognito:
			if h.warned.CompareAndSwap(false, true) {
				h.opts.Logger.Warn("token signatures are NOT verified: ldk checks a token's form, times, issuer, "+
					"audience and scopes, but it is offline and cannot fetch the signing keys",
					"authorizer", a.Name, "type", a.Type)
			}
		case (a.Type == appmodel.AuthorizerToken || a.Type == appmodel.AuthorizerRequest) && a.Function == "" && !orphans[a.Name]:
			orphans[a.Name] = true
			h.opts.Logger.Warn("Lambda authorizer names no function of this app; its routes answer 500 until it does",
				"authorizer", a.Name, "route", r.Method+" "+r.Path)
		}
	}
}
