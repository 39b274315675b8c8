package compute

import (
	"context"
	"errors"
	"fmt"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrPluginExited matches (with errors.Is) every error of a call that failed
// because the plugin process ended. The host restarts such a plugin; the
// call itself is not retried, since an invocation may have had effects.
var ErrPluginExited = errors.New("compute plugin exited")

// PluginExitedError is the error of a call cut short by the plugin's exit.
type PluginExitedError struct {
	// Plugin is the backend's name.
	Plugin string
	// Call is the RPC that was cut short ("Invoke").
	Call string
	// Detail is what the transport said, when it said anything.
	Detail string
}

// Error says which plugin exited during which call, and what the transport
// said.
func (e *PluginExitedError) Error() string {
	msg := fmt.Sprintf("compute plugin %s exited", e.Plugin)
	if e.Call != "" {
		msg += " during " + e.Call
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap lets errors.Is(err, ErrPluginExited) match.
func (e *PluginExitedError) Unwrap() error { return ErrPluginExited }

// exitGrace is how long a call that lost its connection waits for the
// plugin process to be seen gone before it calls the failure an exit.
const exitGrace = 2 * time.Second

// callError turns the error of one RPC into the error the caller sees: the
// caller's own cancellation as is, a lost plugin as *PluginExitedError, and
// anything else wrapped with the plugin and the call.
func (c *Client) callError(ctx context.Context, call string, err error) error {
	if err == nil {
		return nil
	}

	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("calling %s on compute plugin %s: %w", call, c.name, ctxErr)
	}

	st, _ := status.FromError(err)
	if c.exited(st.Code()) {
		return &PluginExitedError{Plugin: c.name, Call: call, Detail: st.Message()}
	}

	if st.Code() == codes.Unknown {
		// A backend's own error: its text is the message.
		return fmt.Errorf("compute plugin %s: %s: %s", c.name, call, st.Message())
	}
	return fmt.Errorf("calling %s on compute plugin %s: %w", call, c.name, err)
}

// exited says whether a failure with the given code means the plugin is
// gone. The connection usually breaks a moment before the process is
// reaped, so an Unavailable or Canceled failure waits a little for it.
func (c *Client) exited(code codes.Code) bool {
	if c.done == nil {
		return false
	}

	select {
	case <-c.done:
		return true
	default:
	}

	if code != codes.Unavailable && code != codes.Canceled {
		return false
	}

	t := time.NewTimer(exitGrace)
	defer t.Stop()
	select {
	case <-c.done:
		return true
	case <-t.C:
		return false
	}
}
