package host

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strconv"
	"sync"

	"github.com/ldkdev/ldk/appmodel"
)

// Updated says what Update did to the listeners.
type Updated struct {
	// Added and Removed are the listeners opened and closed.
	Added, Removed []*Listener
}

// Empty reports whether no listener was opened or closed.
func (u Updated) Empty() bool { return len(u.Added)+len(u.Removed) == 0 }

// routeSetter is an API handler whose routes can be replaced in place
// (*apigw.APIHandler is one).
type routeSetter interface {
	SetRoutes(routes []appmodel.Route) error
}

// Update brings the running server in line with a reloaded app, without
// restarting the listeners that stay: an API or function URL that is new
// gets a listener (on its planned port, or the next free one), one that is
// gone has its listener closed once the requests it serves end, and the
// handlers of the others are replaced (an API's routes in place). The
// ready file is rewritten and every new URL printed. Errors (a port in
// use) are returned joined; everything else is still applied.
func (s *Server) Update(app *appmodel.App) (Updated, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	old := s.app
	s.app = app
	planned, err := s.plan.Plan(app)
	if err != nil {
		// Two pins on one port: keep the ports the server has, count the
		// new listeners from the base port.
		planned, _ = PortPlan{Host: s.plan.Host, BasePort: s.plan.BasePort, AWSPort: s.plan.AWSPort}.Plan(app)
	}

	current := map[string]*Listener{}
	for _, l := range s.listeners {
		current[l.Kind+"/"+l.Name] = l
	}
	var (
		up   Updated
		errs []error
		keep []*Listener
	)
	if err != nil {
		errs = append(errs, err)
	}
	wanted := map[string]bool{}
	for _, p := range planned {
		wanted[p.Kind+"/"+p.Name] = true
	}
	// Close first, so that a renamed API can take over its old port.
	var staying []*Listener
	for _, l := range s.listeners {
		if wanted[l.Kind+"/"+l.Name] {
			staying = append(staying, l)
			continue
		}
		up.Removed = append(up.Removed, l)
		s.close(l)
	}
	s.listeners = staying

	for _, p := range planned {
		key := p.Kind + "/" + p.Name
		l, ok := current[key]
		if !ok {
			l = p
			if err := s.open(l); err != nil {
				errs = append(errs, err)
				continue
			}
			up.Added = append(up.Added, l)
		}
		if err := s.rebuild(l, old, app, !ok); err != nil {
			errs = append(errs, err)
			if !ok {
				l.ln.Close()
				up.Added = up.Added[:len(up.Added)-1]
				continue
			}
		}
		if !ok {
			s.serve(l)
		}
		keep = append(keep, l)
	}
	s.listeners = keep

	s.ready = describe(app, s.host, s.listeners)
	if s.readyFile != "" {
		if err := writeReadyFile(s.readyFile, s.ready); err != nil {
			errs = append(errs, err)
		}
	}
	if s.opts.Out != nil && len(up.Added) > 0 {
		printURLs(s.opts.Out, describe(app, s.host, up.Added))
	}
	return up, errors.Join(errs...)
}

// open binds a new listener: on its planned port when that is free among
// the server's listeners, else on the next free one counting from the
// base port.
func (s *Server) open(l *Listener) error {
	used := map[int]bool{}
	for _, o := range s.listeners {
		used[o.Port] = true
	}
	if l.Port != 0 && used[l.Port] {
		l.Port = s.plan.BasePort
		for used[l.Port] || l.Port == s.plan.AWSPort {
			l.Port++
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(s.host, strconv.Itoa(l.Port)))
	if err != nil {
		return fmt.Errorf("opening a listener for %s %s on port %d: %w; move it with %s", l.Kind, l.Name, l.Port, err, l.Setting)
	}
	l.ln = ln
	l.Port = ln.Addr().(*net.TCPAddr).Port
	return nil
}

// rebuild gives l the handler the new app calls for: a kept API whose
// settings are unchanged gets its routes set in place, any other API or
// function URL a new handler. The AWS endpoint's handler stays.
func (s *Server) rebuild(l *Listener, old, app *appmodel.App, fresh bool) error {
	h := s.opts.Handlers
	switch l.Kind {
	case ListenAPI:
		api, routes := apiOf(app, l.Name)
		if rs, ok := l.Handler.(routeSetter); ok && !fresh {
			if prev, _ := apiOf(old, l.Name); reflect.DeepEqual(prev, api) {
				return rs.SetRoutes(routes)
			}
		}
		hd, err := h.API(api, routes)
		if err != nil {
			return fmt.Errorf("building API %q: %w", l.Name, err)
		}
		l.setHandler(hd)
	case ListenFunctionURL:
		for _, u := range app.FunctionURLs {
			if u.Function == l.Name {
				hd, err := h.FunctionURL(u)
				if err != nil {
					return fmt.Errorf("building the function URL of %q: %w", l.Name, err)
				}
				l.setHandler(hd)
			}
		}
	case ListenAWS:
		if fresh {
			l.setHandler(h.AWS)
		}
	}
	return nil
}

// close stops l accepting and lets its requests in progress finish in the
// background, up to DefaultShutdownTimeout. It returns once the port is
// free.
func (s *Server) close(l *Listener) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), DefaultShutdownTimeout)
		defer cancel()
		if err := l.fresh.shutdown(ctx, l.srv); err != nil {
			l.srv.Close()
		}
	}()
	if cn, ok := l.ln.(*closeNotifier); ok {
		<-cn.closed
	}
}

// closeNotifier is a listener that says when it is closed: Shutdown
// closes it first, then waits for requests in progress.
type closeNotifier struct {
	net.Listener
	once   sync.Once
	closed chan struct{}
}

func notifyClose(ln net.Listener) *closeNotifier {
	return &closeNotifier{Listener: ln, closed: make(chan struct{})}
}

func (c *closeNotifier) Close() error {
	err := c.Listener.Close()
	c.once.Do(func() { close(c.closed) })
	return err
}

// apiOf returns an app's API with a name and its routes.
func apiOf(app *appmodel.App, name string) (appmodel.API, []appmodel.Route) {
	var api appmodel.API
	var routes []appmodel.Route
	for _, a := range app.APIs {
		if a.Name == name {
			api = a
		}
	}
	for _, r := range app.Routes {
		if r.API == name {
			routes = append(routes, r)
		}
	}
	return api, routes
}
