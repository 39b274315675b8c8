package host

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/ldkdev/ldk/appmodel"
)

// Ready describes every listener once ldk dev is serving. It is written to
// --ready-file for editors, scripts and tests.
type Ready struct {
	APIs         []ReadyAPI `json:"apis"`
	FunctionURLs []ReadyURL `json:"functionUrls"`
	AWSEndpoint  string     `json:"awsEndpoint"`
	// PID is the process id of ldk dev.
	PID int `json:"pid"`
}

// ReadyAPI is one API listener.
type ReadyAPI struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	URL   string `json:"url"`
	Stage string `json:"stage"`
	// StageURL is where REST routes are also served, under the stage name.
	StageURL string       `json:"stageUrl,omitempty"`
	Routes   []ReadyRoute `json:"routes"`
}

// ReadyRoute is one route of an API.
type ReadyRoute struct {
	Method   string `json:"method"`
	Path     string `json:"path"`
	Function string `json:"function"`
}

// ReadyURL is one function URL listener.
type ReadyURL struct {
	Function string `json:"function"`
	URL      string `json:"url"`
}

// describe builds the Ready document for the bound listeners.
func describe(app *appmodel.App, host string, ls []*Listener) Ready {
	r := Ready{APIs: []ReadyAPI{}, FunctionURLs: []ReadyURL{}, PID: os.Getpid()}
	apis := map[string]appmodel.API{}
	for _, a := range app.APIs {
		apis[a.Name] = a
	}
	for _, l := range ls {
		switch l.Kind {
		case ListenAPI:
			api := apis[l.Name]
			ra := ReadyAPI{Name: api.Name, Kind: api.Kind, URL: l.URL(host), Stage: api.Stage, Routes: []ReadyRoute{}}
			if api.Kind == appmodel.KindREST && api.Stage != "" {
				ra.StageURL = ra.URL + "/" + api.Stage
			}
			for _, rt := range app.Routes {
				if rt.API == api.Name {
					ra.Routes = append(ra.Routes, ReadyRoute{Method: rt.Method, Path: rt.Path, Function: rt.Function})
				}
			}
			r.APIs = append(r.APIs, ra)
		case ListenFunctionURL:
			r.FunctionURLs = append(r.FunctionURLs, ReadyURL{Function: l.Name, URL: l.URL(host) + "/"})
		case ListenAWS:
			r.AWSEndpoint = l.URL(host)
		}
	}
	return r
}

// printTable writes one line per URL: method, URL, function.
func printTable(w io.Writer, r Ready) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	writeURLs(tw, r)
	fmt.Fprintf(tw, "POST\t%s/2015-03-31/functions/{name}/invocations\t(Lambda Invoke API)\n", r.AWSEndpoint)
	tw.Flush()
}

// printURLs writes the table of r's APIs and function URLs alone, as a
// reload that opened them does.
func printURLs(w io.Writer, r Ready) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	writeURLs(tw, r)
	tw.Flush()
}

func writeURLs(tw io.Writer, r Ready) {
	fmt.Fprintln(tw, "METHOD\tURL\tFUNCTION")
	for _, api := range r.APIs {
		for _, rt := range api.Routes {
			path := rt.Path
			if path == "$default" {
				path = "/*"
			}
			fmt.Fprintf(tw, "%s\t%s%s\t%s\n", rt.Method, api.URL, path, rt.Function)
		}
	}
	for _, u := range r.FunctionURLs {
		fmt.Fprintf(tw, "ANY\t%s*\t%s\n", u.URL, u.Function)
	}
}

// writeReadyFile writes r as JSON to path atomically (a temp file renamed
// over it), so a reader never sees half a document.
func writeReadyFile(path string, r Ready) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ldk-ready-*")
	if err != nil {
		return fmt.Errorf("writing ready file: %w", err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing ready file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing ready file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing ready file %s: %w", path, err)
	}
	return nil
}

// ClaimReadyFile prepares path for this run before anything starts: a
// ready file left by an ldk dev that is gone is removed (a script must
// never read the ports of a dead instance), one of an ldk dev still running
// is an error, and so is anything else at path (a directory, a file ldk did
// not write), which is never touched; an empty file is taken. A directory that cannot hold the file
// is reported now rather than after the listeners are up.
func ClaimReadyFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("the ready file %s is a directory; give --ready-file the path of a file, e.g. %s", path, filepath.Join(path, "ldk-ready.json"))
	case err == nil && info.Mode().IsRegular() && info.Size() == 0:
		// An empty file holds nothing to lose: a placeholder made for ldk
		// (mktemp) is taken.
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("replacing the empty ready file: %w", err)
		}
	case err == nil:
		old, ok := readReady(path)
		if !ok {
			return fmt.Errorf("the ready file %s already exists and is not one ldk wrote; give --ready-file another path, or remove the file", path)
		}
		if old.PID > 0 && old.PID != os.Getpid() && processAlive(old.PID) && isLDK(old.PID) {
			return fmt.Errorf("the ready file %s belongs to a running ldk dev (pid %d); give this one another --ready-file", path, old.PID)
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("removing the stale ready file: %w", err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the ready file cannot be written: %w", err)
	}
	probe, err := os.CreateTemp(filepath.Dir(path), ".ldk-ready-*")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("the ready file %s cannot be written: there is no directory %s; create it or give --ready-file another path",
			path, filepath.Dir(path))
	}
	if err != nil {
		return fmt.Errorf("the ready file cannot be written: %w", err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// readReady reads path as a ready document. ok is false unless it is a
// JSON object with the awsEndpoint and pid members ldk always writes.
func readReady(path string) (r Ready, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return r, false
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return r, false
	}
	if _, has := members["awsEndpoint"]; !has {
		return r, false
	}
	if _, has := members["pid"]; !has {
		return r, false
	}
	return r, json.Unmarshal(data, &r) == nil
}

// processAlive reports whether a process with pid exists.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// isLDK reports whether the process pid runs ldk, so that a ready file
// whose pid was reused by another program counts as stale. It reads
// /proc on Linux; elsewhere every live process counts as ldk.
func isLDK(pid int) bool {
	if runtime.GOOS != "linux" {
		return true
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return true // cannot tell: keep the file of what may be an ldk
	}
	argv0, _, _ := strings.Cut(string(cmdline), "\x00")
	if ldkName(filepath.Base(argv0)) {
		return true
	}
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	return err == nil && ldkName(filepath.Base(exe))
}

// ldkName reports whether an executable's name is ldk's: "ldk" or a
// release name such as "ldk-linux-amd64", not a plugin's.
func ldkName(name string) bool {
	return name == "ldk" || (strings.HasPrefix(name, "ldk-") && !strings.HasPrefix(name, "ldk-compute-"))
}
