package host

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// routesHandler answers with its API name and route paths; it counts the
// SetRoutes calls so a test can tell an in-place swap from a rebuild.
type routesHandler struct {
	api   string
	mu    sync.Mutex
	gen   int
	paths []string
}

func (h *routesHandler) SetRoutes(routes []appmodel.Route) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	h.paths = nil
	for _, r := range routes {
		h.paths = append(h.paths, r.Path)
	}
	return nil
}

func (h *routesHandler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(w, "%s gen %d: %s", h.api, h.gen, strings.Join(h.paths, " "))
}

// held is a function URL handler that answers once released.
type held struct {
	arrived chan struct{}
	release chan struct{}
}

func (h *held) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	close(h.arrived)
	<-h.release
	io.WriteString(w, "finished")
}

func get(t *testing.T, url string) (string, error) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestUpdate(t *testing.T) {
	before := &appmodel.App{
		APIs:         []appmodel.API{{Name: "Orders", Kind: "http", Stage: "$default"}},
		Routes:       []appmodel.Route{{API: "Orders", Method: "GET", Path: "/orders"}},
		FunctionURLs: []appmodel.FunctionURL{{Function: "gone"}},
	}
	after := &appmodel.App{
		APIs: []appmodel.API{{Name: "Orders", Kind: "http", Stage: "$default"}, {Name: "Shop", Kind: "rest", Stage: "prod"}},
		Routes: []appmodel.Route{{API: "Orders", Method: "GET", Path: "/orders"},
			{API: "Orders", Method: "POST", Path: "/orders"}, {API: "Shop", Method: "GET", Path: "/items"}},
	}

	urlHandler := &held{arrived: make(chan struct{}), release: make(chan struct{})}
	srv, err := Bind(before, PortPlan{Host: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	readyFile := filepath.Join(t.TempDir(), "ready.json")
	var out strings.Builder
	err = srv.Serve(ServeOptions{
		Handlers: Handlers{
			API: func(api appmodel.API, routes []appmodel.Route) (http.Handler, error) {
				h := &routesHandler{api: api.Name}
				return h, h.SetRoutes(routes)
			},
			FunctionURL: func(appmodel.FunctionURL) (http.Handler, error) { return urlHandler, nil },
			AWS:         http.NotFoundHandler(),
		},
		ReadyFile: readyFile,
		Out:       &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	first := srv.Ready()

	// A request in progress on the function URL that the reload removes.
	inflight := make(chan string, 1)
	go func() {
		body, err := get(t, first.FunctionURLs[0].URL)
		if err != nil {
			body = err.Error()
		}
		inflight <- body
	}()
	<-urlHandler.arrived

	up, err := srv.Update(after)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if len(up.Added) != 1 || up.Added[0].Name != "Shop" || len(up.Removed) != 1 || up.Removed[0].Name != "gone" {
		t.Fatalf("added %v, removed %v; want Shop added and gone removed", up.Added, up.Removed)
	}
	now := srv.Ready()

	tests := []struct {
		name string
		url  string
		want string
	}{
		{name: "kept API on its port with routes set in place", url: first.APIs[0].URL, want: "Orders gen 2: /orders /orders"},
		{name: "added API on a new listener", url: now.APIs[1].URL, want: "Shop gen 1: /items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := get(t, tt.url)
			if err != nil || got != tt.want {
				t.Errorf("GET %s: %q, %v; want %q", tt.url, got, err, tt.want)
			}
		})
	}

	close(urlHandler.release)
	if got := <-inflight; got != "finished" {
		t.Errorf("request in progress on the removed listener got %q, want it finished", got)
	}
	// The removed listener closes once its request is answered.
	for {
		_, err := get(t, first.FunctionURLs[0].URL)
		if errors.Is(err, syscall.ECONNREFUSED) {
			break
		}
	}

	data, err := os.ReadFile(readyFile)
	if err != nil {
		t.Fatal(err)
	}
	var fromFile Ready
	if err := json.Unmarshal(data, &fromFile); err != nil {
		t.Fatal(err)
	}
	if len(fromFile.APIs) != 2 || fromFile.APIs[1].URL != now.APIs[1].URL || len(fromFile.FunctionURLs) != 0 {
		t.Errorf("ready file after the update: %s", data)
	}
	if want := now.APIs[1].URL + "/items"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks the new route %q:\n%s", want, out.String())
	}
}
