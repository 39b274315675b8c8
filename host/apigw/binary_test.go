package apigw

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// TestBodyEncoding checks which request bodies reach a function
// base64-encoded: HTTP APIs and function URLs pass text/*,
// application/json, application/xml and application/javascript as text and
// everything else base64; REST APIs base64 only what matches the API's
// binary media types. A body that is not valid UTF-8 is always base64.
func TestBodyEncoding(t *testing.T) {
	t.Parallel()
	httpAPI := []appmodel.Route{
		{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: "POST", Path: "/v2", Function: "fn", PayloadVersion: appmodel.Payload20},
		{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: "POST", Path: "/v1", Function: "fn", PayloadVersion: appmodel.Payload10},
	}
	restRoutes := []appmodel.Route{
		{API: "ShopApi", Kind: appmodel.KindREST, Method: "POST", Path: "/upload", Function: "fn", PayloadVersion: appmodel.Payload10},
	}
	restPlain := shopAPI
	restBinary := shopAPI
	restBinary.BinaryMediaTypes = []string{"image/*", "application/octet-stream"}
	restAll := shopAPI
	restAll.BinaryMediaTypes = []string{"*/*"}

	const form = "name=tea&qty=2"
	formB64 := base64.StdEncoding.EncodeToString([]byte(form))
	tests := []struct {
		name        string
		door        string // "http", "rest" or "url"
		api         appmodel.API
		target      string
		contentType string
		body        []byte
		wantBody    string
		wantB64     bool
	}{
		{"http_v2_form_is_base64", "http", ordersAPI, "/v2", "application/x-www-form-urlencoded", []byte(form), formB64, true},
		{"http_v1_form_is_base64", "http", ordersAPI, "/v1", "application/x-www-form-urlencoded", []byte(form), formB64, true},
		{"http_v2_no_content_type_is_base64", "http", ordersAPI, "/v2", "", []byte("hi"), "aGk=", true},
		{"http_v2_multipart_is_base64", "http", ordersAPI, "/v2", "multipart/form-data; boundary=x", []byte("--x--"), "LS14LS0=", true},
		{"http_v2_json_suffix_is_base64", "http", ordersAPI, "/v2", "application/vnd.api+json", []byte(`{}`), "e30=", true},
		{"http_v2_text_plain_charset", "http", ordersAPI, "/v2", "text/plain; charset=utf-8", []byte("héllo"), "héllo", false},
		{"http_v2_text_csv", "http", ordersAPI, "/v2", "text/csv", []byte("a,b"), "a,b", false},
		{"http_v2_json", "http", ordersAPI, "/v2", "application/json", []byte(`{"a":1}`), `{"a":1}`, false},
		{"http_v2_xml", "http", ordersAPI, "/v2", "application/xml", []byte("<a/>"), "<a/>", false},
		{"http_v2_javascript", "http", ordersAPI, "/v2", "Application/JavaScript", []byte("f()"), "f()", false},
		{"http_v2_text_not_utf8_is_base64", "http", ordersAPI, "/v2", "text/plain", []byte{'a', 0xff, 'b'}, "Yf9i", true},
		{"http_v1_json", "http", ordersAPI, "/v1", "application/json", []byte(`[]`), `[]`, false},
		{"url_form_is_base64", "url", appmodel.API{}, "/", "application/x-www-form-urlencoded", []byte(form), formB64, true},
		{"url_json", "url", appmodel.API{}, "/", "application/json", []byte(`{}`), `{}`, false},
		{"rest_form_is_text", "rest", restPlain, "/prod/upload", "application/x-www-form-urlencoded", []byte(form), form, false},
		{"rest_no_binary_types_image_is_text", "rest", restPlain, "/prod/upload", "image/svg+xml", []byte("<svg/>"), "<svg/>", false},
		{"rest_binary_type_wildcard", "rest", restBinary, "/prod/upload", "image/png", []byte("PNG"), "UE5H", true},
		{"rest_binary_type_exact", "rest", restBinary, "/prod/upload", "application/octet-stream", []byte("raw"), "cmF3", true},
		{"rest_unlisted_type_is_text", "rest", restBinary, "/prod/upload", "application/json", []byte(`{}`), `{}`, false},
		{"rest_star_star", "rest", restAll, "/prod/upload", "application/json", []byte(`{}`), "e30=", true},
		{"rest_not_utf8_is_base64", "rest", restPlain, "/prod/upload", "text/plain", []byte{0xc3, 0x28}, "wyg=", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inv := ok(`{"statusCode":204}`)
			var h http.Handler
			var err error
			switch tc.door {
			case "http":
				h, err = NewAPIHandler(tc.api, httpAPI, inv, testOptions())
			case "rest":
				h, err = NewAPIHandler(tc.api, restRoutes, inv, testOptions())
			default:
				h = NewFunctionURLHandler(appmodel.FunctionURL{Function: "fn", AuthType: "NONE"}, inv, testOptions())
			}
			if err != nil {
				t.Fatal(err)
			}

			header := http.Header{}
			if tc.contentType != "" {
				header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("POST", tc.target, tc.body, header))
			if rec.Code != http.StatusNoContent || len(inv.reqs) != 1 {
				t.Fatalf("status %d after %d invocations, want 204 after 1: %s", rec.Code, len(inv.reqs), rec.Body)
			}

			var ev struct {
				Body            *string `json:"body"`
				IsBase64Encoded bool    `json:"isBase64Encoded"`
			}
			if err := json.Unmarshal(inv.reqs[0].Payload, &ev); err != nil {
				t.Fatal(err)
			}
			if ev.Body == nil || *ev.Body != tc.wantBody || ev.IsBase64Encoded != tc.wantB64 {
				t.Errorf("body %v, isBase64Encoded %v; want %q, %v", deref(ev.Body), ev.IsBase64Encoded, tc.wantBody, tc.wantB64)
			}
		})
	}
}

// TestLargeFormBody sends 4 MB of NUL bytes as a form to an HTTP API: the
// event carries them base64 (5.3 MB), under the 6 MB a function accepts,
// where JSON-escaping them as text would make 24 MB and a 413.
func TestLargeFormBody(t *testing.T) {
	t.Parallel()
	body := make([]byte, 4<<20)
	inv := ok(`{"statusCode":204}`)
	routes := []appmodel.Route{{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: "ANY", Path: "$default", Function: "fn", PayloadVersion: appmodel.Payload20}}
	h, err := NewAPIHandler(ordersAPI, routes, inv, testOptions())
	if err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("POST", "/form", body, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}))
	if rec.Code != http.StatusNoContent || len(inv.reqs) != 1 {
		t.Fatalf("status %d after %d invocations, want 204 after 1: %s", rec.Code, len(inv.reqs), rec.Body)
	}

	var ev struct {
		Body            string `json:"body"`
		IsBase64Encoded bool   `json:"isBase64Encoded"`
	}
	if err := json.Unmarshal(inv.reqs[0].Payload, &ev); err != nil {
		t.Fatal(err)
	}
	got, err := base64.StdEncoding.DecodeString(ev.Body)
	if err != nil || !ev.IsBase64Encoded || !bytes.Equal(got, body) {
		t.Errorf("isBase64Encoded %v, decoded %d bytes (err %v); want true and the 4194304 NUL bytes", ev.IsBase64Encoded, len(got), err)
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
