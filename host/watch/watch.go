// Package watch tells the host when files under a set of directories
// change. It watches each root recursively with fsnotify, adds directories
// created later, survives editors that save by renaming a new file over the
// old one, and folds a burst of events into one notice per root set.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watcher waits after the last event of a
// burst before it reports.
const DefaultDebounce = 40 * time.Millisecond

// skipDirs are never descended into: they change on every run and never
// hold code a function loads.
var skipDirs = map[string]bool{".git": true, "__pycache__": true, ".pytest_cache": true, ".mypy_cache": true}

// Change is one debounced notice.
type Change struct {
	// Roots are the watched roots under which something changed, sorted.
	Roots []string
	// Paths are the changed paths, sorted, at most 50 of them.
	Paths []string
	// First is when the first event of the burst arrived.
	First time.Time
}

// Watcher watches roots recursively.
type Watcher struct {
	fsw      *fsnotify.Watcher
	debounce time.Duration
	out      chan Change
	errs     chan error

	mu    sync.Mutex
	roots map[string]bool
	done  chan struct{}
	wg    sync.WaitGroup
}

// New starts a watcher with no roots. Changes arrive on Changes().
func New(debounce time.Duration) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w := &Watcher{fsw: fsw, debounce: debounce, out: make(chan Change, 16),
		errs: make(chan error, 16), roots: map[string]bool{}, done: make(chan struct{})}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Changes delivers debounced changes.
func (w *Watcher) Changes() <-chan Change { return w.out }

// Errors delivers errors the watcher met (a directory it could not watch).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Set makes roots the exact set of watched roots: new ones are added with
// every directory below them, ones no longer listed are dropped.
func (w *Watcher) Set(roots []string) error {
	want := map[string]bool{}
	for _, r := range roots {
		if r == "" {
			continue
		}
		abs, err := filepath.Abs(r)
		if err != nil {
			return err
		}
		want[abs] = true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs []error
	for r := range want {
		if !w.roots[r] {
			if err := w.addTree(r); err != nil {
				errs = append(errs, err)
				continue
			}
			// The parent is watched too, so a root that is deleted and
			// created again, or replaced by a rename (rm -rf cdk.out &&
			// cdk synth), is seen and watched again.
			_ = w.fsw.Add(filepath.Dir(r))
			w.roots[r] = true
		}
	}
	for r := range w.roots {
		if !want[r] {
			delete(w.roots, r)
			w.removeTree(r)
		}
	}
	return errors.Join(errs...)
}

// Close stops the watcher.
func (w *Watcher) Close() error {
	close(w.done)
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

// addTree watches dir and every directory below it. A root that is a file
// is watched through its parent directory.
func (w *Watcher) addTree(root string) error {
	info, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return w.fsw.Add(filepath.Dir(root))
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished or unreadable below the root: not fatal
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && skipDirs[d.Name()] {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

func (w *Watcher) removeTree(root string) {
	if parent := filepath.Dir(root); !w.stillNeeded(parent) {
		_ = w.fsw.Remove(parent)
	}
	for _, p := range w.fsw.WatchList() {
		if p == root || strings.HasPrefix(p, root+string(filepath.Separator)) {
			if w.stillNeeded(p) {
				continue
			}
			_ = w.fsw.Remove(p)
		}
	}
}

// stillNeeded reports whether another root covers p. Callers hold w.mu.
func (w *Watcher) stillNeeded(p string) bool {
	for r := range w.roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || p == filepath.Dir(r) {
			return true
		}
	}
	return false
}

// rootsOf returns the roots that contain p.
func (w *Watcher) rootsOf(p string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for r := range w.roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			out = append(out, r)
		}
	}
	return out
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		pending Change
		roots   = map[string]bool{}
		paths   = map[string]bool{}
	)
	for {
		select {
		case <-w.done:
			if timer != nil {
				timer.Stop()
			}
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			// Only what lies under a root counts: the roots' parents are
			// watched to see a root come back, not for their other entries.
			rs := w.rootsOf(ev.Name)
			if len(rs) == 0 {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() && !skipDirs[filepath.Base(ev.Name)] {
					w.mu.Lock()
					_ = w.addTree(ev.Name)
					w.mu.Unlock()
				}
			}
			if ignored(ev.Name) {
				continue
			}
			if len(roots) == 0 {
				pending.First = time.Now()
			}
			for _, r := range rs {
				roots[r] = true
			}
			if len(paths) < 50 {
				paths[ev.Name] = true
			}
			if timer == nil {
				timer = time.NewTimer(w.debounce)
			} else {
				timer.Reset(w.debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			pending.Roots = sortedKeys(roots)
			pending.Paths = sortedKeys(paths)
			select {
			case w.out <- pending:
			case <-w.done:
				return
			}
			pending = Change{}
			roots = map[string]bool{}
			paths = map[string]bool{}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		}
	}
}

// ignored filters files editors and runtimes write next to the code.
func ignored(p string) bool {
	base := filepath.Base(p)
	switch {
	case strings.HasSuffix(base, ".pyc"), strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasPrefix(base, ".#"), base == "4913":
		return true
	}
	for _, part := range strings.Split(p, string(filepath.Separator)) {
		if skipDirs[part] {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
