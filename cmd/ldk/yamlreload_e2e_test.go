package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDevConfigEdits edits, breaks, fixes, deletes and creates ldk.yaml
// under one ldk dev, and checks after each step the reload line, what the
// functions see, and that cfg-count, which no step concerns, keeps its
// warm worker (its module-level count goes on).
func TestDevConfigEdits(t *testing.T) {
	t.Parallel()
	dir := yamlApp(t, "functions:\n  cfg-echo:\n    environment: {GREETING: first}\n")
	top := filepath.Join(dir, "ldk.yaml")
	nested := filepath.Join(dir, ".ldk", "ldk.yaml")
	// Debug: a reload that applies nothing says so, which a step awaits.
	d := startDev(t, "--tf", dir, "--log-level", "debug")
	client := lambdaClient(t, d.ready.AWSEndpoint)
	api := d.apiURL(t, "/count")
	greeting := func(t *testing.T) string { return invokeCfg(t, client, "cfg-echo", `{}`).Greeting }
	brokenLine := "ldk: " + top + `:3:5: unknown key "functions.cfg-echo.enviroment" (allowed here: compute_backend, environment)`

	if got := greeting(t); got != "first" {
		t.Fatalf("GREETING at start-up: %q, want first from ldk.yaml", got)
	}
	if slowTimesOut(t, client, "") {
		t.Fatal("cfg-slow timed out at start-up, with its 10 s timeout")
	}

	steps := []struct {
		name string
		edit func(t *testing.T)
		// await are the parts of the log line the step ends with.
		await []string
		check func(t *testing.T)
	}{
		{
			name: "an environment override edited",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-echo:\n    environment: {GREETING: second}\n")
			},
			await: []string{"reloaded: functions=cfg-echo ",
				`why="` + top + `: functions.cfg-echo.environment changed; model: functions ~cfg-echo"`},
			check: func(t *testing.T) {
				if a := invokeCfg(t, client, "cfg-echo", `{}`); a.Greeting != "second" || a.Count != 1 {
					t.Errorf("cfg-echo: %+v, want GREETING second from a new worker (count 1)", a)
				}
			},
		},
		{
			name: "a timeout lowered through a Terraform variable",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-echo:\n    environment: {GREETING: second}\nvariables: {slow_timeout: 1}\n")
			},
			await: []string{"reloaded: functions=cfg-slow ",
				`why="` + top + `: variables changed; model: functions ~cfg-slow"`},
			check: func(t *testing.T) {
				if !slowTimesOut(t, client, "1.00") {
					t.Error("cfg-slow slept 1.5 s without timing out, want its new 1 s timeout")
				}
			},
		},
		{
			name: "a broken file keeps the last good settings serving",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-echo:\n    enviroment: {GREETING: third}\nvariables: {slow_timeout: 1}\n")
			},
			// The reload's last line: the error comes before it.
			await: []string{"files changed; nothing to reload", "files=\"" + top + " changed\""},
			check: func(t *testing.T) {
				d.awaitLog(t, 0, brokenLine)
				d.awaitLog(t, 0, "[ERROR] ldk.reload: ldk.yaml is invalid (see above); still serving with the last good settings: fix the file and save it again")
				if got := greeting(t); got != "second" {
					t.Errorf("GREETING %q, want second from the last good file", got)
				}
			},
		},
		{
			name: "the same error is printed once",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-echo:\n    enviroment: {GREETING: third}\nvariables: {slow_timeout: 1}\n# still\n")
			},
			await: []string{"files changed; nothing to reload", "files=\"" + top + " changed\""},
			check: func(t *testing.T) {
				if n := strings.Count(d.stderr.String(), brokenLine+"\n"); n != 1 {
					t.Errorf("the error was printed %d times, want once", n)
				}
			},
		},
		{
			name: "a bad value",
			edit: func(t *testing.T) {
				writeFile(t, top, "concurrency: 0\n")
			},
			await: []string{"files changed; nothing to reload", "files=\"" + top + " changed\""},
			check: func(t *testing.T) {
				d.awaitLog(t, 0, "ldk: "+top+":1:1: concurrency 0 must be at least 1")
				if got := greeting(t); got != "second" {
					t.Errorf("GREETING %q, want second from the last good file", got)
				}
			},
		},
		{
			name: "a function the app lacks",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-nope:\n    environment: {GREETING: nope}\n")
			},
			await: []string{"files changed; nothing to reload", "files=\"" + top + " changed\""},
			check: func(t *testing.T) {
				d.awaitLog(t, 0, "ldk: "+top+":2:3: functions.cfg-nope: the app has no such function; name one of cfg-count, cfg-echo, cfg-slow, or remove it")
				if got := greeting(t); got != "second" {
					t.Errorf("GREETING %q, want second from the last good file", got)
				}
			},
		},
		{
			name: "the fixed file applied",
			edit: func(t *testing.T) {
				writeFile(t, top, "functions:\n  cfg-echo:\n    environment: {GREETING: fourth}\nvariables: {slow_timeout: 1}\n")
			},
			await: []string{"reloaded: functions=cfg-echo ",
				`why="` + top + `: valid again; functions.cfg-echo.environment changed; model: functions ~cfg-echo"`},
			check: func(t *testing.T) {
				if got := greeting(t); got != "fourth" {
					t.Errorf("GREETING %q, want fourth", got)
				}
				if n := strings.Count(d.stderr.String(), brokenLine+"\n"); n != 1 {
					t.Errorf("the error was printed %d times, want once", n)
				}
			},
		},
		{
			name: "the file deleted: defaults",
			edit: func(t *testing.T) {
				if err := os.Remove(top); err != nil {
					t.Fatal(err)
				}
			},
			await: []string{`reloaded: functions="cfg-echo, cfg-slow" `,
				`why="` + top + `: deleted, defaults apply; functions.cfg-echo.environment, variables changed; model: functions ~cfg-echo ~cfg-slow"`},
			check: func(t *testing.T) {
				if got := greeting(t); got != "hello" {
					t.Errorf("GREETING %q, want the template's hello", got)
				}
				if slowTimesOut(t, client, "") {
					t.Error("cfg-slow timed out, want its template's 10 s timeout back")
				}
			},
		},
		{
			name: "a file created in a new .ldk directory",
			edit: func(t *testing.T) {
				writeFile(t, nested, "functions:\n  cfg-echo:\n    environment: {GREETING: created}\n")
			},
			await: []string{"reloaded: functions=cfg-echo ",
				`why="` + nested + `: created; functions.cfg-echo.environment changed; model: functions ~cfg-echo"`},
			check: func(t *testing.T) {
				if got := greeting(t); got != "created" {
					t.Errorf("GREETING %q, want created", got)
				}
			},
		},
		{
			name: "saved by renaming a new file over it",
			edit: func(t *testing.T) {
				tmp := filepath.Join(dir, ".ldk", ".ldk.yaml.swp-new")
				writeFile(t, tmp, "functions:\n  cfg-echo:\n    environment: {GREETING: renamed}\n")
				if err := os.Rename(tmp, nested); err != nil {
					t.Fatal(err)
				}
			},
			await: []string{"reloaded: functions=cfg-echo ",
				`why="` + nested + `: functions.cfg-echo.environment changed; model: functions ~cfg-echo"`},
			check: func(t *testing.T) {
				if got := greeting(t); got != "renamed" {
					t.Errorf("GREETING %q, want renamed", got)
				}
			},
		},
	}
	count := 0
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			count++
			if got := countVia(t, api); got != count {
				t.Fatalf("cfg-count before the edit: %d, want %d", got, count)
			}
			mark := d.logMark()
			st.edit(t)
			d.awaitLog(t, mark, st.await...)
			st.check(t)
			count++
			if got := countVia(t, api); got != count {
				t.Errorf("cfg-count after the reload: %d, want %d: its warm worker was not kept", got, count)
			}
		})
	}
}

