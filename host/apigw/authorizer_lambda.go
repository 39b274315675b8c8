package apigw

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/invoke"
)

// restTokenSource is where a REST TOKEN authorizer finds its token when
// the input names no identity source.
const restTokenSource = "method.request.header.Authorization"

// restLambdaAuthorize runs a REST API TOKEN or REQUEST authorizer.
func (h *APIHandler) restLambdaAuthorize(c authCheck) (*grant, *answer) {
	a := c.auth
	arn := h.executeARN(c.in)
	sources := a.IdentitySource
	if a.Type == appmodel.AuthorizerToken && len(sources) == 0 {
		sources = []string{restTokenSource}
	}
	values, ok := h.identityValues(sources, c.in)
	if !ok {
		return nil, h.authFailure(failUnauthorized)
	}

	var event any
	if a.Type == appmodel.AuthorizerToken {
		token := values[0]
		if a.ValidationExpression != "" {
			re, err := h.validation(a.ValidationExpression)
			if err != nil {
				h.opts.Logger.Error("authorizer's identity validation expression is not a regular expression",
					"authorizer", a.Name, "expression", a.ValidationExpression, "error", err)
				return nil, h.authFailure(failAuthorizer)
			}
			if !re.MatchString(token) {
				return nil, h.authFailure(failUnauthorized)
			}
		}
		event = events.APIGatewayCustomAuthorizerRequest{Type: "TOKEN", AuthorizationToken: token, MethodArn: arn}
	} else {
		event = h.v1AuthorizerEvent(c, arn, map[string]any{"type": "REQUEST", "methodArn": arn})
	}

	out, latency, refused := h.callAuthorizer(c, event)
	if refused != nil {
		return nil, refused
	}
	p, err := parsePolicy(out, true)
	if err != nil {
		h.badAnswer(a, err, out)
		return nil, h.authFailure(failAuthorizer)
	}
	if refused := h.policyRefusal(p.decide(arn)); refused != nil {
		return nil, refused
	}

	g := contextStrings(p.context)
	g["principalId"] = p.principalID
	g["integrationLatency"] = latency.Milliseconds()
	return &grant{v1: g}, nil
}

// authorizerLimit is how long the gateway waits for a Lambda authorizer:
// 10 s on HTTP APIs, the integration timeout on REST APIs; 0 means no
// limit.
func (h *APIHandler) authorizerLimit() time.Duration {
	limit := h.opts.IntegrationTimeout
	if limit < 0 {
		limit = 0
	}
	if h.fl != flavorHTTP {
		return limit
	}
	a := h.opts.AuthorizerTimeout
	if a <= 0 {
		a = HTTPAuthorizerTimeout
	}
	if limit == 0 || a < limit {
		return a
	}
	return limit
}

// validation compiles a TOKEN authorizer's validation expression once per
// handler.
func (h *APIHandler) validation(expr string) (*regexp.Regexp, error) {
	if re, ok := h.regexps.Load(expr); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	h.regexps.Store(expr, re)
	return re, nil
}

// httpLambdaAuthorize runs an HTTP API Lambda (REQUEST) authorizer with
// payload format 1.0 or 2.0, answering with simple responses or a policy.
func (h *APIHandler) httpLambdaAuthorize(c authCheck) (*grant, *answer) {
	a := c.auth
	arn := h.executeARN(c.in)
	values, ok := h.identityValues(a.IdentitySource, c.in)
	if !ok {
		return nil, h.authFailure(failUnauthorized)
	}

	var event any
	if a.PayloadVersion == appmodel.Payload10 {
		extra := map[string]any{"version": "1.0", "type": "REQUEST", "methodArn": arn, "identitySource": joinComma(values)}
		if len(values) > 0 {
			extra["authorizationToken"] = values[0]
		}
		event = h.v1AuthorizerEvent(c, arn, extra)
	} else {
		event = h.v2AuthorizerEvent(c, arn, values)
	}

	out, _, refused := h.callAuthorizer(c, event)
	if refused != nil {
		return nil, refused
	}

	var ctx map[string]any
	principal := ""
	if a.SimpleResponses {
		allowed, sctx, err := parseSimple(out)
		if err != nil {
			h.badAnswer(a, err, out)
			return nil, h.authFailure(failAuthorizer)
		}
		if !allowed {
			return nil, h.authFailure(failNotAllowed)
		}
		ctx = sctx
	} else {
		p, err := parsePolicy(out, false)
		if err != nil {
			h.badAnswer(a, err, out)
			return nil, h.authFailure(failAuthorizer)
		}
		if refused := h.policyRefusal(p.decide(arn)); refused != nil {
			return nil, refused
		}
		ctx, principal = p.context, p.principalID
	}

	if ctx == nil {
		ctx = map[string]any{}
	}
	if c.m.route.route.PayloadVersion == appmodel.Payload10 {
		if principal != "" {
			ctx["principalId"] = principal
		}
		return &grant{v1: ctx}, nil
	}
	return &grant{v2: &v2Authorizer{Lambda: ctx}}, nil
}

