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
//   - A request body is base64-encoded in the event when it is not valid
//     UTF-8 or its content type is binary (image/*, audio/*, video/*,
//     application/octet-stream, application/pdf, application/zip, ...).
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
package apigw
