package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
)

// Server limits: slow or oversized clients are cut off by these, never by
// a function's timeout.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 1 << 20
	// DefaultShutdownTimeout bounds how long in-flight requests may take
	// to finish after Ctrl-C.
	DefaultShutdownTimeout = 15 * time.Second
)

// Handlers builds the handler of each listener.
type Handlers struct {
	API         func(api appmodel.API, routes []appmodel.Route) (http.Handler, error)
	FunctionURL func(u appmodel.FunctionURL) (http.Handler, error)
	AWS         http.Handler
}

// ServeOptions configures Serve.
type ServeOptions struct {
	Handlers  Handlers
	ReadyFile string
	// Out receives the table of URLs and the ready line.
	Out    io.Writer
	Logger hclog.Logger
}

// Server is the set of listeners of one ldk dev run. Update changes the
// set while it serves.
type Server struct {
	host     string
	plan     PortPlan
	wg       sync.WaitGroup
	serveErr chan error

	// mu guards what Update changes.
	mu        sync.Mutex
	app       *appmodel.App
	listeners []*Listener
	opts      ServeOptions
	readyFile string
	ready     Ready
}

// maxServeErrors bounds the errors kept for Errors; more are dropped, as
// the first one already ends ldk dev.
const maxServeErrors = 16

// Bind plans the ports of every listener the app needs and opens them all,
// or none: a port in use is an error naming it and the setting that moves
// it. Nothing is served until Serve.
func Bind(app *appmodel.App, ports PortPlan) (*Server, error) {
	ls, err := ports.Plan(app)
	if err != nil {
		return nil, err
	}
	if err := bind(ports.Host, ls); err != nil {
		return nil, err
	}
	return &Server{app: app, host: ports.Host, plan: ports, listeners: ls, serveErr: make(chan error, maxServeErrors)}, nil
}

// AWSEndpoint is the base URL of the AWS-compatible listener.
func (s *Server) AWSEndpoint() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.listeners {
		if l.Kind == ListenAWS {
			return l.URL(s.host)
		}
	}
	return ""
}

// Serve builds every handler, starts serving, prints the URL table and the
// ready line, and writes the ready file. On error every listener is closed.
func (s *Server) Serve(opts ServeOptions) error {
	if opts.Logger == nil {
		opts.Logger = hclog.NewNullLogger()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts = opts
	if err := buildHandlers(s.app, opts.Handlers, s.listeners); err != nil {
		s.shutdownLocked(context.Background())
		return err
	}
	for _, l := range s.listeners {
		s.serve(l)
	}

	s.ready = describe(s.app, s.host, s.listeners)
	// The ready file comes first: whoever reads "ready" may read it.
	if opts.ReadyFile != "" {
		if err := writeReadyFile(opts.ReadyFile, s.ready); err != nil {
			s.shutdownLocked(context.Background())
			return err
		}
		s.readyFile = opts.ReadyFile
	}
	if opts.Out != nil {
		printTable(opts.Out, s.ready)
		fmt.Fprintln(opts.Out, "ready")
	}
	return nil
}

// serve starts serving l with its Handler. Callers hold s.mu.
func (s *Server) serve(l *Listener) {
	l.setHandler(l.Handler)
	l.ln = notifyClose(l.ln)
	l.srv = &http.Server{
		Handler:           http.HandlerFunc(l.serveHTTP),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ConnState:         l.fresh.track,
		ErrorLog:          s.opts.Logger.Named(l.Name).StandardLogger(&hclog.StandardLoggerOptions{InferLevels: true}),
	}
	s.wg.Add(1)
	go func(srv *http.Server, ln net.Listener) {
		defer s.wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			select {
			case s.serveErr <- fmt.Errorf("serving %s %s on port %d: %w", l.Kind, l.Name, l.Port, err):
			default:
			}
		}
	}(l.srv, l.ln)
}

func buildHandlers(app *appmodel.App, h Handlers, ls []*Listener) error {
	for _, l := range ls {
		switch l.Kind {
		case ListenAPI:
			var api appmodel.API
			var routes []appmodel.Route
			for _, a := range app.APIs {
				if a.Name == l.Name {
					api = a
				}
			}
			for _, r := range app.Routes {
				if r.API == l.Name {
					routes = append(routes, r)
				}
			}
			hd, err := h.API(api, routes)
			if err != nil {
				return fmt.Errorf("building API %q: %w", l.Name, err)
			}
			l.Handler = hd
		case ListenFunctionURL:
			for _, u := range app.FunctionURLs {
				if u.Function == l.Name {
					hd, err := h.FunctionURL(u)
					if err != nil {
						return fmt.Errorf("building the function URL of %q: %w", l.Name, err)
					}
					l.Handler = hd
				}
			}
		case ListenAWS:
			l.Handler = h.AWS
		}
	}
	return nil
}

// Ready returns what the server announced last.
func (s *Server) Ready() Ready {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready
}

// Listeners returns the bound listeners, in plan order.
func (s *Server) Listeners() []*Listener {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Listener(nil), s.listeners...)
}

// Errors delivers an error when a listener stops serving on its own.
func (s *Server) Errors() <-chan error { return s.serveErr }

// Shutdown stops accepting, lets in-flight requests finish until ctx ends,
// then closes what is left and removes the ready file.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdownLocked(ctx)
}

func (s *Server) shutdownLocked(ctx context.Context) error {
	// Every listener stops accepting at once; then each waits, in
	// parallel, for its own requests in flight.
	errs := make([]error, len(s.listeners))
	var wg sync.WaitGroup
	for i, l := range s.listeners {
		if l.srv == nil {
			if l.ln != nil {
				l.ln.Close()
				l.ln = nil
			}
			continue
		}
		wg.Add(1)
		go func(i int, l *Listener) {
			defer wg.Done()
			if err := l.fresh.shutdown(ctx, l.srv); err != nil {
				l.srv.Close()
				errs[i] = fmt.Errorf("stopping %s %s: %w", l.Kind, l.Name, err)
			}
		}(i, l)
	}
	wg.Wait()
	var first error
	for _, err := range errs {
		if err != nil {
			first = err
			break
		}
	}
	s.wg.Wait()
	if s.readyFile != "" {
		if err := os.Remove(s.readyFile); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
	}
	return first
}
