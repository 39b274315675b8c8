package plugins

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

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
