package reload

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ldkdev/ldk/host/watch"
)

// fileWatch reports changes to single files that may not exist yet
// (ldk.yaml under each of its names). It watches each file's directory,
// and the directory above one that does not exist yet, so a file that is
// created, saved by renaming another over it, or deleted is seen, and so
// is a directory created with the file in it (.ldk/ldk.yaml).
type fileWatch struct {
	fsw      *fsnotify.Watcher
	files    map[string]bool
	targets  map[string]string // the file a watched symlink points at → the watched file
	debounce time.Duration
	out      chan watch.Change
	done     chan struct{}
	wg       sync.WaitGroup
}

// newFileWatch watches files, which are absolute paths.
func newFileWatch(files []string, debounce time.Duration) (*fileWatch, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if debounce <= 0 {
		debounce = watch.DefaultDebounce
	}
	w := &fileWatch{fsw: fsw, files: map[string]bool{}, debounce: debounce,
		out: make(chan watch.Change, 4), done: make(chan struct{})}
	for _, f := range files {
		w.files[f] = true
	}
	if err := w.sync(); err != nil {
		fsw.Close()
		return nil, err
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// sync watches every file's directory that exists, and the parent of one
// that does not; for a file that is a symbolic link, also the directory of
// the file it points at, so an edit to that file is seen. Watching a
// directory twice is harmless.
func (w *fileWatch) sync() error {
	var firstErr error
	w.targets = map[string]string{}
	for f := range w.files {
		dir := filepath.Dir(f)
		if _, err := os.Stat(dir); err != nil {
			dir = filepath.Dir(dir)
		}
		if err := w.fsw.Add(dir); err != nil && firstErr == nil {
			firstErr = err
		}
		if target, err := filepath.EvalSymlinks(f); err == nil && target != f {
			w.targets[target] = f
			_ = w.fsw.Add(filepath.Dir(target)) // best effort: the link itself is watched
		}
	}
	return firstErr
}

// Changes delivers debounced changes; Paths are the files concerned.
func (w *fileWatch) Changes() <-chan watch.Change { return w.out }

// Close stops the watcher.
func (w *fileWatch) Close() error {
	close(w.done)
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

// affected are the watched files an event on name concerns: the file
// itself, or every file inside a directory created, moved or removed.
func (w *fileWatch) affected(name string) []string {
	var out []string
	for f := range w.files {
		if f == name || filepath.Dir(f) == name {
			out = append(out, f)
		}
	}
	if f, ok := w.targets[name]; ok && !slices.Contains(out, f) {
		out = append(out, f)
	}
	return out
}

func (w *fileWatch) loop() {
	defer w.wg.Done()
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		first   time.Time
		pending = map[string]bool{}
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
			fs := w.affected(ev.Name)
			if len(fs) == 0 {
				continue
			}
			// A directory came or went, or a file was replaced (perhaps by a
			// link pointing elsewhere): follow it.
			_ = w.sync()
			if len(pending) == 0 {
				first = time.Now()
			}
			for _, f := range fs {
				pending[f] = true
			}
			if timer == nil {
				timer = time.NewTimer(w.debounce)
			} else {
				timer.Reset(w.debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			select {
			case w.out <- watch.Change{Roots: paths, Paths: paths, First: first}:
			case <-w.done:
				return
			}
			pending = map[string]bool{}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
		}
	}
}

// withoutConfig drops the configuration files from a change of the
// model's inputs (ldk.yaml inside a Terraform module): their own watcher
// reports them, and one edit reloads once. ok is false when nothing is
// left.
func (r *Reloader) withoutConfig(c watch.Change) (watch.Change, bool) {
	if len(r.in.config) == 0 || len(c.Paths) >= pathsCap {
		return c, true
	}
	paths := slices.DeleteFunc(slices.Clone(c.Paths), func(p string) bool { return slices.Contains(r.in.config, p) })
	if len(paths) == 0 {
		return c, false
	}
	c.Paths = paths
	return c, true
}
