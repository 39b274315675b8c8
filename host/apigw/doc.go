// Package apigw serves an app's HTTP front doors on loopback: one handler per
// API Gateway REST API or HTTP API, and one per Lambda function URL.
//
// A handler matches each request to a route, turns it into the exact event
// the real service sends (REST payload 1.0, HTTP API payload 2.0 or 1.0, the
// function URL payload), hands it to an invoke.Invoker, and maps the
// function's result back to HTTP the way the real service does, errors
// included.
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
//   - Header names of REST events are Go's canonical form of what the
//     client sent (Go's HTTP server does not keep the original case).
package apigw
