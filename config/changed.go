package config

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Paths are the files Load looks for in projectDir, in its order.
func Paths(projectDir string) []string {
	out := make([]string, len(FileNames))
	for i, name := range FileNames {
		out[i] = filepath.Join(projectDir, name)
	}
	return out
}

// Changed lists the keys whose values differ between a and b, sorted, as
// ldk.yaml spells them: top-level keys by name, and one key per function
// and per pinned port below functions and ports
// ("functions.orders-get.environment", "ports.apis.OrdersApi"). An empty
// map equals a missing one; File is not a key.
func Changed(a, b Config) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	t := va.Type()
	for i := 0; i < t.NumField(); i++ {
		key := yamlKey(t.Field(i))
		if key == "" {
			continue
		}
		switch key {
		case "functions":
			out = append(out, changedFunctions(a.Functions, b.Functions)...)
		case "ports":
			out = append(out, changedPorts("ports.apis.", a.Ports.APIs, b.Ports.APIs)...)
			out = append(out, changedPorts("ports.function_urls.", a.Ports.FunctionURLs, b.Ports.FunctionURLs)...)
		default:
			if !equalValues(va.Field(i), vb.Field(i)) {
				out = append(out, key)
			}
		}
	}
	sort.Strings(out)
	return out
}

// changedFunctions lists functions.<name>.<key> for each per-function key
// that differs.
func changedFunctions(a, b map[string]FunctionConfig) []string {
	var out []string
	t := reflect.TypeOf(FunctionConfig{})
	for _, name := range unionKeys(a, b) {
		fa, fb := reflect.ValueOf(a[name]), reflect.ValueOf(b[name])
		for i := 0; i < t.NumField(); i++ {
			if !equalValues(fa.Field(i), fb.Field(i)) {
				out = append(out, "functions."+name+"."+yamlKey(t.Field(i)))
			}
		}
	}
	return out
}

// changedPorts lists prefix+<name> for each pin that differs.
func changedPorts(prefix string, a, b map[string]int) []string {
	var out []string
	for _, name := range unionKeys(a, b) {
		if a[name] != b[name] {
			out = append(out, prefix+name)
		}
	}
	return out
}

// equalValues compares two values of one field, an empty map or slice
// equal to a nil one.
func equalValues(a, b reflect.Value) bool {
	if k := a.Kind(); (k == reflect.Map || k == reflect.Slice) && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

func yamlKey(f reflect.StructField) string {
	key := strings.Split(f.Tag.Get("yaml"), ",")[0]
	if key == "-" {
		return ""
	}
	return key
}

func unionKeys[V any](a, b map[string]V) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
