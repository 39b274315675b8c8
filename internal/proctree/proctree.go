// Package proctree reads the process table from /proc: the descendants of a
// process, and whether a process seen earlier is still the same one alive.
// Tests use it to prove that nothing ldk started outlives it.
package proctree

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Proc identifies one process across time: a pid plus its start time, so a
// reused pid is not mistaken for the original.
type Proc struct {
	PID       int
	PPID      int
	StartTime uint64
	Command   string
}

func (p Proc) String() string { return fmt.Sprintf("%d (%s)", p.PID, p.Command) }

// read parses /proc/<pid>/stat.
func read(pid int) (Proc, error) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return Proc{}, err
	}
	s := string(data)
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return Proc{}, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	fields := strings.Fields(s[close+1:])
	// fields[0] is the state, [1] the ppid, [19] the start time.
	if len(fields) < 20 {
		return Proc{}, fmt.Errorf("short /proc/%d/stat", pid)
	}
	ppid, _ := strconv.Atoi(fields[1])
	start, _ := strconv.ParseUint(fields[19], 10, 64)
	return Proc{PID: pid, PPID: ppid, StartTime: start, Command: s[open+1 : close]}, nil
}

// All returns every process the caller can see.
func All() ([]Proc, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var out []Proc
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if p, err := read(pid); err == nil {
			out = append(out, p)
		}
	}
	return out, nil
}

// Descendants returns every living descendant of pid (not pid itself).
func Descendants(pid int) ([]Proc, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	children := map[int][]Proc{}
	for _, p := range all {
		children[p.PPID] = append(children[p.PPID], p)
	}
	var out []Proc
	queue := []int{pid}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		for _, c := range children[next] {
			out = append(out, c)
			queue = append(queue, c.PID)
		}
	}
	return out, nil
}

// Alive reports whether p is still running: the pid exists, has the same
// start time, and is not a zombie waiting to be reaped.
func Alive(p Proc) bool {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p.PID), "stat"))
	if err != nil {
		return false
	}
	now, err := read(p.PID)
	if err != nil || now.StartTime != p.StartTime {
		return false
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) > 0 && fields[0] != "Z"
}

// Survivors returns the processes of ps that are still alive.
func Survivors(ps []Proc) []Proc {
	var out []Proc
	for _, p := range ps {
		if Alive(p) {
			out = append(out, p)
		}
	}
	return out
}
