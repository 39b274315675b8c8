// Package config reads ldk.yaml and merges it with LDK_* environment
// variables and command-line flags. Flags win, then the environment, then
// the file, then the defaults below.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Defaults of the settings that have one.
const (
	DefaultBackend     = "subprocess"
	DefaultHost        = "127.0.0.1"
	DefaultPort        = 3000
	DefaultAWSPort     = 4566
	DefaultConcurrency = 10
	DefaultIdleTTL     = 5 * time.Minute
)

// FileNames are where ldk looks for its configuration, relative to the
// project directory, first match wins.
var FileNames = []string{"ldk.yaml", "ldk.yml", filepath.Join(".ldk", "ldk.yaml"), filepath.Join(".ldk", "ldk.yml")}

// Config is the whole configuration of one run. The yaml tags are the keys
// of ldk.yaml; README.md documents each one.
type Config struct {
	// ComputeBackend is the default backend for every function.
	ComputeBackend string `yaml:"compute_backend"`
	// Host is the address listeners bind to.
	Host string `yaml:"host"`
	// Port is the first port of the API and function URL listeners.
	Port int `yaml:"port"`
	// AWSPort is the port of the AWS-compatible APIs (Lambda Invoke).
	AWSPort int `yaml:"aws_port"`
	// Region and Account are used where the input does not name them.
	Region  string `yaml:"region"`
	Account string `yaml:"account"`
	// Parameters give values to template parameters ldk cannot resolve
	// (SSM parameters, parameters without defaults), by parameter name.
	Parameters map[string]string `yaml:"parameters"`
	// Variables give values to Terraform input variables.
	Variables map[string]any `yaml:"variables"`
	// Functions holds per-function settings, by function name.
	Functions map[string]FunctionConfig `yaml:"functions"`
	// Endpoints are URLs of other AWS services run locally, by service id
	// (e.g. dynamodb, s3), exported to functions as AWS_ENDPOINT_URL_<ID>.
	Endpoints map[string]string `yaml:"endpoints"`
	// Ports pins the port of an API (by API name) or of a function URL (by
	// function name).
	Ports PortsConfig `yaml:"ports"`
	// PluginDir is where compute plugins are looked for after the ldk
	// executable's own directory.
	PluginDir string `yaml:"plugin_dir"`
	// IdleTTL is how long an idle worker stays warm.
	IdleTTL time.Duration `yaml:"worker_idle_ttl"`
	// Concurrency is the per-function cap on parallel invocations for
	// functions without reserved concurrency.
	Concurrency int `yaml:"concurrency"`
	// LogLevel is ldk's own log level: trace, debug, info, warn, error.
	LogLevel string `yaml:"log_level"`

	// File is the path the configuration was read from, "" when none.
	File string `yaml:"-"`
	// Keys holds where each key of File was written, by dotted key
	// ("port", "functions.CreateOrder"); see Where.
	Keys map[string]Position `yaml:"-"`
	// Warnings are findings in File that do not stop ldk.
	Warnings []Warning `yaml:"-"`
}

// Warning is a finding in ldk.yaml that does not stop ldk.
type Warning struct {
	// Key is the dotted key the finding is about ("plugin_dir").
	Key string
	// Text starts with the file, line and column and ends with the fix.
	Text string
}

// Position is a line and column (both from 1) in ldk.yaml.
type Position struct {
	Line, Column int
}

// Where is "file:line:col" of a dotted key of ldk.yaml, or the file alone
// when the key was not written there.
func (c *Config) Where(key string) string {
	file := c.File
	if file == "" {
		file = "ldk.yaml"
	}
	return c.whereIn(file, key)
}

// FunctionConfig is the per-function part of ldk.yaml.
type FunctionConfig struct {
	// ComputeBackend runs this function on another backend than the default.
	ComputeBackend string `yaml:"compute_backend"`
	// Environment overrides or adds variables; applied last.
	Environment map[string]string `yaml:"environment"`
}

// PortsConfig pins listener ports.
type PortsConfig struct {
	APIs         map[string]int `yaml:"apis"`
	FunctionURLs map[string]int `yaml:"function_urls"`
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		ComputeBackend: DefaultBackend,
		Host:           DefaultHost,
		Port:           DefaultPort,
		AWSPort:        DefaultAWSPort,
		IdleTTL:        DefaultIdleTTL,
		Concurrency:    DefaultConcurrency,
		LogLevel:       "info",
	}
}

