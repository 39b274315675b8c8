package apigw

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// Route classes, most specific first.
const (
	classExact = iota
	classParam
	classGreedy
	classDefault
)

// segment kinds of a compiled route path.
const (
	segLiteral = iota
	segParam
	segGreedy
)

type segment struct {
	kind int
	// text is the literal, or the parameter name without braces or "+".
	text string
}

// compiledRoute is a route ready to match request paths.
type compiledRoute struct {
	route    appmodel.Route
	class    int
	segments []segment
	// routeKey is "GET /orders/{id}" or "$default".
	routeKey string
}

// routeTable is an immutable set of compiled routes, ordered so that the
// first match is the best one.
type routeTable struct {
	routes []compiledRoute
}

// match is a route chosen for a request, with its path parameters.
type match struct {
	route  *compiledRoute
	params map[string]string
}

// compileRoutes checks and orders routes. A path must start with "/" or be
// "$default"; parameters are whole segments, and a greedy parameter comes
// last.
func compileRoutes(routes []appmodel.Route) (*routeTable, error) {
	t := &routeTable{routes: make([]compiledRoute, 0, len(routes))}
	for _, r := range routes {
		c, err := compileRoute(r)
		if err != nil {
			return nil, fmt.Errorf("compiling route %q of API %q: %w", r.Method+" "+r.Path, r.API, err)
		}
		t.routes = append(t.routes, c)
	}
	sort.SliceStable(t.routes, func(i, j int) bool { return moreSpecific(&t.routes[i], &t.routes[j]) })
	return t, nil
}

func compileRoute(r appmodel.Route) (compiledRoute, error) {
	c := compiledRoute{route: r}
	if r.Method == "" {
		return c, fmt.Errorf("route has no method")
	}
	if r.Path == "$default" {
		c.class = classDefault
		c.routeKey = "$default"
		return c, nil
	}
	if !strings.HasPrefix(r.Path, "/") {
		return c, fmt.Errorf("path must start with \"/\" or be \"$default\"")
	}
	c.routeKey = r.Method + " " + r.Path
	c.class = classExact
	parts := splitPath(r.Path)
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "+}"):
			if i != len(parts)-1 {
				return c, fmt.Errorf("greedy parameter %s must be the last segment", p)
			}
			c.segments = append(c.segments, segment{kind: segGreedy, text: p[1 : len(p)-2]})
			c.class = classGreedy
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}"):
			c.segments = append(c.segments, segment{kind: segParam, text: p[1 : len(p)-1]})
			if c.class == classExact {
				c.class = classParam
			}
		case strings.ContainsAny(p, "{}"):
			return c, fmt.Errorf("segment %q mixes text and a parameter; use a whole segment like {name}", p)
		default:
			c.segments = append(c.segments, segment{kind: segLiteral, text: p})
		}
	}
	return c, nil
}

// moreSpecific orders routes: class first, then segment by segment (a
// literal beats a parameter beats a greedy one), then a longer path, then a
// named method before ANY.
func moreSpecific(a, b *compiledRoute) bool {
	if a.class != b.class {
		return a.class < b.class
	}
	for i := 0; i < len(a.segments) && i < len(b.segments); i++ {
		if a.segments[i].kind != b.segments[i].kind {
			return a.segments[i].kind < b.segments[i].kind
		}
	}
	if len(a.segments) != len(b.segments) {
		return len(a.segments) > len(b.segments)
	}
	return a.route.Method != "ANY" && b.route.Method == "ANY"
}

// splitPath splits "/a/b/" into ["a", "b", ""]; "/" gives none.
func splitPath(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// find returns the best route for a method and a decoded path, or nil.
func (t *routeTable) find(method, path string) *match {
	parts := splitPath(path)
	for i := range t.routes {
		c := &t.routes[i]
		if c.route.Method != "ANY" && c.route.Method != method {
			continue
		}
		if params, ok := c.matchPath(parts); ok {
			return &match{route: c, params: params}
		}
	}
	return nil
}

// matchPath reports whether the path segments fit the route, and the path
// parameters when they do. A greedy parameter needs at least one segment,
// so "/files/{proxy+}" does not match "/files".
func (c *compiledRoute) matchPath(parts []string) (map[string]string, bool) {
	if c.class == classDefault {
		return nil, true
	}
	var params map[string]string
	for i, s := range c.segments {
		if s.kind == segGreedy {
			rest := parts[min(i, len(parts)):]
			if len(rest) == 0 || (len(rest) == 1 && rest[0] == "") {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s.text] = strings.Join(rest, "/")
			return params, true
		}
		if i >= len(parts) {
			return nil, false
		}
		switch s.kind {
		case segLiteral:
			if parts[i] != s.text {
				return nil, false
			}
		case segParam:
			if parts[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s.text] = parts[i]
		}
	}
	if len(parts) != len(c.segments) {
		return nil, false
	}
	return params, true
}
