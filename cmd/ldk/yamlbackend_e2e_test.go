package main

import (
	"path/filepath"
	"testing"
)

// TestDevConfigBackends moves functions between compute backends by
// editing ldk.yaml, and checks that a backend set by a flag or LDK_*
// variable stays. The snapshot example backend runs each worker on a copy
// of the code, so a function's LAMBDA_TASK_ROOT says where it runs.
func TestDevConfigBackends(t *testing.T) {
	t.Parallel()
	needTools(t, "node")
	pluginDir := t.TempDir()
	buildPlugin(t, pluginDir, "snapshot", filepath.Join("..", "..", "examples", "compute-plugin"))

	cases := []struct {
		name string
		env  []string
		args []string
		// yaml is written while ldk dev runs.
		yaml string
		// await is the reload line's functions and why, after the path.
		functions, why string
		// onSnapshot says whether cfg-echo then runs on snapshot;
		// restarted whether it was restarted.
		onSnapshot, restarted bool
	}{
		{
			name:       "a function moved to another backend",
			yaml:       "functions:\n  cfg-echo:\n    compute_backend: snapshot\n",
			functions:  "functions=cfg-echo ",
			why:        ": created; functions.cfg-echo.compute_backend changed; model: functions ~cfg-echo",
			onSnapshot: true, restarted: true,
		},
		{
			name:       "the default backend changed, one function kept on its own",
			yaml:       "compute_backend: snapshot\nfunctions:\n  cfg-count:\n    compute_backend: subprocess\n",
			functions:  "functions=cfg-echo ",
			why:        ": created; compute_backend, functions.cfg-count.compute_backend changed; model: functions ~cfg-echo",
			onSnapshot: true, restarted: true,
		},
		{
			name:      "--compute-backend wins over the edit",
			args:      []string{"--compute-backend", "subprocess"},
			yaml:      "compute_backend: snapshot\nfunctions:\n  cfg-echo:\n    environment: {GREETING: flagged}\n",
			functions: "functions=cfg-echo ",
			why:       ": created; functions.cfg-echo.environment changed; model: functions ~cfg-echo",
			restarted: true,
		},
		{
			name:      "LDK_COMPUTE_BACKEND wins over the edit",
			env:       []string{"LDK_COMPUTE_BACKEND=subprocess"},
			yaml:      "compute_backend: snapshot\nconcurrency: 10\n",
			functions: `functions="" `,
			why:       ": created",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := yamlApp(t, "")
			src := filepath.Join(dir, "src")
			args := append([]string{"--tf", dir, "--plugin-dir", pluginDir}, tc.args...)
			d := startDevEnv(t, tc.env, args...)
			client := lambdaClient(t, d.ready.AWSEndpoint)
			api := d.apiURL(t, "/count")
			if a := invokeCfg(t, client, "cfg-echo", `{}`); a.Root != src {
				t.Fatalf("cfg-echo runs from %s at start-up, want %s on subprocess", a.Root, src)
			}
			countVia(t, api)
			oldWorkers := workersOf(t, d, "cfg-echo")
			if len(oldWorkers) != 1 {
				t.Fatalf("cfg-echo has %d workers, want 1", len(oldWorkers))
			}

			mark := d.logMark()
			writeFile(t, filepath.Join(dir, "ldk.yaml"), tc.yaml)
			d.awaitLog(t, mark, "reloaded: "+tc.functions, `why="`+filepath.Join(dir, "ldk.yaml")+tc.why+`"`)

			a := invokeCfg(t, client, "cfg-echo", `{}`)
			if onSnapshot := a.Root != src; onSnapshot != tc.onSnapshot {
				t.Errorf("cfg-echo runs from %s: on snapshot %v, want %v", a.Root, onSnapshot, tc.onSnapshot)
			}
			if wantCount := map[bool]int{true: 1, false: 2}[tc.restarted]; a.Count != wantCount {
				t.Errorf("cfg-echo's count %d, want %d (restarted: %v)", a.Count, wantCount, tc.restarted)
			}
			if got := countVia(t, api); got != 2 {
				t.Errorf("cfg-count's count %d, want 2: its warm worker on subprocess was not kept", got)
			}
			if tc.restarted {
				// The old worker ends once the backend has replaced or
				// stopped it; the bound only keeps the test from hanging.
				if left := waitGone(oldWorkers); len(left) > 0 {
					t.Errorf("cfg-echo's worker from before the edit still runs: %s", commandsOf(left))
				}
			}
		})
	}
}