// Load reads the first configuration file found in projectDir over the
// defaults. No file is not an error.
func Load(projectDir string) (Config, error) {
	cfg := Default()
	for _, name := range FileNames {
		path := filepath.Join(projectDir, name)
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return cfg, fmt.Errorf("reading %s: %w", path, err)
		}
		if err := Parse(path, data, &cfg); err != nil {
			return cfg, err
		}
		if err := cfg.checkFile(path); err != nil {
			return cfg, err
		}
		cfg.File = path
		return cfg, nil
	}
	return cfg, nil
}

// BackendFor returns the compute backend that runs the named function.
func (c *Config) BackendFor(function string) string {
	if fc, ok := c.Functions[function]; ok && fc.ComputeBackend != "" {
		return fc.ComputeBackend
	}
	return c.ComputeBackend
}

// Validate reports settings that cannot work, naming the key and the file.
func (c *Config) Validate() error {
	where := "invalid settings (from flags, LDK_* variables or ldk.yaml)"
	if c.File != "" {
		where = "invalid settings (from flags, LDK_* variables or " + c.File + ")"
	}
	ps := c.problems()
	if len(ps) == 0 {
		return nil
	}
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
	}
	sort.Strings(texts)
	return fmt.Errorf("%s: %s", where, strings.Join(texts, "; "))
}

// checkFile reports the first value of the file that cannot work, at its
// place in the file. It runs on the file alone, before flags and LDK_*
// variables are laid over it, so what it names is the file's doing.
func (c *Config) checkFile(path string) error {
	ps := c.problems()
	sort.Slice(ps, func(i, j int) bool {
		a, b := c.Keys[ps[i].key], c.Keys[ps[j].key]
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	for _, p := range ps {
		if _, ok := c.Keys[p.key]; ok {
			return fmt.Errorf("%s: %s", c.whereIn(path, p.key), p.text)
		}
	}
	return nil
}

// problem is a setting that cannot work: its dotted key and what is wrong.
type problem struct{ key, text string }

// problems lists the settings that cannot work.
func (c *Config) problems() []problem {
	var problems []problem
	add := func(key, format string, args ...any) {
		problems = append(problems, problem{key, fmt.Sprintf(format, args...)})
	}
	if ip := net.ParseIP(c.Host); ip == nil && !strings.EqualFold(c.Host, "localhost") {
		add("host", "host %q must be an IP address or localhost, without a port", c.Host)
	}
	if c.Port < 0 || c.Port > 65535 {
		add("port", "port %d is not a port number (0 to 65535)", c.Port)
	}
	if c.AWSPort < 0 || c.AWSPort > 65535 {
		add("aws_port", "aws_port %d is not a port number (0 to 65535)", c.AWSPort)
	}
	if c.Concurrency < 1 {
		add("concurrency", "concurrency %d must be at least 1", c.Concurrency)
	}
	if c.IdleTTL <= 0 {
		add("worker_idle_ttl", "worker_idle_ttl %s must be positive (e.g. 5m)", c.IdleTTL)
	}
	switch strings.ToLower(c.LogLevel) {
	case "trace", "debug", "info", "warn", "error", "off":
	default:
		add("log_level", "log_level %q is not one of trace, debug, info, warn, error, off", c.LogLevel)
	}
	if c.ComputeBackend == "" || strings.ContainsAny(c.ComputeBackend, `/\`) {
		add("compute_backend", "compute_backend %q is not a backend name (ldk-compute-<name>)", c.ComputeBackend)
	}
	for name, fc := range c.Functions {
		if strings.ContainsAny(fc.ComputeBackend, `/\`) {
			add("functions."+name+".compute_backend", "functions.%s.compute_backend %q is not a backend name", name, fc.ComputeBackend)
		}
	}
	for name, port := range c.Ports.APIs {
		if port < 1 || port > 65535 {
			add("ports.apis."+name, "ports.apis.%s %d is not a port number (1 to 65535)", name, port)
		}
	}
	for name, port := range c.Ports.FunctionURLs {
		if port < 1 || port > 65535 {
			add("ports.function_urls."+name, "ports.function_urls.%s %d is not a port number (1 to 65535)", name, port)
		}
	}
	return problems
}
