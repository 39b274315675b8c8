package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// guardEnv, set in its environment, makes the plugin binary run as the
// guard of the plugin that started it (see runGuard).
const guardEnv = "LDK_SUBPROCESS_GUARD"

// guard is the plugin's side of its guard process: a second copy of this
// binary that outlives the plugin by a moment and kills the process group
// of every worker still registered when the plugin is gone.
//
// A worker dies with the plugin through its parent-death signal, but what
// the worker started (a child process a handler spawned) does not: it
// would be reparented to init and run on. The guard reads the plugin's
// registrations from a pipe; when the plugin dies, however it dies
// (SIGKILL included), the pipe's write end closes, the guard reads end of
// file, kills the registered groups at once and exits.
type guard struct {
	mu     sync.Mutex
	w      *os.File      // nil when the guard could not be started
	exited chan struct{} // closed once the guard process is reaped
}

// guardExitWait bounds how long close waits for the guard to exit.
const guardExitWait = 2 * time.Second

// startGuard starts the guard process. Without one (the error says why)
// the workers' own children may outlive a plugin killed with SIGKILL.
func startGuard() (*guard, error) {
	exe, err := os.Executable()
	if err != nil {
		return &guard{}, fmt.Errorf("finding this plugin's executable: %w", err)
	}

	r, w, err := os.Pipe()
	if err != nil {
		return &guard{}, fmt.Errorf("creating the guard's pipe: %w", err)
	}
	defer r.Close()

	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), guardEnv+"=1")
	cmd.Stdin = r
	// Its own session: a Ctrl-C at the terminal must not reach the guard
	// before the plugin has stopped its workers.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return &guard{}, fmt.Errorf("starting the guard process %s: %w", exe, err)
	}

	// The guard is reaped whenever it exits, so it never lingers as a
	// zombie of a plugin that runs on.
	g := &guard{w: w, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(g.exited)
	}()

	return g, nil
}

// add registers the process group of a worker that just started.
func (g *guard) add(pgid int) {
	g.send(fmt.Sprintf("+%d %d\n", pgid, startTime(pgid)))
}

// remove forgets the process group of a worker whose group was killed.
func (g *guard) remove(pgid int) {
	g.send(fmt.Sprintf("-%d\n", pgid))
}

func (g *guard) send(msg string) {
	if g == nil {
		return
	}

	g.mu.Lock()
	defer g.mu.Unlock()

	if g.w == nil {
		return
	}
	if _, err := g.w.WriteString(msg); err != nil {
		// The guard is gone: stop writing to it.
		g.w.Close()
		g.w = nil
	}
}

// close ends the guard after a clean shutdown and waits for it to exit: it
// kills what is still registered (nothing, once every worker was stopped)
// and exits, before the plugin does.
func (g *guard) close() {
	if g == nil {
		return
	}

	g.mu.Lock()
	if g.w != nil {
		g.w.Close()
		g.w = nil
	}
	g.mu.Unlock()

	if g.exited == nil {
		return
	}
	select {
	case <-g.exited:
	case <-time.After(guardExitWait):
	}
}

// runGuard runs this process as a guard when the plugin asked for one and
// returns its exit code; ok is false in a normal plugin run.
func runGuard() (code int, ok bool) {
	if os.Getenv(guardEnv) != "1" {
		return 0, false
	}

	// The guard ends only when its plugin is gone: signals meant for the
	// plugin's session are ignored.
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)

	groups := map[int]uint64{}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+"):
			f := strings.Fields(line[1:])
			if len(f) != 2 {
				continue
			}
			pgid, err1 := strconv.Atoi(f[0])
			start, err2 := strconv.ParseUint(f[1], 10, 64)
			if err1 == nil && err2 == nil && pgid > 1 {
				groups[pgid] = start
			}
		case strings.HasPrefix(line, "-"):
			if pgid, err := strconv.Atoi(line[1:]); err == nil {
				delete(groups, pgid)
			}
		}
	}

	for pgid, start := range groups {
		killGroup(pgid, start)
	}

	return 0, true
}

// killGroup kills process group pgid unless its leader's pid now belongs
// to another process (one with a different start time). A group whose
// leader is gone is still killed: while any member lives its number
// cannot be reused.
func killGroup(pgid int, start uint64) {
	if now := startTime(pgid); start != 0 && now != 0 && now != start {
		return
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}