// parseSimple reads an HTTP API simple response: {"isAuthorized": bool,
// "context": {...}}. It is read by hand rather than into aws-lambda-go's
// APIGatewayV2CustomAuthorizerSimpleResponse, which cannot tell a missing
// isAuthorized (a malformed answer, 500) from false (403).
func parseSimple(payload []byte) (bool, map[string]any, error) {
	doc, err := decodeObject(payload)
	if err != nil {
		return false, nil, err
	}
	allowed, ok := doc["isAuthorized"].(bool)
	if !ok {
		return false, nil, fmt.Errorf("%w: isAuthorized is missing or not a boolean", errBadAnswer)
	}
	ctx, err := answerContext(doc["context"], false)
	return allowed, ctx, err
}

// policyRefusal is the answer refusing a call a policy does not allow.
func (h *APIHandler) policyRefusal(d decision) *answer {
	switch d {
	case decisionDeny:
		return h.authFailure(failDenied)
	case decisionNotAllowed:
		return h.authFailure(failNotAllowed)
	}
	return nil
}

// badAnswer logs an authorizer answer the gateway cannot read.
func (h *APIHandler) badAnswer(a *appmodel.Authorizer, err error, out []byte) {
	h.opts.Logger.Error("authorizer function returned an answer API Gateway cannot read",
		"authorizer", a.Name, "function", a.Function, "error", err, "answer", truncate(out, 1024))
}

// callAuthorizer invokes the authorizer's function with event through the
// same invoker as the routes, so its logs carry its name. It returns the
// function's answer and how long it took, or the answer refusing the
// request: 401 when the function failed with the message "Unauthorized",
// 500 for any other failure.
func (h *APIHandler) callAuthorizer(c authCheck, event any) ([]byte, time.Duration, *answer) {
	a := c.auth
	log := h.opts.Logger.With("authorizer", a.Name, "function", a.Function)
	if a.Function == "" {
		log.Error("authorizer names no function of this app; requests to its routes fail until it does")
		return nil, 0, h.authFailure(failAuthorizer)
	}
	payload, err := marshalEvent(event)
	if err != nil {
		log.Error("building the authorizer's event", "error", err)
		return nil, 0, h.authFailure(failAuthorizer)
	}

	ctx := c.r.Context()
	limit := h.authorizerLimit()
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	start := h.opts.Now()
	res, err := h.inv.Invoke(ctx, invoke.Request{Function: a.Function, Payload: payload})
	latency := h.opts.Now().Sub(start)

	var throttled *invoke.ThrottledError
	switch {
	case err != nil && c.r.Context().Err() != nil:
		return nil, 0, h.authFailure(failBadRequest)
	case err != nil && ctx.Err() == context.DeadlineExceeded:
		log.Error("authorizer function did not answer within the time API Gateway waits for it", "limit", limit)
		return nil, 0, h.authFailure(failAuthorizer)
	case errors.Is(err, invoke.ErrNotFound):
		log.Error("authorizer function is not in the app; requests to its routes fail", "error", err)
		return nil, 0, h.authFailure(failAuthorizer)
	case errors.As(err, &throttled):
		log.Warn("authorizer function is at its concurrency limit", "limit", throttled.Limit)
		return nil, 0, h.authFailure(failThrottled)
	case err == nil && res == nil:
		err = errors.New("the invoker returned no result")
	}
	if err != nil {
		log.Error("invoking authorizer function", "error", err)
		return nil, 0, h.authFailure(failAuthorizer)
	}

	if res.ErrorType != "" {
		var fe struct {
			ErrorMessage string `json:"errorMessage"`
		}
		_ = json.Unmarshal(res.Payload, &fe)
		if fe.ErrorMessage == "Unauthorized" {
			return nil, 0, h.authFailure(failUnauthorized)
		}
		log.Error("authorizer function failed", "error_type", res.ErrorType, "error", truncate(res.Payload, 1024))
		return nil, 0, h.authFailure(failAuthorizer)
	}
	return res.Payload, latency, nil
}
