package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/procstat"
	"github.com/ldkdev/ldk/compute/sandbox"
)

// EnvMemoryCeiling overrides the memory ceiling, in MB; 0 turns it off.
const EnvMemoryCeiling = "LDK_SUBPROCESS_MEMORY_CEILING_MB"

// errorTypeOutOfMemory is Lambda's error type for a function killed for
// its memory.
const errorTypeOutOfMemory = "Runtime.OutOfMemory"

// memoryPoll is how often a running invocation's memory is sampled.
const memoryPoll = 50 * time.Millisecond

// errOutOfMemory is the cause of an invocation whose worker passed the
// memory ceiling.
var errOutOfMemory = errors.New("worker passed the memory ceiling")

// memoryCeiling is how many bytes one worker's process tree may hold before
// it is killed: $LDK_SUBPROCESS_MEMORY_CEILING_MB, else half the machine's
// memory. The backend does not hold functions to their memory size (a
// warning says when one exceeds it); the ceiling only keeps one runaway
// handler from taking the machine down. 0 means no ceiling.
func memoryCeiling() (int64, error) {
	if v, ok := os.LookupEnv(EnvMemoryCeiling); ok {
		mb, err := strconv.ParseInt(v, 10, 64)
		if err != nil || mb < 0 {
			return 0, fmt.Errorf("%s=%q: want a whole number of MB (0 for no ceiling)", EnvMemoryCeiling, v)
		}
		return mb << 20, nil
	}
	return machineMemory() / 2, nil
}

// machineMemory reads MemTotal from /proc/meminfo; 0 where there is none.
func machineMemory() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("MemTotal:"))
		if !ok {
			continue
		}
		fields := bytes.Fields(rest)
		if len(fields) == 2 && string(fields[1]) == "kB" {
			kb, _ := strconv.ParseInt(string(fields[0]), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// guardMemory samples w's memory while an invocation runs and ends the
// invocation with errOutOfMemory once it passes ceiling. The returned stop
// ends the sampling.
func (w *worker) guardMemory(ceiling int64, cancel func(error)) (stop func()) {
	if ceiling <= 0 {
		return func() {}
	}

	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(memoryPoll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-w.exited:
				return
			case <-tick.C:
			}
			n, err := procstat.TreePeakRSS(w.pid)
			if err != nil {
				return // nothing to measure here
			}
			if n > ceiling {
				cancel(errOutOfMemory)
				return
			}
		}
	}()
	return func() { close(done) }
}

// outOfMemory answers an invocation whose worker passed the ceiling: the
// worker is killed and the answer is Lambda's for an out-of-memory kill.
func (f *function) outOfMemory(w *worker, requestID string) outcome {
	w.measure()
	w.terminate()

	f.backend.log.Warn("worker killed: its memory passed the ceiling that protects this machine",
		"function", f.spec.Name, "request_id", requestID,
		"ceiling_mb", procstat.MiB(f.backend.memCeiling), "setting", EnvMemoryCeiling)
	doc := sandbox.ErrorDocument(errorTypeOutOfMemory,
		fmt.Sprintf("RequestId: %s Error: Runtime exited with error: signal: killed", requestID))
	return outcome{
		result:  compute.InvokeResult{Payload: doc, ErrorType: errorTypeOutOfMemory},
		status:  "error",
		errType: errorTypeOutOfMemory,
	}
}
