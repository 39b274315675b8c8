package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadCase is one kind of request of the load test and the answer it must
// get.
type loadCase struct {
	name, method, path, body string
	header                   map[string]string
	// wantStatus and wantBody are the exact answer; check replaces the
	// body comparison when the body varies.
	wantStatus int
	wantBody   string
	check      func(body string) error
}

// loadCases mixes both functions, both front doors, slow and failing
// handlers and requests no function runs for.
func loadCases(api, aws string) []loadCase {
	invokeURL := func(fn string) string { return aws + "/2015-03-31/functions/" + fn + "/invocations" }
	return []loadCase{
		{name: "node GET", method: "GET", path: api + "/node",
			wantStatus: 200, wantBody: `{"ok":true,"route":"GET /node","len":0}`},
		{name: "node POST", method: "POST", path: api + "/node", body: "abc",
			header:     map[string]string{"Content-Type": "text/plain"},
			wantStatus: 200, wantBody: `{"ok":true,"route":"POST /node","len":3}`},
		{name: "python GET", method: "GET", path: api + "/py",
			wantStatus: 200, wantBody: `{"ok": true, "py": true}`},
		{name: "node slow", method: "GET", path: api + "/node?do=sleep&ms=20",
			wantStatus: 200, check: func(body string) error {
				var doc struct {
					Slept bool `json:"slept"`
					PID   int  `json:"pid"`
				}
				if err := json.Unmarshal([]byte(body), &doc); err != nil || !doc.Slept || doc.PID == 0 {
					return fmt.Errorf("body %s, want slept and a pid", body)
				}
				return nil
			}},
		{name: "python slow", method: "GET", path: api + "/py?do=sleep",
			wantStatus: 200, wantBody: `{"slept": true}`},
		{name: "node fails", method: "GET", path: api + "/node?do=fail",
			wantStatus: 500, wantBody: `{"message":"Internal Server Error"}`},
		{name: "python fails", method: "GET", path: api + "/py?do=fail",
			wantStatus: 500, wantBody: `{"message":"Internal Server Error"}`},
		{name: "no route", method: "GET", path: api + "/nowhere",
			wantStatus: 404, wantBody: `{"message":"Not Found"}`},
		{name: "invoke node", method: "POST", path: invokeURL("fault-node"), body: `{}`,
			wantStatus: 200, check: func(body string) error {
				if !strings.HasPrefix(body, `{"ok":true,"greeting":"hello","calls":`) {
					return fmt.Errorf("body %s", body)
				}
				return nil
			}},
		{name: "invoke python fails", method: "POST", path: invokeURL("fault-py"), body: `{"do":"fail"}`,
			wantStatus: 200, check: func(body string) error {
				if !strings.HasPrefix(body, `{"errorMessage": "asked to fail", "errorType": "ValueError"`) {
					return fmt.Errorf("body %s", body)
				}
				return nil
			}},
		{name: "invoke unknown function", method: "POST", path: invokeURL("nobody"), body: `{}`,
			wantStatus: 404,
			wantBody:   `{"Type":"User","message":"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nobody"}`},
		{name: "invoke event", method: "POST", path: invokeURL("fault-py"), body: `{}`,
			header:     map[string]string{"X-Amz-Invocation-Type": "Event"},
			wantStatus: 202, wantBody: ``},
	}
}

