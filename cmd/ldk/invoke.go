package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/invoke"
)

// invokeCommand is `ldk invoke`: run one invocation and print its result.
func invokeCommand() *cli.Command {
	flags := append(inputFlags(), computeFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "event", Aliases: []string{"e"}, Usage: "event `FILE` (JSON), or - for standard input; {} when absent"},
	)
	return &cli.Command{
		Name:      "invoke",
		Usage:     "run one invocation of a function: the result on stdout, its logs on stderr",
		ArgsUsage: "FUNCTION",
		Flags:     flags,
		Action:    runInvoke,
	}
}

func runInvoke(c *cli.Context) error {
	if c.NArg() != 1 {
		return cli.Exit("usage: ldk invoke FUNCTION [--event FILE|-]", 2)
	}
	ref := c.Args().First()
	payload, err := readEvent(c.String("event"), c.App.Reader)
	if err != nil {
		return err
	}

	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	if !c.IsSet("log-level") && cfg.LogLevel == "info" {
		cfg.LogLevel = "warn" // keep ldk's own lines out of a one-shot run
	}
	logger := newLogger(c.App.ErrWriter, cfg.LogLevel)
	app, err := loadApp(c, cfg)
	if err != nil {
		return err
	}
	if err := applyOverrides(app, cfg); err != nil {
		return err
	}
	fn, similar := app.FindFunction(ref)
	if fn == nil {
		if len(similar) > 0 {
			return &invoke.NotFoundError{Function: ref, Similar: similar}
		}
		return notFound(ref, app)
	}
	// Only the invoked function's backend is started; the functions on it
	// can be invoked from the function through the Lambda API served here.
	// TODO: a function on another backend is not served: invoking it from
	// the function gets ResourceNotFoundException under ldk invoke.
	one := *app
	one.Functions = nil
	for _, f := range app.Functions {
		if cfg.BackendFor(f.Name) == cfg.BackendFor(fn.Name) {
			one.Functions = append(one.Functions, f)
		}
	}

	ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	api, err := listenLambdaAPI()
	if err != nil {
		return err
	}
	rt, err := newRuntime(ctx, &one, cfg, logger, c.App.ErrWriter, api.endpoint())
	if err != nil {
		api.close()
		return err
	}
	defer rt.close()
	api.serve(rt.dispatcher, one.Functions, appEnv(&one, cfg), logger)
	defer api.close()

	id := invoke.NewRequestID()
	logsOut := rt.logs.expect(id)
	res, err := rt.dispatcher.Invoke(ctx, invoke.Request{Function: fn.Name, Payload: payload, RequestID: id})
	if err != nil {
		return err
	}
	logsOut(2 * time.Second)
	// Logs were streamed to stderr as they came; the result goes to stdout.
	out := res.Payload
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	if res.ErrorType != "" {
		c.App.Writer.Write(out)
		api.close()
		rt.close()
		return cli.Exit(fmt.Sprintf("function %s failed: %s", fn.Name, errorTypeOf(res.Payload, res.ErrorType)), 1)
	}
	_, err = c.App.Writer.Write(out)
	return err
}

// maxEventBytes is Lambda's limit on a synchronous invocation's payload.
const maxEventBytes = 6 << 20

func eventName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// readEvent reads the event from a file, from r for "-", or gives {}.
func readEvent(path string, r io.Reader) ([]byte, error) {
	var data []byte
	var err error
	switch path {
	case "":
		return []byte("{}"), nil
	case "-":
		data, err = io.ReadAll(r)
	default:
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the event: %w", err)
	}
	if strings.TrimSpace(string(data)) == "" {
		return nil, fmt.Errorf("the event in %s is empty; pass a JSON document (e.g. {})", eventName(path))
	}
	if len(data) > maxEventBytes {
		return nil, fmt.Errorf("the event in %s is %d bytes; Lambda accepts at most %d (6 MB)", eventName(path), len(data), maxEventBytes)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("the event in %s is not JSON: %v", eventName(path), err)
	}
	return data, nil
}

// errorTypeOf is the errorType of a function's error document, else the
// result's own error type ("Unhandled").
func errorTypeOf(payload []byte, fallback string) string {
	var doc struct {
		ErrorType string `json:"errorType"`
	}
	if json.Unmarshal(payload, &doc) == nil && doc.ErrorType != "" {
		return doc.ErrorType
	}
	return fallback
}

// listedFunctions is how many function names an error lists at most.
const listedFunctions = 10

// notFound is the error for a function name like none of the app's: it
// lists the app's functions (ldk's own internal ones left out).
func notFound(ref string, app *appmodel.App) error {
	var names []string
	for _, f := range app.Functions {
		if !f.Internal {
			names = append(names, strconv.Quote(f.Name))
		}
	}
	switch {
	case len(names) == 0:
		return fmt.Errorf("function %q not found: the app has no functions", ref)
	case len(names) > listedFunctions:
		return fmt.Errorf("function %q not found; the app's functions include %s (ldk ls lists all %d)",
			ref, strings.Join(names[:listedFunctions], ", "), len(names))
	}
	return fmt.Errorf("function %q not found; the app's functions are %s", ref, strings.Join(names, ", "))
}
