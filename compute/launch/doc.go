// Package launch says how to start a worker process for a Lambda runtime
// on this machine: which executable, which arguments, which environment.
// It is the part of a process-based compute backend that does not depend
// on how the backend isolates or schedules its workers.
//
// A Launcher lays out ldk's runtime clients (package bootstrap) once,
// finds node and python3 once, and turns a compute.FunctionSpec into a
// Plan:
//
//	l := launch.New(dir, func(runtime, exe, version string) { ... })
//	plan, err := l.Prepare(spec) // checks the runtime, handler, bootstrap
//	cmd := exec.Command(plan.Command[0], plan.Command[1:]...)
//	cmd.Dir = spec.CodeDir
//	cmd.Env = append(plan.Env, "AWS_LAMBDA_RUNTIME_API="+endpoint.Addr())
//
// Runtimes: nodejs18.x to nodejs24.x run "node <client>", python3.9 to
// python3.14 run "python3 -u <client>", provided.al2 and provided.al2023
// run the code's own bootstrap executable. When the machine's node or
// python is not the version a function asks for, the Launcher calls its
// warn function once per runtime and runs the function anyway.
//
// Plan.Env is the function's environment as the host resolved it, plus
// what a worker on this machine needs: layer directories on NODE_PATH or
// PYTHONPATH (and their bin on PATH, lib on LD_LIBRARY_PATH), python's
// byte code cached outside the code, and defaults for PATH,
// LAMBDA_TASK_ROOT, _HANDLER, LAMBDA_RUNTIME_DIR, TZ and LANG.
// AWS_LAMBDA_RUNTIME_API is the backend's to add, one per worker.
package launch
