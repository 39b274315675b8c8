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
	a := &answer{header: http.Header{}}
	a.header.Set("Content-Type", "application/json")
	switch fl {
	case flavorREST:
		restError(a, f, limit)
	case flavorHTTP:
		httpAPIError(a, f)
	default:
		urlError(a, f)
	}
	return a
}

func restError(a *answer, f failure, limit int64) {
	switch f {
	case failNoRoute:
		a.status = http.StatusForbidden
		a.header.Set("X-Amzn-Errortype", "MissingAuthenticationTokenException")
		a.body = []byte(`{"message":"Missing Authentication Token"}`)
	case failThrottled:
		a.status = http.StatusTooManyRequests
		a.header.Set("X-Amzn-Errortype", "TooManyRequestsException")
		a.body = []byte(`{"message":"Too Many Requests"}`)
	case failTooLarge:
		a.status = http.StatusRequestEntityTooLarge
		a.body = []byte(fmt.Sprintf("HTTP content length exceeded %d bytes.", limit))
	case failBadRequest:
		a.status = http.StatusBadRequest
		a.header.Set("X-Amzn-Errortype", "BadRequestException")
		a.body = []byte(`{"message":"Bad Request"}`)
	case failUnauthorized:
		a.status = http.StatusUnauthorized
		a.header.Set("X-Amzn-Errortype", "UnauthorizedException")
		a.body = []byte(`{"message":"Unauthorized"}`)
	case failDenied:
		a.status = http.StatusForbidden
		a.header.Set("X-Amzn-Errortype", "AccessDeniedException")
		a.body = []byte(`{"Message":"User is not authorized to access this resource with an explicit deny"}`)
	case failNotAllowed:
		a.status = http.StatusForbidden
		a.header.Set("X-Amzn-Errortype", "AccessDeniedException")
		a.body = []byte(`{"Message":"User is not authorized to access this resource"}`)
	case failAuthorizer:
		a.status = http.StatusInternalServerError
		a.header.Set("X-Amzn-Errortype", "AuthorizerConfigurationException")
		a.body = []byte(`{"message": null}`)
	case failUnsigned:
		a.status = http.StatusForbidden
		a.header.Set("X-Amzn-Errortype", "MissingAuthenticationTokenException")
		a.body = []byte(`{"message":"Missing Authentication Token"}`)
	case failTimeout:
		a.status = http.StatusGatewayTimeout
		a.body = []byte(`{"message": "Endpoint request timed out"}`)
	case failUnserved:
		a.status = http.StatusInternalServerError
		a.header.Set("X-Amzn-Errortype", "InternalServerErrorException")
		a.body = []byte(`{"message": "Internal server error"}`)
	default:
		a.status = http.StatusBadGateway
		a.header.Set("X-Amzn-Errortype", "InternalServerErrorException")
		a.body = []byte(`{"message": "Internal server error"}`)
	}
}

func httpAPIError(a *answer, f failure) {
	switch f {
	case failNoRoute:
		a.status = http.StatusNotFound
		a.body = []byte(`{"message":"Not Found"}`)
	case failThrottled:
		a.status = http.StatusTooManyRequests
		a.body = []byte(`{"message":"Too Many Requests"}`)
	case failTooLarge:
		a.status = http.StatusRequestEntityTooLarge
		a.body = []byte(`{"message":"Request Entity Too Large"}`)
	case failBadRequest:
		a.status = http.StatusBadRequest
		a.body = []byte(`{"message":"Bad Request"}`)
	case failUnauthorized:
		a.status = http.StatusUnauthorized
		a.body = []byte(`{"message":"Unauthorized"}`)
	case failDenied, failNotAllowed, failUnsigned:
		a.status = http.StatusForbidden
		a.body = []byte(`{"message":"Forbidden"}`)
	case failTimeout:
		a.status = http.StatusServiceUnavailable
		a.body = []byte(`{"message":"Service Unavailable"}`)
	default:
		a.status = http.StatusInternalServerError
		a.body = []byte(`{"message":"Internal Server Error"}`)
	}
}

func urlError(a *answer, f failure) {
	switch f {
	case failThrottled:
		a.status = http.StatusTooManyRequests
		a.body = []byte(`{"message":"Too Many Requests"}`)
	case failTooLarge:
		a.status = http.StatusRequestEntityTooLarge
		a.body = []byte(`{"message":"Request Entity Too Large"}`)
	case failBadRequest:
		a.status = http.StatusBadRequest
		a.body = []byte(`{"message":"Bad Request"}`)
	case failUnsigned:
		a.status = http.StatusForbidden
		a.header.Set("X-Amzn-Errortype", "AccessDeniedException")
		a.body = []byte(`{"Message":"Forbidden"}`)
	default:
		a.status = http.StatusBadGateway
		a.body = []byte(`Internal Server Error`)
	}
}

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
