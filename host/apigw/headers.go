package apigw

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// requestTimeLayout is the format of requestContext.requestTime and time.
const requestTimeLayout = "02/Jan/2006:15:04:05 +0000"

// allHeaders returns the request's headers with Host and the forwarding
// headers API Gateway adds, names in Go's canonical form.
//
// TODO: REST APIs pass header names as the client wrote them; net/http
// canonicalizes them before ldk sees them, so a client sending
// "x-api-key" shows up in a REST event as "X-Api-Key". Code that looks
// headers up case-insensitively is unaffected.
func (in *incoming) allHeaders() http.Header {
	h := make(http.Header, len(in.header)+4)
	for k, vs := range in.header {
		h[k] = vs
	}
	if in.host != "" && h.Get("Host") == "" {
		h.Set("Host", in.host)
	}
	if h.Get("X-Forwarded-For") == "" && in.sourceIP != "" {
		h.Set("X-Forwarded-For", in.sourceIP)
	}
	if h.Get("X-Forwarded-Port") == "" && in.localPort != "" {
		h.Set("X-Forwarded-Port", in.localPort)
	}
	if h.Get("X-Forwarded-Proto") == "" {
		h.Set("X-Forwarded-Proto", "http")
	}
	return h
}

// v1Headers builds headers (last value wins) and multiValueHeaders. Names
// are lower-cased when lower is set (HTTP API payload 1.0). Both are nil
// when there are no headers.
func v1Headers(h http.Header, lower bool) (map[string]string, map[string][]string) {
	if len(h) == 0 {
		return nil, nil
	}
	single := make(map[string]string, len(h))
	multi := make(map[string][]string, len(h))
	for k, vs := range h {
		if lower {
			k = strings.ToLower(k)
		}
		multi[k] = append(multi[k], vs...)
		single[k] = multi[k][len(multi[k])-1]
	}
	return single, multi
}

// v2Headers builds lower-cased headers with repeats comma-joined, and
// splits the Cookie header out into cookies.
func v2Headers(h http.Header) (map[string]string, []string) {
	headers := make(map[string]string, len(h))
	var cookies []string
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := h[k]
		lk := strings.ToLower(k)
		if lk == "cookie" {
			for _, v := range vs {
				for _, c := range strings.Split(v, ";") {
					if c = strings.TrimSpace(c); c != "" {
						cookies = append(cookies, c)
					}
				}
			}
			continue
		}
		joined := strings.Join(vs, ",")
		if prev, ok := headers[lk]; ok {
			joined = prev + "," + joined
		}
		headers[lk] = joined
	}
	return headers, cookies
}

// domainPrefix is the first label of a host name.
func domainPrefix(domain string) string {
	p, _, _ := strings.Cut(domain, ".")
	return p
}

// marshalEvent encodes an event as API Gateway does: "&", "<" and ">" stay
// as they are rather than Go's \u0026 escapes.
func marshalEvent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
