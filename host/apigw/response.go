package apigw

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// answer is an HTTP response about to be written.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// errMalformed marks a function result the gateway cannot turn into HTTP.
var errMalformed = errors.New("malformed function response")

// v1Result is the response a payload 1.0 function returns.
type v1Result struct {
	StatusCode        json.RawMessage  `json:"statusCode"`
	Headers           map[string]any   `json:"headers"`
	MultiValueHeaders map[string][]any `json:"multiValueHeaders"`
	Body              *string          `json:"body"`
	IsBase64Encoded   bool             `json:"isBase64Encoded"`
}

// v2Result is the response a payload 2.0 function returns when it sets
// statusCode.
type v2Result struct {
	StatusCode      json.RawMessage `json:"statusCode"`
	Headers         map[string]any  `json:"headers"`
	Cookies         []string        `json:"cookies"`
	Body            *string         `json:"body"`
	IsBase64Encoded bool            `json:"isBase64Encoded"`
}

// mapV1Response turns a payload 1.0 result into an answer. The result must
// be a JSON object with a statusCode.
func mapV1Response(payload []byte) (*answer, error) {
	trimmed := bytes.TrimSpace(payload)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, fmt.Errorf("%w: the result is not a JSON object", errMalformed)
	}

	var res v1Result
	if err := json.Unmarshal(trimmed, &res); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}

	a := &answer{header: http.Header{}}
	var err error
	if a.status, err = statusOf(res.StatusCode); err != nil {
		return nil, err
	}
	if err := addHeaders(a.header, res.Headers); err != nil {
		return nil, err
	}
	for k, vs := range res.MultiValueHeaders {
		if skipHeader(k) {
			continue
		}
		a.header.Del(k)
		for _, v := range vs {
			s, err := scalarString(k, v)
			if err != nil {
				return nil, err
			}
			a.header.Add(k, s)
		}
	}
	if a.body, err = bodyOf(res.Body, res.IsBase64Encoded); err != nil {
		return nil, err
	}
	return a, nil
}

// mapV2Response turns a payload 2.0 result into an answer. A JSON value
// without statusCode is a 200 with that value as the JSON body.
func mapV2Response(payload []byte) (*answer, error) {
	trimmed := bytes.TrimSpace(payload)
	if !json.Valid(trimmed) {
		return nil, fmt.Errorf("%w: the result is not JSON", errMalformed)
	}

	var probe map[string]json.RawMessage
	if trimmed[0] != '{' || json.Unmarshal(trimmed, &probe) != nil || probe["statusCode"] == nil {
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		return &answer{status: http.StatusOK, header: h, body: trimmed}, nil
	}

	var res v2Result
	if err := json.Unmarshal(trimmed, &res); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}

	a := &answer{header: http.Header{}}
	var err error
	if a.status, err = statusOf(res.StatusCode); err != nil {
		return nil, err
	}
	if err := addHeaders(a.header, res.Headers); err != nil {
		return nil, err
	}
	for _, c := range res.Cookies {
		a.header.Add("Set-Cookie", c)
	}
	if a.body, err = bodyOf(res.Body, res.IsBase64Encoded); err != nil {
		return nil, err
	}
	return a, nil
}

// statusOf reads statusCode: a number or a numeric string, 100 to 599.
func statusOf(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, fmt.Errorf("%w: statusCode is missing", errMalformed)
	}
	text := strings.Trim(string(raw), `"`)
	code, err := strconv.Atoi(text)
	if err != nil || code < 100 || code > 599 {
		return 0, fmt.Errorf("%w: statusCode %s is not an HTTP status", errMalformed, raw)
	}
	return code, nil
}

// addHeaders copies single-value headers of a result.
func addHeaders(h http.Header, headers map[string]any) error {
	for k, v := range headers {
		if skipHeader(k) {
			continue
		}
		s, err := scalarString(k, v)
		if err != nil {
			return err
		}
		h.Set(k, s)
	}
	return nil
}

// skipHeader drops headers the gateway itself owns.
func skipHeader(k string) bool {
	switch strings.ToLower(k) {
	case "content-length", "transfer-encoding", "connection":
		return true
	}
	return k == ""
}

// scalarString renders a header value: strings, numbers and booleans.
func scalarString(name string, v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", fmt.Errorf("%w: header %q has a value that is not a string", errMalformed, name)
}

// bodyOf decodes a result body.
func bodyOf(body *string, b64 bool) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	if !b64 {
		return []byte(*body), nil
	}
	out, err := base64.StdEncoding.DecodeString(*body)
	if err != nil {
		return nil, fmt.Errorf("%w: isBase64Encoded is true but body is not base64: %v", errMalformed, err)
	}
	return out, nil
}

// write sends the answer. A missing content type is application/json, and
// Go's content sniffing is never applied.
func (a *answer) write(w http.ResponseWriter) {
	h := w.Header()
	for k, vs := range a.header {
		h[k] = vs
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	if a.status < 200 || a.status == http.StatusNoContent || a.status == http.StatusNotModified {
		w.WriteHeader(a.status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}
