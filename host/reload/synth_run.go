package reload

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// DefaultSynthTimeout bounds one synth when SynthConfig.Timeout is zero:
// a CDK app synthesizing for longer is taken to hang.
const DefaultSynthTimeout = 2 * time.Minute

// The causes a synth is stopped for, besides ldk stopping.
var (
	errSuperseded   = errors.New("a newer change superseded the synth")
	errSynthTimeout = errors.New("the synth ran past its bound")
)

// synthRun is one synth in progress.
type synthRun struct {
	cancel context.CancelCauseFunc
	done   chan struct{}
}

// Run synthesizes after each change to a watched source until ctx ends.
// One synth runs at a time. A change that arrives while one runs stops it
// (its whole process group) and starts the next once it has ended: the
// new synth reads the newest sources anyway. When ctx ends, the running
// synth is stopped and Run returns after it has ended.
func (s *Synth) Run(ctx context.Context) {
	defer s.w.Close()

	var (
		cur  *synthRun // the synth running, nil when none
		next string    // what changed, for the synth to start once cur ends
	)
	for {
		var ended <-chan struct{}
		if cur != nil {
			ended = cur.done
		}
		select {
		case <-ctx.Done():
			if cur != nil {
				<-cur.done // ctx's end stops it
			}
			return
		case c := <-s.w.Changes():
			why := s.firstMatch(c.Paths)
			switch {
			case why == "": // no source the watch settings name
			case cur == nil:
				cur = s.start(ctx, why)
			default:
				if next == "" {
					s.cfg.Logger.Info("sources changed while the synth ran: stopping it and synthesizing again",
						"command", s.cfg.Command, "why", why+" changed")
					cur.cancel(errSuperseded)
				}
				next = why
			}
		case <-ended:
			cur = nil
			if next != "" {
				cur, next = s.start(ctx, next), ""
			}
		case err := <-s.w.Errors():
			s.cfg.Logger.Warn("watching the app's files", "error", err)
		}
	}
}

// start runs one synth in the background.
func (s *Synth) start(ctx context.Context, why string) *synthRun {
	rctx, cancel := context.WithCancelCause(ctx)
	r := &synthRun{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		defer cancel(nil)
		s.synth(rctx, why)
	}()
	return r
}

// synth runs the app once, for at most the configured bound, and logs how
// it went. Cancelling ctx stops the app's whole process group.
func (s *Synth) synth(ctx context.Context, why string) {
	bound := s.cfg.Timeout
	if bound <= 0 {
		bound = DefaultSynthTimeout
	}
	ctx, stop := context.WithTimeoutCause(ctx, bound, errSynthTimeout)
	defer stop()

	start := time.Now()
	ctxJSON, _ := json.Marshal(s.cfg.Context)
	cmd := exec.CommandContext(ctx, "sh", shellArgs(s.cfg.Command)...)
	cmd.Dir = s.cfg.ProjectDir
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+s.cfg.OutDir, "CDK_CONTEXT_JSON="+string(ctxJSON))
	out := &lockedWriter{w: s.cfg.Out}
	stderr := &tailWriter{}
	cmd.Stdout, cmd.Stderr = out, io.MultiWriter(out, stderr)
	// The app command runs in a process group of its own, and the whole
	// group goes when the synth is stopped: `sh -c` alone would leave node
	// or python children running.
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	err := startSynth(cmd)
	if err == nil {
		err = cmd.Wait()
	}
	took := time.Since(start).Round(time.Millisecond)
	var exit *exec.ExitError
	cause := context.Cause(ctx)
	switch {
	case err == nil:
		s.cfg.Logger.Info("synthesized", "why", why+" changed", "took", took)
	case errors.Is(cause, errSuperseded):
		s.cfg.Logger.Debug("synth stopped for a newer change", "command", s.cfg.Command, "took", took)
	case errors.Is(cause, errSynthTimeout):
		s.cfg.Logger.Error("the synth ran longer than its bound and was stopped; still serving the last assembly",
			"command", s.cfg.Command, "bound", bound.String(), "why", why+" changed")
	case ctx.Err() != nil:
		s.cfg.Logger.Debug("synth stopped: ldk dev is stopping", "command", s.cfg.Command)
	case errors.As(err, &exit):
		s.cfg.Logger.Error("synth failed; still serving the last assembly", "command", s.cfg.Command,
			"status", describeExit(exit.ProcessState), "why", why+" changed", "took", took, "stderr", stderr.String())
	default:
		s.cfg.Logger.Error("running the synth command", "command", s.cfg.Command, "error", err)
	}
}

// describeExit words how the synth ended. A shell reports a command a
// signal killed as 128 plus the signal's number; that signal is named.
func describeExit(ps *os.ProcessState) string {
	code := ps.ExitCode()
	if code > 128 && code < 128+65 {
		sig := syscall.Signal(code - 128)
		return fmt.Sprintf("exit status %d (killed by signal %d: %v)", code, int(sig), sig)
	}
	return ps.String()
}
