package runtimeapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// ErrClosed is returned by Invoke once the Endpoint is closed.
var ErrClosed = errors.New("runtime api endpoint closed")

// ErrNotTaken is wrapped, with the reason, in the error of an Invoke that
// ended before the worker took the invocation. A backend may then safely
// retry it on another worker: the handler never saw it.
var ErrNotTaken = errors.New("the worker did not take the invocation")

// Endpoint serves the Runtime API to one worker on its own loopback port.
// It is safe for concurrent use, but a worker serves one invocation at a
// time: a second Invoke waits until the worker polls for it.
type Endpoint struct {
	ln  net.Listener
	srv *http.Server

	// next carries invocations to the worker's GET .../next.
	next   chan *pending
	closed chan struct{}
	close  sync.Once

	mu       sync.Mutex
	inflight map[string]*pending
	readyAt  time.Time
	ready    chan struct{}
	initErr  *Response
	initDone chan struct{}
}

// pending is an invocation between Invoke and the worker's answer.
type pending struct {
	inv  Invocation
	done chan Response
}

// Listen opens an Endpoint on 127.0.0.1 with a port chosen by the system.
func Listen() (*Endpoint, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening for the runtime api on 127.0.0.1: %w", err)
	}

	e := &Endpoint{
		ln:       ln,
		next:     make(chan *pending),
		closed:   make(chan struct{}),
		inflight: make(map[string]*pending),
		ready:    make(chan struct{}),
		initDone: make(chan struct{}),
	}
	e.srv = &http.Server{
		Handler:           e.routes(),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = e.srv.Serve(ln) }()

	return e, nil
}

// Addr is the value for the worker's AWS_LAMBDA_RUNTIME_API ("127.0.0.1:port").
func (e *Endpoint) Addr() string { return e.ln.Addr().String() }

// Ready is closed when the worker first polls for an invocation, that is
// when its initialisation is over.
func (e *Endpoint) Ready() <-chan struct{} { return e.ready }

// ReadyAt is when the worker first polled for an invocation (zero before).
func (e *Endpoint) ReadyAt() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()

	return e.readyAt
}

// InitError is closed when the worker posts .../init/error; InitResponse
// then returns what it posted.
func (e *Endpoint) InitError() <-chan struct{} { return e.initDone }

// InitResponse returns the init error the worker posted, or nil.
func (e *Endpoint) InitResponse() *Response {
	e.mu.Lock()
	defer e.mu.Unlock()

	return e.initErr
}

// Invoke hands inv to the worker and waits for its answer. It returns an
// InitFailed response when the worker reports an init error instead, and
// ctx's cause when ctx ends first (wrapped with ErrNotTaken if the worker
// had not taken the invocation yet); the caller then owns the worker's
// fate, since its state is unknown.
func (e *Endpoint) Invoke(ctx context.Context, inv Invocation) (Response, error) {
	p := &pending{inv: inv, done: make(chan Response, 1)}

	e.mu.Lock()
	if _, dup := e.inflight[inv.RequestID]; dup {
		e.mu.Unlock()
		return Response{}, fmt.Errorf("invoking request %q: request id already in flight", inv.RequestID)
	}
	e.inflight[inv.RequestID] = p
	e.mu.Unlock()

	defer func() {
		e.mu.Lock()
		delete(e.inflight, inv.RequestID)
		e.mu.Unlock()
	}()

	select {
	case e.next <- p:
	case <-e.initDone:
		return *e.InitResponse(), nil
	case <-e.closed:
		return Response{}, fmt.Errorf("%w: %w", ErrNotTaken, ErrClosed)
	case <-ctx.Done():
		return Response{}, fmt.Errorf("%w: %w", ErrNotTaken, context.Cause(ctx))
	}

	select {
	case r := <-p.done:
		return r, nil
	case <-e.closed:
		return Response{}, ErrClosed
	case <-ctx.Done():
		return Response{}, context.Cause(ctx)
	}
}

// Close stops serving and fails every Invoke in progress with ErrClosed.
// The worker's open long poll is cut.
func (e *Endpoint) Close() error {
	var err error
	e.close.Do(func() {
		close(e.closed)
		err = e.srv.Close()
	})

	return err
}
