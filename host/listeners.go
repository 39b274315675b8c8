package host

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync/atomic"
	"syscall"

	"github.com/ldkdev/ldk/appmodel"
)

// Listener kinds.
const (
	ListenAPI         = "api"
	ListenFunctionURL = "functionUrl"
	ListenAWS         = "aws"
)

// Listener is one port ldk serves: an API, a function URL, or the
// AWS-compatible endpoint.
type Listener struct {
	Kind string
	// Name is the API name, the function name of a URL, or "aws".
	Name string
	Port int
	// Setting names the flag or ldk.yaml key that moves this port, for
	// error messages.
	Setting string
	Handler http.Handler

	ln    net.Listener
	srv   *http.Server
	fresh freshConns
	// current is the handler requests reach; a reload swaps it without
	// touching the listener.
	current atomic.Pointer[http.Handler]
}

// setHandler makes h the handler of the next requests.
func (l *Listener) setHandler(h http.Handler) {
	l.Handler = h
	l.current.Store(&h)
}

func (l *Listener) serveHTTP(w http.ResponseWriter, r *http.Request) {
	(*l.current.Load()).ServeHTTP(w, r)
}

// describe names the listener for messages: "API OrdersApi", "the
// function URL of orders-get", "the AWS endpoint".
func (l *Listener) describe() string {
	switch l.Kind {
	case ListenAPI:
		return "API " + l.Name
	case ListenFunctionURL:
		return "the function URL of " + l.Name
	default:
		return "the AWS endpoint"
	}
}

// URL is the base URL of the listener on host.
func (l *Listener) URL(host string) string {
	return "http://" + net.JoinHostPort(host, strconv.Itoa(l.Port))
}

// PortPlan says which port each listener gets. A base port of 0 puts every
// API and function URL on an ephemeral port, as an AWS port of 0 does for
// the AWS endpoint; the ready file then tells where they are.
type PortPlan struct {
	Host     string
	BasePort int
	AWSPort  int
	// Pinned ports by API name and by function name (function URLs).
	APIPorts map[string]int
	URLPorts map[string]int
}

// Plan assigns ports: APIs in name order, then function URLs in function
// name order, counting up from the base port and skipping pinned ports;
// the AWS endpoint gets its own port. Two listeners on one port is an error.
func (p PortPlan) Plan(app *appmodel.App) ([]*Listener, error) {
	taken := map[int]string{p.AWSPort: "the AWS endpoint"}
	for name, port := range p.APIPorts {
		taken[port] = "API " + name
	}
	for name, port := range p.URLPorts {
		taken[port] = "the function URL of " + name
	}
	next := p.BasePort
	nextFree := func() int {
		if p.BasePort == 0 {
			return 0 // every listener on an ephemeral port (tests, scripts)
		}
		for {
			if _, used := taken[next]; !used {
				next++
				return next - 1
			}
			next++
		}
	}

	var out []*Listener
	apis := append([]appmodel.API(nil), app.APIs...)
	sort.SliceStable(apis, func(i, j int) bool { return apis[i].Name < apis[j].Name })
	for _, api := range apis {
		l := &Listener{Kind: ListenAPI, Name: api.Name,
			Setting: fmt.Sprintf("--port, or ports.apis.%s in ldk.yaml", api.Name)}
		if port, ok := p.APIPorts[api.Name]; ok {
			l.Port = port
		} else {
			l.Port = nextFree()
		}
		out = append(out, l)
	}
	urls := append([]appmodel.FunctionURL(nil), app.FunctionURLs...)
	sort.SliceStable(urls, func(i, j int) bool { return urls[i].Function < urls[j].Function })
	for _, u := range urls {
		l := &Listener{Kind: ListenFunctionURL, Name: u.Function,
			Setting: fmt.Sprintf("--port, or ports.function_urls.%s in ldk.yaml", u.Function)}
		if port, ok := p.URLPorts[u.Function]; ok {
			l.Port = port
		} else {
			l.Port = nextFree()
		}
		out = append(out, l)
	}
	out = append(out, &Listener{Kind: ListenAWS, Name: "aws", Port: p.AWSPort,
		Setting: "--aws-port, or aws_port in ldk.yaml"})

	seen := map[int]*Listener{}
	for _, l := range out {
		if other, ok := seen[l.Port]; ok && l.Port != 0 {
			return nil, fmt.Errorf("port %d is given to both %s %q and %s %q; pin one elsewhere (%s)",
				l.Port, other.Kind, other.Name, l.Kind, l.Name, l.Setting)
		}
		seen[l.Port] = l
	}
	return out, nil
}

// bind opens every listener or none: on the first failure the ones already
// open are closed and the error names the port and the setting that moves it.
func bind(host string, ls []*Listener) error {
	for i, l := range ls {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(l.Port)))
		if err != nil {
			for _, done := range ls[:i] {
				done.ln.Close()
				done.ln = nil
			}
			if errors.Is(err, syscall.EADDRINUSE) {
				return fmt.Errorf("port %d (%s) is in use; move it with %s", l.Port, l.describe(), l.Setting)
			}
			return fmt.Errorf("listening on %s:%d for %s %s: %w", host, l.Port, l.Kind, l.Name, err)
		}
		l.ln = ln
		l.Port = ln.Addr().(*net.TCPAddr).Port
	}
	return nil
}
