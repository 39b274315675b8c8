package bench

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Classic runs a runtime's hello-world handler the classic way: a fresh
// interpreter process per invocation, the event on stdin, the result on
// stdout.
type Classic struct {
	// Interpreter is the node or python3 executable.
	Interpreter string
	// Script is classic.js or classic.py in a handler directory written by
	// WriteAssembly.
	Script string
}

// NewClassic returns the classic runner of runtime in the assembly dir.
func NewClassic(assembly, runtime, interpreter string) Classic {
	script := "classic.js"
	if runtime == RuntimePython {
		script = "classic.py"
	}
	return Classic{Interpreter: interpreter, Script: filepath.Join(assembly, assetDir(runtime), script)}
}

// Invoke runs one invocation with event and returns the handler's result.
func (c Classic) Invoke(event []byte) ([]byte, error) {
	cmd := exec.Command(c.Interpreter, c.Script)
	cmd.Stdin = bytes.NewReader(event)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running %s %s: %w: %s", filepath.Base(c.Interpreter), c.Script, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// OwnTime is the handler's own time: the median of n calls of the loaded
// handler with event, measured inside the interpreter.
func (c Classic) OwnTime(event []byte, n int) (time.Duration, error) {
	cmd := exec.Command(c.Interpreter, c.Script, "--own", strconv.Itoa(n))
	cmd.Stdin = bytes.NewReader(event)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("measuring the handler's own time with %s: %w", c.Script, err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("reading the handler's own time from %s: %q is not a number", c.Script, out)
	}
	return time.Duration(ns), nil
}

// Throughput runs total invocations from clients concurrent callers and
// returns the invocations per second and how many failed.
func (c Classic) Throughput(event []byte, clients, total int) (float64, int) {
	rate, failed, _ := parallel(clients, total, func() error {
		_, err := c.Invoke(event)
		return err
	})
	return rate, failed
}

// parallel calls f total times from clients goroutines and returns calls
// per second, the number of calls that failed and each call's latency.
func parallel(clients, total int, f func() error) (float64, int, Sample) {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed int
	)
	lat := make(Sample, total)
	next := make(chan int, total)
	for i := range total {
		next <- i
	}
	close(next)
	t0 := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				start := time.Now()
				err := f()
				lat[i] = time.Since(start)
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return float64(total) / time.Since(t0).Seconds(), failed, lat
}
