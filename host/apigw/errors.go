package apigw

import (
	"fmt"
	"net/http"
)

// flavor is the kind of front door an answer comes from; each has its own
// error bodies and identifying headers.
type flavor int

const (
	flavorREST flavor = iota
	flavorHTTP
	flavorURL
)

// failure is a reason the gateway answers on its own, without a function
// result.
type failure int

const (
	failNoRoute failure = iota
	failFunction
	failThrottled
	failTooLarge
	failBadRequest
	failTimeout
	// failUnauthorized: an authorizer found no credentials or refused them
	// as invalid (401).
	failUnauthorized
	// failDenied: a Lambda authorizer's policy explicitly denies the call.
	failDenied
	// failNotAllowed: no statement of a Lambda authorizer's policy allows
	// the call, or a simple response said no, or a token lacks the
	// route's scopes.
	failNotAllowed
	// failAuthorizer: the authorizer failed or answered something the
	// gateway cannot read (AuthorizerConfigurationException).
	failAuthorizer
	// failUnsigned: an AWS_IAM route or URL got a request without a
	// SigV4 signature.
	failUnsigned
	// failUnserved: the route matched has an integration ldk does not
	// serve (HTTP, MOCK, AWS service, a function outside the app).
	failUnserved
)

// gatewayError returns the answer API Gateway (or the function URL service)
// gives for a failure, byte for byte.
func gatewayError(fl flavor, f failure, limit int64) *answer {
	table, e := urlErrors, urlDefault
	switch fl {
	case flavorREST:
		table, e = restErrors, restDefault
	case flavorHTTP:
		table, e = httpAPIErrors, httpAPIDefault
	}
	if known, ok := table[f]; ok {
		e = known
	}
	a := &answer{header: http.Header{}, status: e.status, body: []byte(e.body)}
	a.header.Set("Content-Type", "application/json")
	if e.errType != "" {
		a.header.Set("X-Amzn-Errortype", e.errType)
	}
	if fl == flavorREST && f == failTooLarge {
		a.body = []byte(fmt.Sprintf("HTTP content length exceeded %d bytes.", limit))
	}
	return a
}

// errorAnswer is what a front door sends for one failure: the status, the
// x-amzn-ErrorType header ("" for none) and the body.
type errorAnswer struct {
	status  int
	errType string
	body    string
}

// REST APIs name most failures in x-amzn-ErrorType; a body too large
// names the limit (filled in by gatewayError).
var (
	restErrors = map[failure]errorAnswer{
		failNoRoute:      {http.StatusForbidden, "MissingAuthenticationTokenException", `{"message":"Missing Authentication Token"}`},
		failThrottled:    {http.StatusTooManyRequests, "TooManyRequestsException", `{"message":"Too Many Requests"}`},
		failTooLarge:     {http.StatusRequestEntityTooLarge, "", ""},
		failBadRequest:   {http.StatusBadRequest, "BadRequestException", `{"message":"Bad Request"}`},
		failUnauthorized: {http.StatusUnauthorized, "UnauthorizedException", `{"message":"Unauthorized"}`},
		failDenied: {http.StatusForbidden, "AccessDeniedException",
			`{"Message":"User is not authorized to access this resource with an explicit deny"}`},
		failNotAllowed: {http.StatusForbidden, "AccessDeniedException", `{"Message":"User is not authorized to access this resource"}`},
		failAuthorizer: {http.StatusInternalServerError, "AuthorizerConfigurationException", `{"message": null}`},
		failUnsigned:   {http.StatusForbidden, "MissingAuthenticationTokenException", `{"message":"Missing Authentication Token"}`},
		failTimeout:    {http.StatusGatewayTimeout, "", `{"message": "Endpoint request timed out"}`},
		failUnserved:   {http.StatusInternalServerError, "InternalServerErrorException", `{"message": "Internal server error"}`},
	}
	restDefault = errorAnswer{http.StatusBadGateway, "InternalServerErrorException", `{"message": "Internal server error"}`}

	httpAPIErrors = map[failure]errorAnswer{
		failNoRoute:      {http.StatusNotFound, "", `{"message":"Not Found"}`},
		failThrottled:    {http.StatusTooManyRequests, "", `{"message":"Too Many Requests"}`},
		failTooLarge:     {http.StatusRequestEntityTooLarge, "", `{"message":"Request Entity Too Large"}`},
		failBadRequest:   {http.StatusBadRequest, "", `{"message":"Bad Request"}`},
		failUnauthorized: {http.StatusUnauthorized, "", `{"message":"Unauthorized"}`},
		failDenied:       {http.StatusForbidden, "", `{"message":"Forbidden"}`},
		failNotAllowed:   {http.StatusForbidden, "", `{"message":"Forbidden"}`},
		failUnsigned:     {http.StatusForbidden, "", `{"message":"Forbidden"}`},
		failTimeout:      {http.StatusServiceUnavailable, "", `{"message":"Service Unavailable"}`},
	}
	httpAPIDefault = errorAnswer{http.StatusInternalServerError, "", `{"message":"Internal Server Error"}`}

	urlErrors = map[failure]errorAnswer{
		failThrottled:  {http.StatusTooManyRequests, "", `{"message":"Too Many Requests"}`},
		failTooLarge:   {http.StatusRequestEntityTooLarge, "", `{"message":"Request Entity Too Large"}`},
		failBadRequest: {http.StatusBadRequest, "", `{"message":"Bad Request"}`},
		failUnsigned:   {http.StatusForbidden, "AccessDeniedException", `{"Message":"Forbidden"}`},
	}
	urlDefault = errorAnswer{http.StatusBadGateway, "", `Internal Server Error`}
)

// stamp adds the identifying headers the service puts on every answer.
func stamp(a *answer, fl flavor, requestID string) {
	switch fl {
	case flavorREST:
		a.header.Set("X-Amzn-Requestid", requestID)
		a.header.Set("X-Amz-Apigw-Id", shortRequestID(requestID))
	case flavorHTTP:
		a.header.Set("Apigw-Requestid", requestID)
	default:
		a.header.Set("X-Amzn-Requestid", requestID)
	}
}
