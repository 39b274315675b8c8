package config

import (
	"fmt"
	"regexp"
	"sort"
)

// envName is what Lambda takes as an environment variable's name: a
// letter, then letters, digits and underscores.
var envName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// reservedEnv are the variables Lambda sets itself and refuses in a
// function's configuration.
var reservedEnv = map[string]bool{
	"_HANDLER": true, "_X_AMZN_TRACE_ID": true, "AWS_DEFAULT_REGION": true, "AWS_REGION": true,
	"AWS_EXECUTION_ENV": true, "AWS_LAMBDA_FUNCTION_NAME": true, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": true,
	"AWS_LAMBDA_FUNCTION_VERSION": true, "AWS_LAMBDA_INITIALIZATION_TYPE": true,
	"AWS_LAMBDA_LOG_GROUP_NAME": true, "AWS_LAMBDA_LOG_STREAM_NAME": true, "AWS_ACCESS_KEY": true,
	"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true,
	"AWS_LAMBDA_RUNTIME_API": true, "LAMBDA_TASK_ROOT": true, "LAMBDA_RUNTIME_DIR": true,
}

// checkEnvironment refuses environment overrides Lambda would refuse: a
// name that is not a variable name, or one Lambda reserves for itself
// (setting _HANDLER or AWS_REGION would only break the function).
func checkEnvironment(cfg *Config, path string) error {
	fns := make([]string, 0, len(cfg.Functions))
	for fn := range cfg.Functions {
		fns = append(fns, fn)
	}
	sort.Strings(fns)
	for _, fn := range fns {
		names := make([]string, 0, len(cfg.Functions[fn].Environment))
		for name := range cfg.Functions[fn].Environment {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			key := "functions." + fn + ".environment." + name
			switch {
			case reservedEnv[name]:
				return fmt.Errorf("%s: %s: %s is set by Lambda itself and cannot be overridden; "+
					"remove it (ldk sets it as Lambda does)", cfg.whereIn(path, key), key, name)
			case !envName.MatchString(name):
				return fmt.Errorf("%s: %s: %q is not an environment variable name; "+
					"start it with a letter and use only letters, digits and _", cfg.whereIn(path, key), key, name)
			}
		}
	}
	return nil
}

// whereIn is "path:line:col" of key when its place is known, else path.
func (c *Config) whereIn(path, key string) string {
	if p, ok := c.Keys[key]; ok {
		return fmt.Sprintf("%s:%d:%d", path, p.Line, p.Column)
	}
	return path
}
