package bench

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// floor times a GET against a minimal HTTP server in this process that
// answers "hello": what loopback HTTP and the client's own stack cost on
// this machine under its current load, with no ldk in between. The warm
// figures include this much.
func (r *run) floor() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening for the loopback floor: %w", err)
	}
	srv := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("hello")) }),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.Serve(ln)
	defer srv.Close()

	url := "http://" + ln.Addr().String() + "/"
	call := func() error { return get(url) }
	if _, err := timed(r.counts.WarmUp, call); err != nil {
		return err
	}
	s, err := timed(r.counts.Warm, call)
	if err != nil {
		return err
	}
	r.add(Figure{
		Name: "floor: loopback HTTP round trip, no ldk", Unit: "ms", N: len(s),
		Median: ms(s.Median()), P99: ms(s.P99()),
		Note: "client and a Go server in the bench process",
	})
	return nil
}
