package bench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ldkdev/ldk/host"
)

// Dev is a running `ldk dev`.
type Dev struct {
	cmd     *exec.Cmd
	done    chan error
	logPath string
	// Ready is what ldk dev wrote to its ready file.
	Ready host.Ready
	// Startup is the time from exec to the "ready" line on stdout.
	Startup time.Duration
}

// StartDev runs `ldk dev` on the CDK project in projectDir with ephemeral
// ports and waits for its ready line. extra are added flags. Its ready
// file, its stderr (ldk's log and the functions' logs) and its cache go to
// workDir.
func StartDev(ldk, projectDir, workDir string, extra ...string) (*Dev, error) {
	readyPath := filepath.Join(workDir, "ready.json")
	os.Remove(readyPath)
	logPath := filepath.Join(workDir, "ldk-dev.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("starting ldk dev: %w", err)
	}
	defer logFile.Close()

	args := append([]string{"dev", "--project-dir", projectDir, "--port", "0", "--aws-port", "0",
		"--ready-file", readyPath}, extra...)
	cmd := exec.Command(ldk, args...)
	cmd.Stderr = logFile
	cmd.Env = append(os.Environ(), "LDK_CACHE_DIR="+filepath.Join(workDir, "cache"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("starting ldk dev: %w", err)
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s dev: %w", ldk, err)
	}
	d := &Dev{cmd: cmd, done: make(chan error, 1), logPath: logPath}

	lines := bufio.NewScanner(stdout)
	ready := false
	for lines.Scan() {
		if lines.Text() == "ready" {
			d.Startup = time.Since(t0)
			ready = true
			break
		}
	}
	go func() {
		io.Copy(io.Discard, stdout)
		d.done <- cmd.Wait()
	}()
	if !ready {
		err := <-d.done
		return nil, fmt.Errorf("ldk dev on %s ended before it was ready (%v): %s", projectDir, err, d.logTail())
	}
	// The ready line comes just before the ready file is renamed into place.
	data, err := os.ReadFile(readyPath)
	for deadline := time.Now().Add(5 * time.Second); errors.Is(err, os.ErrNotExist) && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
		data, err = os.ReadFile(readyPath)
	}
	if err == nil {
		err = json.Unmarshal(data, &d.Ready)
	}
	if err != nil {
		d.Stop()
		return nil, fmt.Errorf("reading ldk dev's ready file: %w", err)
	}
	return d, nil
}

// Stop interrupts ldk dev as Ctrl-C would and waits for it to end, killing
// it after 20 seconds.
func (d *Dev) Stop() error {
	if err := d.cmd.Process.Signal(syscall.SIGINT); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stopping ldk dev: %w", err)
	}
	select {
	case err := <-d.done:
		if err != nil {
			return fmt.Errorf("ldk dev exited with %v: %s", err, d.logTail())
		}
		return nil
	case <-time.After(20 * time.Second):
		d.cmd.Process.Kill()
		<-d.done
		return errors.New("ldk dev did not stop within 20s of SIGINT; killed it")
	}
}

// API is the URL of the first HTTP API ldk dev serves.
func (d *Dev) API() (string, error) {
	if len(d.Ready.APIs) == 0 {
		return "", errors.New("ldk dev serves no API")
	}
	return d.Ready.APIs[0].URL, nil
}

// RSS is the resident memory of ldk dev's own process, in bytes.
func (d *Dev) RSS() (int64, error) { return rss(d.cmd.Process.Pid) }

// ChildRSS is the resident memory of ldk dev's child processes (the
// compute plugins) and of their children (the workers), in bytes.
func (d *Dev) ChildRSS() (plugins, workers int64, err error) {
	for _, p := range children(d.cmd.Process.Pid) {
		r, err := rss(p)
		if err != nil {
			return 0, 0, err
		}
		plugins += r
		for _, w := range children(p) {
			r, err := rss(w)
			if err != nil {
				continue // a worker may end between the listing and the read
			}
			workers += r
		}
	}
	return plugins, workers, nil
}

// logTail is the last lines of ldk dev's stderr.
func (d *Dev) logTail() string {
	data, _ := os.ReadFile(d.logPath)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	return strings.Join(lines[max(0, len(lines)-10):], "\n")
}

// rss reads VmRSS of a process from /proc.
func rss(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the memory of process %d: %w", pid, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("reading the memory of process %d: %q", pid, line)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("reading the memory of process %d: no VmRSS line", pid)
}

// children lists the child processes of pid, from every thread's children file.
func children(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, t := range tasks {
		data, _ := os.ReadFile(t)
		for _, f := range strings.Fields(string(data)) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}
