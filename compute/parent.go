package compute

import (
	"os"
	"time"
)

// parentPoll is how often a plugin checks that the host is still there.
const parentPoll = time.Second

// watchParent exits the plugin when its parent process, the host, is gone
// (the plugin was handed to another parent). On Linux the host already
// has the kernel kill its plugins when it dies; this covers the systems
// where it cannot, and plugins started by another host.
func watchParent(exit func()) {
	parent := os.Getppid()
	if parent <= 1 {
		return // already orphaned, or started by init: nothing to watch
	}
	go func() {
		for range time.Tick(parentPoll) {
			if os.Getppid() != parent {
				exit()
				return
			}
		}
	}()
}
