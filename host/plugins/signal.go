package plugins

import (
	"os"
	"os/signal"
	"syscall"
)

// CloseOnSignal closes the Manager (killing every plugin) when the process
// receives one of sigs, SIGINT, SIGTERM and SIGHUP when none are given. It
// does not stop the process: the caller's own signal handling still runs.
// The returned function stops watching.
//
// cmd/ldk uses it next to signal.NotifyContext so that plugins die even
// when the command is stuck, and still calls Close on its normal way out.
func (m *Manager) CloseOnSignal(sigs ...os.Signal) (stop func()) {
	if len(sigs) == 0 {
		sigs = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}
	}

	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case sig := <-ch:
			m.log.Debug("closing compute plugins on signal", "signal", sig.String())
			_ = m.Close()
		case <-done:
		}
	}()

	return func() {
		signal.Stop(ch)
		close(done)
	}
}
