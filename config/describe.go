package config

import (
	"fmt"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// examples show how to write a key of ldk.yaml, by dotted key or by its
// last part when the first part is a name of the user's.
var examples = map[string]string{
	"compute_backend": "compute_backend: subprocess",
	"host":            "host: 127.0.0.1",
	"port":            "port: 3000",
	"aws_port":        "aws_port: 4566",
	"region":          "region: eu-west-1",
	"account":         `account: "111111111111"`,
	"parameters":      "parameters: {Stage: dev}",
	"variables":       "variables: {stage: dev}",
	"functions":       `functions: {CreateOrder: {environment: {DEBUG: "1"}}}`,
	"environment":     `environment: {DEBUG: "1"}`,
	"endpoints":       `endpoints: {dynamodb: "http://127.0.0.1:8000"}`,
	"ports":           "ports: {apis: {OrdersApi: 3100}}",
	"apis":            "apis: {OrdersApi: 3100}",
	"function_urls":   "function_urls: {CreateOrder: 3200}",
	"plugin_dir":      "plugin_dir: /opt/ldk/plugins",
	"worker_idle_ttl": "worker_idle_ttl: 90s",
	"concurrency":     "concurrency: 10",
	"log_level":       "log_level: debug",
}

// describeType says in words what a value of type t is, and gives an
// example of key written right.
func describeType(t reflect.Type, key string) (want, example string) {
	leaf := key[strings.LastIndex(key, ".")+1:]
	example = examples[key]
	if example == "" && !strings.Contains(key, ".") {
		example = examples[leaf]
	}
	if example == "" && (strings.Count(key, ".") == 1 || strings.HasSuffix(key, ".environment")) {
		// functions.X, ports.apis: the leaf is ldk's own key or a name.
		example = examples[leaf]
	}
	switch {
	case t == reflect.TypeOf(time.Duration(0)):
		return "a duration (a number and a unit: 90s, 5m, 1h)", orDefault(example, leaf+": 90s")
	case t.Kind() == reflect.Int:
		return "a whole number", orDefault(example, leaf+": 3100")
	case t.Kind() == reflect.String:
		return "a string", orDefault(example, leaf+`: "value"`)
	case t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Struct:
		return "a map of names to settings", orDefault(example, leaf+": {compute_backend: subprocess}")
	case t.Kind() == reflect.Map:
		return "a map of names to values", orDefault(example, leaf+": {NAME: value}")
	case t.Kind() == reflect.Struct:
		_, names := yamlFields(t)
		return "a map of settings (" + strings.Join(names, ", ") + ")", orDefault(example, leaf+": {compute_backend: subprocess}")
	}
	return "a " + t.Kind().String(), orDefault(example, leaf+": value")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// describeNode says in words what a YAML value is.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("the string %q", n.Value)
}

// serviceID is a service id AWS_ENDPOINT_URL_<ID> can be made of: the SDK
// upper-cases it and turns spaces and dashes into underscores.
var serviceID = regexp.MustCompile(`^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$`)

// checkEndpoints refuses an endpoint whose service id cannot name an
// AWS_ENDPOINT_URL_ variable or whose URL is not an absolute http(s) URL.
func checkEndpoints(cfg *Config, path string) error {
	names := make([]string, 0, len(cfg.Endpoints))
	for name := range cfg.Endpoints {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		where := (&Config{File: path, Keys: cfg.Keys}).Where("endpoints." + name)
		if !serviceID.MatchString(name) {
			return fmt.Errorf("%s: endpoints: %q is not a service id (it becomes AWS_ENDPOINT_URL_<ID>: letters and digits, words joined by _, - or a space); write it as e.g. dynamodb or secrets_manager",
				where, name)
		}
		raw := cfg.Endpoints[name]
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s: endpoints.%s %q is not an absolute http(s) URL; write it as e.g. http://127.0.0.1:8000",
				where, name, raw)
		}
	}
	return nil
}

// pluginDirWarnings warns of a plugin_dir that does not exist: ldk then
// finds no plugin there, which the user may not expect.
func pluginDirWarnings(cfg *Config, path string) []Warning {
	if cfg.PluginDir == "" {
		return nil
	}
	if _, err := os.Stat(cfg.PluginDir); err == nil {
		return nil
	}
	where := (&Config{File: path, Keys: cfg.Keys}).Where("plugin_dir")
	return []Warning{{Key: "plugin_dir",
		Text: fmt.Sprintf("%s: plugin_dir %s does not exist, so no plugin is found there; create it or fix the path", where, cfg.PluginDir)}}
}
