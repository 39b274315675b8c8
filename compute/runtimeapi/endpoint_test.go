package runtimeapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// worker plays the runtime side of the API with a plain HTTP client.
type worker struct {
	t    *testing.T
	base string
}

func newWorker(t *testing.T, e *Endpoint) *worker {
	return &worker{t: t, base: "http://" + e.Addr() + "/2018-06-01/runtime"}
}

// next polls for an invocation and returns its headers and body.
func (w *worker) next() (http.Header, string) {
	w.t.Helper()

	resp, err := http.Get(w.base + "/invocation/next")
	if err != nil {
		w.t.Fatalf("polling next: %v", err)
	}
	defer resp.Body.Close()

	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		w.t.Fatalf("next answered %d %s", resp.StatusCode, body)
	}

	return resp.Header, string(body)
}

// post sends body to path and returns the status and answer.
func (w *worker) post(path, body string, header map[string]string) (int, string) {
	w.t.Helper()

	req, _ := http.NewRequest(http.MethodPost, w.base+path, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}

	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatalf("posting %s: %v", path, err)
	}
	defer resp.Body.Close()

	answer, _ := io.ReadAll(resp.Body)

	return resp.StatusCode, strings.TrimSpace(string(answer))
}

func listen(t *testing.T) *Endpoint {
	t.Helper()

	e, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })

	if !strings.HasPrefix(e.Addr(), "127.0.0.1:") {
		t.Fatalf("Addr() = %q, want a 127.0.0.1 address", e.Addr())
	}

	return e
}

// invokeAsync runs Invoke in the background.
func invokeAsync(ctx context.Context, e *Endpoint, inv Invocation) <-chan result {
	ch := make(chan result, 1)
	go func() {
		r, err := e.Invoke(ctx, inv)
		ch <- result{r, err}
	}()

	return ch
}

type result struct {
	resp Response
	err  error
}

func TestInitErrorFailsWaitingInvoke(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)

	done := invokeAsync(context.Background(), e, Invocation{RequestID: "id"})
	doc := `{"errorType":"Runtime.ImportModuleError","errorMessage":"Cannot find module 'x'"}`
	status, _ := w.post("/init/error", doc, map[string]string{HeaderErrorType: "Runtime.ImportModuleError"})
	if status != http.StatusAccepted {
		t.Fatalf("init/error answered %d", status)
	}

	r := <-done
	want := Response{Outcome: InitFailed, ErrorType: "Runtime.ImportModuleError", Payload: []byte(doc)}
	if d := cmp.Diff(want, r.resp); d != "" || r.err != nil {
		t.Errorf("Invoke (-want +got):\n%s err=%v", d, r.err)
	}

	select {
	case <-e.InitError():
	default:
		t.Error("InitError not closed after init/error")
	}
}

func TestInvokeEndsWithContextCause(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)
	cause := errors.New("worker exited")

	ctx, cancel := context.WithCancelCause(context.Background())
	done := invokeAsync(ctx, e, Invocation{RequestID: "slow"})
	w.next()
	cancel(cause)

	if r := <-done; !errors.Is(r.err, cause) || errors.Is(r.err, ErrNotTaken) {
		t.Errorf("Invoke error = %v, want %v, not ErrNotTaken: the worker took it", r.err, cause)
	}

	// The late answer is refused: the invocation is gone.
	if status, _ := w.post("/invocation/slow/response", `1`, nil); status != 400 {
		t.Errorf("late response answered %d, want 400", status)
	}
}

func TestCloseFailsInvoke(t *testing.T) {
	e := listen(t)

	done := invokeAsync(context.Background(), e, Invocation{RequestID: "x"})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	if r := <-done; !errors.Is(r.err, ErrClosed) || !errors.Is(r.err, ErrNotTaken) {
		t.Errorf("Invoke error = %v, want ErrClosed and ErrNotTaken", r.err)
	}
}

func TestReadyOnFirstPoll(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)

	if !e.ReadyAt().IsZero() {
		t.Fatal("ReadyAt set before any poll")
	}

	done := invokeAsync(context.Background(), e, Invocation{RequestID: "r"})
	w.next()
	<-e.Ready()
	if e.ReadyAt().IsZero() {
		t.Error("ReadyAt zero after a poll")
	}

	w.post("/invocation/r/response", `1`, nil)
	<-done
}

func TestNotTakenAndOnTaken(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)

	// Nobody polls: the invocation is never taken.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Invoke(ctx, Invocation{RequestID: "never"}); !errors.Is(err, ErrNotTaken) ||
		!errors.Is(err, context.Canceled) {
		t.Errorf("Invoke error = %v, want ErrNotTaken and context.Canceled", err)
	}

	taken := make(chan struct{})
	done := invokeAsync(context.Background(), e, Invocation{RequestID: "t", OnTaken: func() { close(taken) }})
	select {
	case <-taken:
		t.Fatal("OnTaken called before the worker polled")
	default:
	}

	w.next()
	<-taken
	w.post("/invocation/t/response", `1`, nil)
	<-done
}
