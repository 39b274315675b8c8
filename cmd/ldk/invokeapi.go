package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/lambdaapi"
)

// invokeAPIGrace bounds how long ldk invoke lets Event invocations the
// function queued through the Lambda API finish once it has its result.
const invokeAPIGrace = 5 * time.Second

// oneShotLambdaAPI is the Lambda Invoke API ldk invoke serves on a free
// loopback port while its function runs, so that a function invoking
// another reaches it through AWS_ENDPOINT_URL_LAMBDA as under ldk dev.
type oneShotLambdaAPI struct {
	ln      net.Listener
	srv     *http.Server
	handler *lambdaapi.Handler
	served  chan error

	closeOnce sync.Once
	closeErr  error
}

// listenLambdaAPI opens the listener; its endpoint is known before the
// runtime that needs it is built.
func listenLambdaAPI() (*oneShotLambdaAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("opening the Lambda API for the function on 127.0.0.1: %w", err)
	}
	return &oneShotLambdaAPI{ln: ln}, nil
}

// endpoint is the URL functions are given as AWS_ENDPOINT_URL_LAMBDA.
func (a *oneShotLambdaAPI) endpoint() string {
	return "http://" + a.ln.Addr().String()
}

// serve answers Invoke API calls for fns through inv until close.
func (a *oneShotLambdaAPI) serve(inv invoke.Invoker, fns []appmodel.Function, env appmodel.Env, logger hclog.Logger) {
	a.handler = lambdaapi.NewHandler(inv, fns, lambdaapi.Options{
		AccountID: env.Account, Region: env.Region, Logger: logger.Named("lambda"),
	})
	a.srv = &http.Server{Handler: a.handler, ReadHeaderTimeout: 10 * time.Second}
	a.served = make(chan error, 1)
	go func() { a.served <- a.srv.Serve(a.ln) }()
}

// close stops the listener, letting calls in flight and queued Event
// invocations finish for at most invokeAPIGrace. Calls after the first
// return its result.
func (a *oneShotLambdaAPI) close() error {
	a.closeOnce.Do(func() { a.closeErr = a.shutdown() })
	return a.closeErr
}

func (a *oneShotLambdaAPI) shutdown() error {
	if a.srv == nil {
		return a.ln.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), invokeAPIGrace)
	defer cancel()
	err := errors.Join(a.srv.Shutdown(ctx), a.handler.Close(ctx))
	if serveErr := <-a.served; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // the function's own calls were cut: it has its result
	}
	return err
}