// TestDevUnderLoad sends 20,000 requests from 50 clients and checks each
// gets exactly its answer, and that ldk holds no more file descriptors
// afterwards than before.
func TestDevUnderLoad(t *testing.T) {
	needTools(t, "node", "python3")
	// Above the 50 clients plus the Invoke API's Event workers, so no
	// request is throttled and every answer is known in advance.
	// ldk serves its profiles on loopback, so the test can count its
	// goroutines before and after the load.
	pprofAddr := freeLoopbackAddr(t)
	s := startFaultDevEnv(t, buildLDK(t), faultApp(t), []string{"LDK_PPROF_ADDR=" + pprofAddr}, "--concurrency", "100")
	cases := loadCases(s.apiURL(t), s.ready.AWSEndpoint)
	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 50, MaxConnsPerHost: 50},
	}

	// Warm-up rounds with more clients each start the workers a few at a
	// time: dozens of cold starts at once on a small, busy machine can take
	// longer than the HTTP API's 30 s integration timeout.
	for _, round := range []struct{ clients, requests int }{{5, 200}, {20, 500}, {50, 1000}} {
		if bad := runLoad(client, cases, round.requests, round.clients); len(bad) > 0 {
			t.Fatalf("warm-up with %d clients: %d wrong answers, first: %s\n%s",
				round.clients, len(bad), bad[0], unexpectedErrors(s.log(t)))
		}
	}
	client.CloseIdleConnections()
	before := waitSettled(t, s.pid(), -1)
	goroutinesBefore := goroutines(t, pprofAddr)

	start := time.Now()
	bad := runLoad(client, cases, 20000, 50)
	elapsed := time.Since(start)
	for i, b := range bad {
		if i == 10 {
			t.Errorf("... %d wrong answers in all", len(bad))
			break
		}
		t.Error(b)
	}
	client.CloseIdleConnections()

	after := waitSettled(t, s.pid(), before.fds)
	if after.fds > before.fds {
		t.Errorf("ldk holds %d file descriptors after the load, %d before", after.fds, before.fds)
	}
	goroutinesAfter := goroutines(t, pprofAddr)
	for deadline := time.Now().Add(10 * time.Second); goroutinesAfter > goroutinesBefore && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond) // connections still closing
		goroutinesAfter = goroutines(t, pprofAddr)
	}
	if goroutinesAfter > goroutinesBefore {
		t.Errorf("ldk runs %d goroutines after the load, %d before", goroutinesAfter, goroutinesBefore)
	}
	t.Logf("20000 requests in %v (%.0f/s); ldk: fds %d -> %d, goroutines %d -> %d, threads %d -> %d, RSS %d -> %d kB",
		elapsed.Round(time.Millisecond), 20000/elapsed.Seconds(), before.fds, after.fds,
		goroutinesBefore, goroutinesAfter, before.threads, after.threads, before.rssKB, after.rssKB)
}

// runLoad sends n requests, cycling through cases, from clients goroutines,
// and returns a line for every answer that is not the expected one.
func runLoad(client *http.Client, cases []loadCase, n, clients int) []string {
	var (
		mu  sync.Mutex
		bad []string
		wg  sync.WaitGroup
	)
	next := make(chan int)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := cases[i%len(cases)]
				if err := send(client, c); err != nil {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("request %d (%s): %v", i, c.name, err))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return bad
}

// send makes one request of c and compares the answer.
func send(client *http.Client, c loadCase) error {
	req, err := http.NewRequest(c.method, c.path, strings.NewReader(c.body))
	if err != nil {
		return err
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	if resp.StatusCode != c.wantStatus {
		return fmt.Errorf("status %d, want %d (body %s)", resp.StatusCode, c.wantStatus, body)
	}
	if c.check != nil {
		return c.check(string(body))
	}
	if string(body) != c.wantBody {
		return fmt.Errorf("body %s, want %s", body, c.wantBody)
	}
	return nil
}

// usage is what a process holds.
type usage struct {
	fds, threads, rssKB int
}

// waitSettled reads pid's usage once its open connections have closed:
// it polls up to 10s for the fd count to reach at most target (any count
// when target is negative, after a short pause for closing connections).
func waitSettled(t *testing.T, pid, target int) usage {
	t.Helper()

	deadline := time.Now().Add(10 * time.Second)
	if target < 0 {
		time.Sleep(500 * time.Millisecond)
	}
	for {
		u := readUsage(t, pid)
		if target < 0 || u.fds <= target || time.Now().After(deadline) {
			return u
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func readUsage(t *testing.T, pid int) usage {
	t.Helper()

	proc := filepath.Join("/proc", strconv.Itoa(pid))
	fds, err := os.ReadDir(filepath.Join(proc, "fd"))
	if err != nil {
		t.Fatalf("reading ldk's fds: %v", err)
	}
	status, err := os.ReadFile(filepath.Join(proc, "status"))
	if err != nil {
		t.Fatal(err)
	}
	u := usage{fds: len(fds)}
	for _, line := range strings.Split(string(status), "\n") {
		key, value, _ := strings.Cut(line, ":")
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		switch key {
		case "Threads":
			u.threads, _ = strconv.Atoi(fields[0])
		case "VmRSS":
			u.rssKB, _ = strconv.Atoi(fields[0])
		}
	}
	return u
}

// unexpectedErrors picks the error lines of a log that are not the
// handlers' own asked-for failures, for failure messages.
func unexpectedErrors(log string) string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if (strings.Contains(line, "[ERROR]") || strings.Contains(line, "limit")) && !strings.Contains(line, "asked to fail") && len(out) < 10 {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// freeLoopbackAddr returns a 127.0.0.1 address with a port free right now.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// goroutines reads ldk's goroutine count from its profile endpoint.
func goroutines(t *testing.T, addr string) int {
	t.Helper()
	// No keep-alive: the connection must not count among ldk's open files.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get("http://" + addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatalf("reading ldk's goroutine profile: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(body), "\n")
	n, err := strconv.Atoi(strings.TrimPrefix(first, "goroutine profile: total "))
	if err != nil {
		t.Fatalf("unexpected goroutine profile header %q", first)
	}
	return n
}
