// Package apigw serves an app's HTTP front doors on loopback: one handler per
// API Gateway REST API or HTTP API, and one per Lambda function URL.
//
// A handler matches each request to a route, turns it into the exact event
// the real service sends (REST payload 1.0, HTTP API payload 2.0 or 1.0, the
// function URL payload), hands it to an invoke.Invoker, and maps the
// function's result back to HTTP the way the real service does, errors
// included.
//
// # Use
//
//	h, err := apigw.NewAPIHandler(api, app.Routes, invoker, apigw.Options{
//		AccountID: env.Account, Region: env.Region, Logger: log,
//	})
//	// serve h on its own 127.0.0.1 listener; on reload:
//	err = h.SetRoutes(newApp.Routes)
//
//	u := apigw.NewFunctionURLHandler(fnURL, invoker, apigw.Options{...})
//
// # Decisions where AWS is not observable locally
//
//   - Route matching follows API Gateway: an exact path beats a path with
//     parameters, which beats a greedy {proxy+}, which beats $default; a
//     route with the request's method beats ANY on the same path.
//   - REST APIs answer at the root ("/items") and under the stage
//     ("/prod/items"); requestContext.path always carries the stage.
//   - HTTP APIs and function URLs pass a request body as text when its
//     content type is text/*, application/json, application/xml or
//     application/javascript, and base64 otherwise (forms and bodies with
//     no Content-Type included), as observed on AWS. REST APIs base64 a
//     body only when its type matches the API's binary media types. A body
//     that is not valid UTF-8 is always base64: ldk keeps its bytes rather
//     than turn it into text.
//   - A route whose integration ldk does not run (HTTP, MOCK, an AWS
//     service, a function outside the app) still matches and answers 500;
//     a REST MOCK integration with a fixed answer (route.Mock) gets it.
//   - A function response without a content-type header is sent as
//     application/json, as API Gateway does.
//   - A throttled invocation (the function is at its concurrency cap)
//     answers 429 {"message":"Too Many Requests"} on every front door.
//   - An API waits 29 s (REST) or 30 s (HTTP API) for its function, then
//     answers 504 {"message": "Endpoint request timed out"} or 503
//     {"message":"Service Unavailable"}, as API Gateway's integration
//     timeouts do. Function URLs wait as long as the function may run.
//   - Header names of REST events are Go's canonical form of what the
//     client sent (Go's HTTP server does not keep the original case).
//
// # Authorizers
//
// A route's authorizer runs before its function: Lambda authorizers (REST
// TOKEN and REQUEST, HTTP API REQUEST with payload 1.0 or 2.0, simple or
// policy answers) through the same invoker as the routes, JWT and Cognito
// authorizers and AWS_IAM in the handler. What an authorizer hands on goes
// into the route's requestContext.authorizer (and identity for AWS_IAM);
// its refusals are API Gateway's answers, byte for byte.
//
//   - Authorizer results are not cached, whatever the TTL: every request
//     runs the authorizer, so an edit to it shows on the next request.
//   - Token and SigV4 signatures are not verified: ldk is offline and
//     cannot fetch signing keys or know your credentials. JWTs are checked
//     for form, exp/nbf/iat, issuer, audience and scopes; Cognito tokens
//     for form, times and scopes; AWS_IAM for the presence of a signature.
//     An API with JWT or Cognito routes warns once when its routes are set.
//   - A route whose authorizer function is missing keeps being served: it
//     answers 500 (REST: AuthorizerConfigurationException) and the log
//     names the authorizer and the function.
//   - A REST policy's context values reach the function as strings, with
//     principalId and integrationLatency; an HTTP API's keep their JSON
//     types.
package apigw
