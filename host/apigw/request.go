package apigw

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// incoming is what the event builders need from an HTTP request, read once.
type incoming struct {
	method string
	// path is the decoded request path with any stage prefix removed, as
	// routes see it.
	path string
	// rawPath is the path as sent (escaped), stage included.
	rawPath string
	// rawQuery is the query string as sent, without "?".
	rawQuery  string
	header    http.Header
	host      string
	body      []byte
	sourceIP  string
	userAgent string
	protocol  string
	localPort string
	now       time.Time
	requestID string
}

// errTooLarge is returned by readIncoming for a body above the limit.
var errTooLarge = errors.New("request body too large")

// readIncoming reads the request body up to limit bytes and captures the
// rest of the request. It returns errTooLarge, before reading anything,
// when Content-Length already says the body is too large.
func readIncoming(r *http.Request, limit int64, now time.Time, requestID string) (*incoming, error) {
	if r.ContentLength > limit {
		return nil, errTooLarge
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, err
	}

	if int64(len(body)) > limit {
		return nil, errTooLarge
	}

	in := &incoming{
		method:    r.Method,
		path:      r.URL.Path,
		rawPath:   r.URL.EscapedPath(),
		rawQuery:  r.URL.RawQuery,
		header:    r.Header,
		host:      r.Host,
		body:      body,
		userAgent: r.UserAgent(),
		protocol:  r.Proto,
		now:       now.UTC(),
		requestID: requestID,
	}
	if in.path == "" {
		in.path = "/"
		in.rawPath = "/"
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		in.sourceIP = host
	} else {
		in.sourceIP = r.RemoteAddr
	}
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, port, err := net.SplitHostPort(addr.String()); err == nil {
			in.localPort = port
		}
	}
	return in, nil
}

// parseQuery splits a raw query string into keys and their values in the
// order sent. Pairs that do not decode are kept as sent.
func parseQuery(raw string) (keys []string, values map[string][]string) {
	if raw == "" {
		return nil, nil
	}
	values = map[string][]string{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k = unescapeQuery(k)
		v = unescapeQuery(v)
		if _, seen := values[k]; !seen {
			keys = append(keys, k)
		}
		values[k] = append(values[k], v)
	}
	if len(values) == 0 {
		return nil, nil
	}
	return keys, values
}

func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}
