package plugins

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/ldkdev/ldk/compute"
)

// maxSaid bounds how much of a plugin's last stderr line an error quotes.
const maxSaid = 300

// lastLine is an io.Writer that keeps the last non-empty line written to
// it: go-plugin copies each stderr line of the plugin into it.
type lastLine struct {
	mu      sync.Mutex
	partial []byte
	last    string
}

// Write keeps whole lines; a line is complete at its newline.
func (l *lastLine) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		if line := strings.TrimSpace(string(l.partial[:i])); line != "" {
			l.last = line
		}
		l.partial = l.partial[i+1:]
	}
	if len(l.partial) > maxSaid {
		l.partial = l.partial[:maxSaid]
	}
	return len(p), nil
}

// String is the last line, the message alone when it is a JSON log line.
func (l *lastLine) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	line := l.last
	var rec struct {
		Message string `json:"@message"`
	}
	if json.Unmarshal([]byte(line), &rec) == nil && rec.Message != "" {
		line = rec.Message
	}
	if len(line) > maxSaid {
		line = line[:maxSaid] + "…"
	}
	return line
}

// launchError words a failed start of the plugin: what went wrong in the
// handshake, what the plugin last said, and what to check.
func launchError(found Found, err error, said string) error {
	if verr := versionError(found, err); verr != nil {
		return verr
	}
	prefix := fmt.Sprintf("starting compute plugin %s (%s)", found.Name, found.Path)
	msg := err.Error()
	line := firstLine(msg)
	exited := strings.Contains(msg, "Failed to read any lines from plugin's stdout") ||
		strings.Contains(msg, "plugin exited before we could connect")
	switch {
	case exited && said != "":
		return fmt.Errorf("%s: it exited before the handshake; the last line it wrote to stderr was %q", prefix, said)
	case exited:
		return fmt.Errorf("%s: it exited before the handshake without a word; "+
			"is it a compute plugin built with compute.Serve for this machine?", prefix)
	case strings.HasPrefix(line, "Unrecognized remote plugin message: "):
		wrote := strings.TrimPrefix(line, "Unrecognized remote plugin message: ")
		if len(wrote) > maxSaid {
			wrote = wrote[:maxSaid] + "…"
		}
		return fmt.Errorf("%s: it wrote %q to stdout instead of the plugin handshake; "+
			"is it a compute plugin built with compute.Serve, and does it keep stdout for the handshake?", prefix, wrote)
	case strings.Contains(msg, "timeout while waiting for plugin to start"):
		return fmt.Errorf("%s: it gave no handshake within the start timeout; is it a compute plugin built with compute.Serve?", prefix)
	}
	return fmt.Errorf("%s: %s; is it a compute plugin built with compute.Serve for this machine?", prefix, line)
}

// VersionError says that a plugin speaks no compute protocol version the
// host speaks, and which side to upgrade.
type VersionError struct {
	// Plugin and Path name the plugin.
	Plugin, Path string
	// PluginVersion is the protocol version the plugin offered.
	PluginVersion int
	// HostVersions are the versions this ldk speaks, ascending.
	HostVersions []int
}

// Error names both versions and what to upgrade.
func (e *VersionError) Error() string {
	host := joinInts(e.HostVersions)
	newest := e.HostVersions[len(e.HostVersions)-1]
	if e.PluginVersion > newest {
		return fmt.Sprintf("compute plugin %s (%s) speaks compute protocol version %d, but this ldk speaks only %s: "+
			"upgrade ldk to a release that speaks version %d, or install a build of the plugin for version %d",
			e.Plugin, e.Path, e.PluginVersion, host, e.PluginVersion, newest)
	}
	return fmt.Sprintf("compute plugin %s (%s) speaks compute protocol version %d, which this ldk no longer speaks (it speaks %s): "+
		"upgrade the plugin to a release built for version %d",
		e.Plugin, e.Path, e.PluginVersion, host, newest)
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// incompatible matches go-plugin's refusal of a plugin's protocol version.
var incompatible = regexp.MustCompile(`incompatible API version with plugin\. Plugin version: (-?\d+)`)

// versionError turns go-plugin's refusal of a plugin's protocol version
// into a *VersionError, or returns nil for any other error.
func versionError(found Found, err error) error {
	m := incompatible.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	v, convErr := strconv.Atoi(m[1])
	if convErr != nil {
		return nil
	}
	return &VersionError{Plugin: found.Name, Path: found.Path, PluginVersion: v,
		HostVersions: compute.SupportedProtocolVersions()}
}
