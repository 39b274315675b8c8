package apigw

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
)

// TestOverLoopback serves a handler on a real 127.0.0.1 listener and checks
// what a plain HTTP client receives: separate Set-Cookie lines and a binary
// body byte for byte.
func TestOverLoopback(t *testing.T) {
	t.Parallel()
	inv := ok(`{"statusCode":200,"cookies":["a=1","b=2"],"headers":{"content-type":"image/png"},"body":"iVBORw0KGgo=","isBase64Encoded":true}`)
	h, err := NewAPIHandler(ordersAPI, ordersRoutes(), inv, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	req, err := http.NewRequest("POST", srv.URL+"/orders", bytes.NewReader([]byte{0xff, 0xd8, 0xff}))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "image/jpeg")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}

	if res.StatusCode != 200 || !bytes.Equal(body, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("got %d %q, want 200 and the PNG signature", res.StatusCode, body)
	}
	if diff := cmp.Diff([]string{"a=1", "b=2"}, res.Header.Values("Set-Cookie")); diff != "" {
		t.Errorf("Set-Cookie (-want +got):\n%s", diff)
	}
	if got := res.Header.Get("Content-Type"); got != "image/png" {
		t.Errorf("Content-Type = %q, want image/png", got)
	}
	var ev struct {
		Body            string `json:"body"`
		IsBase64Encoded bool   `json:"isBase64Encoded"`
	}
	if err := json.Unmarshal(inv.reqs[0].Payload, &ev); err != nil || ev.Body != "/9j/" || !ev.IsBase64Encoded {
		t.Errorf("event body %q base64 %v (%v), want \"/9j/\" true", ev.Body, ev.IsBase64Encoded, err)
	}
}

// TestSetRoutesWhileServing swaps route tables while requests are served;
// run with -race.
func TestSetRoutesWhileServing(t *testing.T) {
	t.Parallel()
	h, err := NewAPIHandler(ordersAPI, ordersRoutes(), ok(`{}`), testOptions())
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			routes := ordersRoutes()
			if i%2 == 0 {
				routes = append(routes, appmodel.Route{API: "OrdersApi", Method: "GET", Path: "/extra", Function: "extra"})
			}
			if err := h.SetRoutes(routes); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", "/orders/1", nil, nil))
			if rec.Code != 200 {
				t.Errorf("status %d during a swap, want 200", rec.Code)
				return
			}
		}
	}()
	wg.Wait()
}
