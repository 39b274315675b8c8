package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/config"
	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/host/apigw"
	"github.com/ldkdev/ldk/host/lambdaapi"
	"github.com/ldkdev/ldk/host/reload"
)

// devCommand is `ldk dev`: serve the app's APIs, function URLs and the
// Lambda Invoke API until Ctrl-C.
func devCommand() *cli.Command {
	flags := append(inputFlags(), computeFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "host", Usage: "address to listen on (default 127.0.0.1; anything else is reachable from other machines)", EnvVars: []string{"LDK_HOST"}},
		&cli.IntFlag{Name: "port", Usage: "first port of the API and function URL listeners (0: ephemeral)", EnvVars: []string{"LDK_PORT"}, DefaultText: strconv.Itoa(config.DefaultPort)},
		&cli.IntFlag{Name: "aws-port", Usage: "port of the AWS-compatible endpoint (0: ephemeral)", EnvVars: []string{"LDK_AWS_PORT"}, DefaultText: strconv.Itoa(config.DefaultAWSPort)},
		&cli.StringFlag{Name: "ready-file", Usage: "write a JSON description of every listener here once ready; removed on exit", EnvVars: []string{"LDK_READY_FILE"}},
		&cli.BoolFlag{Name: "watch", Value: true, Usage: "reload when function code or the app's files change (--watch=false to turn it off)", EnvVars: []string{"LDK_WATCH"}},
		&cli.BoolFlag{Name: "synth", Usage: "CDK: run cdk.json's app command when the files its watch settings name change", EnvVars: []string{"LDK_SYNTH"}},
		&cli.DurationFlag{Name: "synth-timeout", Value: reload.DefaultSynthTimeout, Usage: "with --synth: stop a synth still running after this long", EnvVars: []string{"LDK_SYNTH_TIMEOUT"}},
	)
	return &cli.Command{
		Name:   "dev",
		Usage:  "serve the app's HTTP APIs, function URLs and the Lambda Invoke API locally",
		Flags:  flags,
		Action: runDev,
	}
}

func applyDevFlags(c *cli.Context, cfg *config.Config) {
	applyComputeFlags(c, cfg)
	if c.IsSet("host") {
		cfg.Host = c.String("host")
	}
	if c.IsSet("port") {
		cfg.Port = c.Int("port")
	}
	if c.IsSet("aws-port") {
		cfg.AWSPort = c.Int("aws-port")
	}
}