// TestDevConfigRestartOnlySettings edits settings that need new listeners
// or new ARNs: one line says which and that a restart applies them, and
// the running listeners keep serving, warm workers included.
func TestDevConfigRestartOnlySettings(t *testing.T) {
	t.Parallel()
	dir := yamlApp(t, "")
	d := startDev(t, "--tf", dir)
	api := d.apiURL(t, "/count")
	if got := countVia(t, api); got != 1 {
		t.Fatalf("cfg-count: %d, want 1", got)
	}

	mark := d.logMark()
	// port is also set by --port, which wins: it is not named.
	writeFile(t, filepath.Join(dir, "ldk.yaml"), "ports: {apis: {cfg: 1}}\nregion: eu-central-1\nport: 4000\n")
	line := d.awaitLog(t, mark, "[WARN]  ldk.reload: ")
	want := "a setting changed that applies only when ldk dev starts: restart ldk dev to apply it; until then the running value stays: " +
		"file=" + filepath.Join(dir, "ldk.yaml") + ` settings="ports.apis.cfg, region"`
	if _, got, _ := strings.Cut(line, "ldk.reload: "); got != want {
		t.Errorf("hint line:\n%s\nwant it to end:\n%s", line, want)
	}
	d.awaitLog(t, mark, `reloaded: functions="" `, `why="`+filepath.Join(dir, "ldk.yaml")+`: created"`)

	if got := countVia(t, api); got != 2 {
		t.Errorf("cfg-count on the old port after the edit: %d, want 2 from the same worker", got)
	}

	// A port pinned for an API the app lacks would stop the next start:
	// the reload refuses the file as start-up would.
	mark = d.logMark()
	writeFile(t, filepath.Join(dir, "ldk.yaml"), "ports: {apis: {nope: 3999}}\n")
	d.awaitLog(t, mark, "ldk: "+filepath.Join(dir, "ldk.yaml")+":1:16: ports.apis.nope: the app has no such API (it has: cfg)")
	d.awaitLog(t, mark, "[ERROR] ldk.reload: ldk.yaml is invalid (see above); still serving with the last good settings: fix the file and save it again")
	if got := countVia(t, api); got != 3 {
		t.Errorf("cfg-count after the refused edit: %d, want 3 from the same worker", got)
	}
}
