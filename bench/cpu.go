package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/<pid>/stat (USER_HZ,
// 100 on every Linux architecture Go runs on).
const clockTick = 10 * time.Millisecond

// cpuTime is the user plus system CPU time process pid has used.
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the CPU time of process %d: %w", pid, err)
	}
	// The command name (field 2) may hold spaces; the fields after its
	// closing parenthesis start with field 3.
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("reading the CPU time of process %d: short stat line", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("reading the CPU time of process %d: bad utime or stime", pid)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// CPUTimes is the CPU time used by each part of a served app.
type CPUTimes struct {
	Client, Host, Plugins, Workers time.Duration
	workers                        map[int]time.Duration
}

// CPU reads the CPU time used so far by this process (the bench's
// clients), ldk dev, its plugins and their workers.
func (d *Dev) CPU() (CPUTimes, error) {
	c := CPUTimes{workers: map[int]time.Duration{}}
	var err error
	if c.Client, err = cpuTime(os.Getpid()); err != nil {
		return c, err
	}
	if c.Host, err = cpuTime(d.cmd.Process.Pid); err != nil {
		return c, err
	}
	for _, p := range children(d.cmd.Process.Pid) {
		t, err := cpuTime(p)
		if err != nil {
			return c, err
		}
		c.Plugins += t
		for _, w := range children(p) {
			if t, err := cpuTime(w); err == nil {
				c.workers[w] = t
				c.Workers += t
			}
		}
	}
	return c, nil
}

// Since is the CPU time used between an earlier reading and c. Workers
// that ended in between are not counted.
func (c CPUTimes) Since(before CPUTimes) CPUTimes {
	out := CPUTimes{Client: c.Client - before.Client, Host: c.Host - before.Host, Plugins: c.Plugins - before.Plugins}
	for pid, t := range c.workers {
		out.Workers += t - before.workers[pid]
	}
	return out
}

// PerRequest describes c divided over n requests, in microseconds.
func (c CPUTimes) PerRequest(n int) string {
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) / float64(n) }
	total := c.Client + c.Host + c.Plugins + c.Workers
	return fmt.Sprintf("CPU per request: client %.0f us, host %.0f us, plugin %.0f us, workers %.0f us (total %.0f us)",
		us(c.Client), us(c.Host), us(c.Plugins), us(c.Workers), us(total))
}