func runDev(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	applyDevFlags(c, &cfg)
	if c.Bool("synth") && c.Duration("synth-timeout") <= 0 {
		return fmt.Errorf("--synth-timeout %s must be positive (e.g. 5m)", c.Duration("synth-timeout"))
	}
	logger := newLogger(c.App.ErrWriter, cfg.LogLevel)

	if rf := c.String("ready-file"); rf != "" {
		if err := host.ClaimReadyFile(rf); err != nil {
			return err
		}
	}
	app, err := loadApp(c, cfg)
	if err != nil {
		return err
	}
	if err := applyOverrides(app, cfg); err != nil {
		return err
	}
	if !isLoopback(cfg.Host) {
		logger.Warn("listening beyond loopback: other machines can call your functions", "host", cfg.Host)
	}

	ctx, stop := signal.NotifyContext(c.Context, shutdownSignals...)
	defer stop()

	plan := host.PortPlan{
		Host: cfg.Host, BasePort: cfg.Port, AWSPort: cfg.AWSPort,
		APIPorts: cfg.Ports.APIs, URLPorts: cfg.Ports.FunctionURLs,
	}
	if err := checkPortRange(app, plan); err != nil {
		return err
	}
	srv, err := host.Bind(app, plan)
	if err != nil {
		return err
	}
	rt, err := newRuntime(ctx, app, cfg, logger, c.App.ErrWriter, srv.AWSEndpoint())
	if err != nil {
		srv.Shutdown(context.Background())
		return err
	}
	defer rt.close()

	env := appEnv(app, cfg)
	lambdaHandler := lambdaapi.NewHandler(rt.dispatcher, app.Functions, lambdaapi.Options{
		AccountID: env.Account, Region: env.Region, Logger: logger.Named("lambda"),
	})
	gwOpts := apigw.Options{AccountID: env.Account, Region: env.Region, Logger: logger.Named("apigw")}
	// The watchers start before "ready": an edit made as soon as ldk dev
	// says it is ready is seen.
	var reloader *reload.Reloader
	if c.Bool("watch") {
		if reloader, err = newReloader(c, cfg, app, rt, srv, lambdaHandler, logger); err != nil {
			logger.Warn("not reloading on changes", "error", err)
			reloader = nil
		}
	}
	var synth *reload.Synth
	if c.Bool("synth") {
		if synth, err = newSynth(c, logger); err != nil {
			if reloader != nil {
				reloader.Close()
			}
			return err
		}
	}
	err = srv.Serve(host.ServeOptions{
		Handlers: host.Handlers{
			API: func(api appmodel.API, routes []appmodel.Route) (http.Handler, error) {
				return apigw.NewAPIHandler(api, routes, rt.dispatcher, gwOpts)
			},
			FunctionURL: func(u appmodel.FunctionURL) (http.Handler, error) {
				return apigw.NewFunctionURLHandler(u, rt.dispatcher, gwOpts), nil
			},
			AWS: lambdaHandler,
		},
		ReadyFile: c.String("ready-file"),
		Out:       c.App.Writer,
		Logger:    logger,
	})
	if err != nil {
		if reloader != nil {
			reloader.Close()
		}
		if synth != nil {
			synth.Close()
		}
		return err
	}

	reloaded := make(chan struct{})
	go func() {
		defer close(reloaded)
		if reloader != nil {
			reloader.Run(ctx)
		}
	}()
	synthed := make(chan struct{})
	go func() {
		defer close(synthed)
		if synth != nil {
			synth.Run(ctx)
		}
	}()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-srv.Errors():
	}
	// Catch a second signal before releasing the first handler, so that it
	// shortens the wait instead of killing ldk with its plugins running.
	sctx, cancel := shutdownContext()
	defer cancel()
	stop()
	<-reloaded
	<-synthed
	fmt.Fprintf(c.App.ErrWriter, "stopping: letting requests in flight finish (at most %s; Ctrl-C again to stop now)\n", shutdownTimeout)
	err = errors.Join(serveErr, srv.Shutdown(sctx), lambdaHandler.Close(sctx))
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		// Requests still running were cut: that is what the user asked for
		// or what the bound says, not a failure of ldk.
		fmt.Fprintln(c.App.ErrWriter, "stopped with requests still in flight")
		err = nil
	}
	return errors.Join(err, rt.close())
}

// shutdownSignals stop ldk dev cleanly.
var shutdownSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// shutdownContext bounds the wait for requests in flight by shutdownTimeout
// and ends it early at a second interrupt.
func shutdownContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	again := make(chan os.Signal, 1)
	signal.Notify(again, shutdownSignals...)
	go func() {
		defer signal.Stop(again)
		select {
		case <-again:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// isLoopback reports whether host names only this machine: a loopback
// address or "localhost".
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// appEnv is the account and region events and ARNs report: ldk.yaml's when
// set, else the first function's, else the defaults.
func appEnv(app *appmodel.App, cfg config.Config) appmodel.Env {
	env := appmodel.Env{Account: cfg.Account, Region: cfg.Region}
	for _, f := range app.Functions {
		if env.Account != "" && env.Region != "" {
			break
		}
		// arn:aws:lambda:<region>:<account>:function:<name>
		parts := strings.SplitN(f.ARN, ":", 7)
		if len(parts) >= 5 {
			if env.Region == "" {
				env.Region = parts[3]
			}
			if env.Account == "" {
				env.Account = parts[4]
			}
		}
	}
	return env.WithDefaults()
}
