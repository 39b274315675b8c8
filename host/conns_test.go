package host

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ldkdev/ldk/appmodel"
)

// TestShutdownClosesSilentConnections stops a server while a client holds
// a connection it has sent nothing on, as a browser's preconnect does.
// net/http alone would wait 5 s for it to count as idle; the shutdown must
// not wait for it (a bound shorter than that would be missed) and must
// close it.
func TestShutdownClosesSilentConnections(t *testing.T) {
	app := &appmodel.App{APIs: []appmodel.API{{Name: "Orders", Kind: "http", Stage: "$default"}}}
	srv, err := Bind(app, PortPlan{Host: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	err = srv.Serve(ServeOptions{
		Handlers: Handlers{
			API: func(appmodel.API, []appmodel.Route) (http.Handler, error) { return http.NotFoundHandler(), nil },
			AWS: http.NotFoundHandler(),
		},
		Out: io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}

	var conns []net.Conn
	for _, u := range []string{srv.Ready().APIs[0].URL, srv.Ready().AWSEndpoint} {
		c, err := net.Dial("tcp", strings.TrimPrefix(u, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	// A request answered first, so the server has surely seen both.
	if _, err := http.Get(srv.Ready().APIs[0].URL + "/x"); err != nil {
		t.Fatal(err)
	}

	// The bound is shorter than net/http's 5 s for new connections: with
	// them left open, Shutdown would give up with the deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v, want nil: the silent connections carry nothing", err)
	}
	for i, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second)) // only keeps a broken server from hanging the test
		if n, err := c.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
			t.Errorf("connection %d after shutdown: read %d bytes, %v; want it closed by the server (EOF)", i, n, err)
		}
	}
}
