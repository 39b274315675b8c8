package apigw

import (
	"encoding/base64"
	"mime"
	"path"
	"strings"
	"unicode/utf8"
)

// httpTextTypes are the content types an HTTP API (payload 2.0 and 1.0)
// and a function URL pass to a function as text. Every other body, one
// without a Content-Type and form posts included, arrives base64-encoded.
var httpTextTypes = map[string]bool{
	"application/json":       true,
	"application/xml":        true,
	"application/javascript": true,
}

// bodyRule says how a front door decides whether a request body travels
// base64-encoded in the event.
type bodyRule struct {
	// rest is set for REST APIs: only bodies whose content type matches
	// one of binaryTypes are base64-encoded.
	rest        bool
	binaryTypes []string
}

// httpRule is the rule of HTTP APIs and function URLs.
var httpRule = bodyRule{}

// binary reports whether a body must be base64-encoded in an event.
//
// A body that is not valid UTF-8 is always base64-encoded: ldk does not
// replace its bytes to make it text, so the function gets them intact.
func (r bodyRule) binary(contentType string, body []byte) bool {
	if !utf8.Valid(body) {
		return true
	}
	mt := mediaType(contentType)
	if r.rest {
		return matchesMediaType(mt, r.binaryTypes)
	}
	return !strings.HasPrefix(mt, "text/") && !httpTextTypes[mt]
}

// mediaType is the lower-case type/subtype of a Content-Type header, ""
// when there is none.
func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// matchesMediaType reports whether a media type matches one of a REST
// API's binary media types, which may use "*" for the type or subtype
// ("image/*", "*/*").
func matchesMediaType(mt string, types []string) bool {
	if mt == "" {
		return false
	}
	for _, t := range types {
		if ok, err := path.Match(strings.ToLower(strings.TrimSpace(t)), mt); err == nil && ok {
			return true
		}
	}
	return false
}

// eventBody returns the body as an event carries it: nil when empty,
// base64 when the rule says so.
func eventBody(in *incoming, rule bodyRule) (*string, bool) {
	if len(in.body) == 0 {
		return nil, false
	}
	if rule.binary(in.header.Get("Content-Type"), in.body) {
		s := base64.StdEncoding.EncodeToString(in.body)
		return &s, true
	}
	s := string(in.body)
	return &s, false
}
