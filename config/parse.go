package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parse decodes one ldk.yaml document into cfg. Every error reads
// "path:line:col: what is wrong; the fix": a YAML syntax error, a second
// document, an unknown key (with the keys allowed there), a value of the
// wrong type and an endpoint that is not a URL. Findings that do not stop
// ldk go to cfg.Warnings.
func Parse(path string, data []byte, cfg *Config) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		return syntaxError(path, data, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		return fmt.Errorf("%s:%d:1: a second YAML document starts here; ldk.yaml holds one: remove the --- line and merge what follows into the first",
			path, secondDocumentLine(data))
	case !errors.Is(err, io.EOF):
		return syntaxError(path, data, err)
	}
	w := walker{path: path, keys: map[string]Position{}}
	body := &root
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		body = root.Content[0]
	}
	if body.Kind == yaml.ScalarNode && body.Tag == "!!null" {
		return nil
	}
	if err := w.check(body, reflect.TypeOf(Config{}), ""); err != nil {
		return err
	}
	if err := body.Decode(cfg); err != nil {
		// check has tried every value; this is a safety net.
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	cfg.Keys = w.keys
	if err := checkEndpoints(cfg, path); err != nil {
		return err
	}
	if err := checkEnvironment(cfg, path); err != nil {
		return err
	}
	cfg.Warnings = append(cfg.Warnings, pluginDirWarnings(cfg, path)...)
	return nil
}

// yamlLine finds the line number in a yaml.v3 error.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxError turns a YAML syntax error into one with a line and column:
// yaml.v3 gives the line of most errors but not all, so the line is found
// as the first whose prefix of the file no longer parses.
func syntaxError(path string, data []byte, err error) error {
	msg := strings.TrimPrefix(yamlLine.ReplaceAllString(err.Error(), ""), "yaml: ")
	lines := strings.SplitAfter(string(data), "\n")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		fmt.Sscan(m[1], &line)
	} else {
		for i := range lines {
			var n yaml.Node
			if yaml.Unmarshal([]byte(strings.Join(lines[:i+1], "")), &n) != nil {
				line = i + 1
				break
			}
		}
	}
	line = min(max(line, 1), len(lines))
	text := lines[line-1]
	col := len(text) - len(strings.TrimLeft(text, " ")) + 1
	fix := "fix the YAML syntax there (quote a value that holds \": \", \"#\" or starts with a special character)"
	if tab := strings.IndexByte(text, '\t'); tab >= 0 && strings.TrimLeft(text[:tab], " ") == "" {
		col = tab + 1
		fix = "indent with spaces: YAML does not allow tabs there"
	} else if strings.Contains(msg, "tab character") {
		fix = "indent with spaces: YAML does not allow tabs there"
	}
	return fmt.Errorf("%s:%d:%d: %s; %s", path, line, col, msg, fix)
}

// secondDocumentLine is the line of the "---" that starts the second
// document: the first one after any content, or the second one.
func secondDocumentLine(data []byte) int {
	content := false
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if t == "---" || strings.HasPrefix(t, "--- ") {
			if content {
				return i + 1
			}
			content = true
			continue
		}
		if t != "" && !strings.HasPrefix(t, "#") {
			content = true
		}
	}
	return 1
}

// walker checks an ldk.yaml tree against the Config type and records where
// each key was written.
type walker struct {
	path string
	keys map[string]Position
}

// check reports the first key of n that type t has no field for and the
// first value that does not decode into its field's type.
func (w walker) check(n *yaml.Node, t reflect.Type, key string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	switch {
	case t.Kind() == reflect.Struct && t != reflect.TypeOf(Config{}.IdleTTL):
		if n.Kind != yaml.MappingNode {
			return w.typeError(n, t, key)
		}
		fields, names := yamlFields(t)
		if err := w.duplicates(n, key); err != nil {
			return err
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			sub := join(key, k.Value)
			ft, ok := fields[k.Value]
			if !ok {
				return fmt.Errorf("%s:%d:%d: unknown key %q (allowed here: %s)",
					w.path, k.Line, k.Column, sub, strings.Join(names, ", "))
			}
			w.keys[sub] = Position{k.Line, k.Column}
			if err := w.check(n.Content[i+1], ft, sub); err != nil {
				return err
			}
		}
		return nil
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			return w.typeError(n, t, key)
		}
		if err := w.duplicates(n, key); err != nil {
			return err
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			sub := join(key, k.Value)
			w.keys[sub] = Position{k.Line, k.Column}
			if err := w.check(n.Content[i+1], t.Elem(), sub); err != nil {
				return err
			}
		}
		return nil
	}
	// yaml.v3 would cut 1.5 down to 1 in silence.
	if t.Kind() == reflect.Int && n.Tag == "!!float" {
		return w.typeError(n, t, key)
	}
	if err := n.Decode(reflect.New(t).Interface()); err != nil {
		return w.typeError(n, t, key)
	}
	return nil
}

// duplicates refuses a mapping that sets one key twice.
func (w walker) duplicates(n *yaml.Node, key string) error {
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, ok := first[k.Value]; ok {
			return fmt.Errorf("%s:%d:%d: %s is set twice (first on line %d); keep one of them",
				w.path, k.Line, k.Column, join(key, k.Value), line)
		}
		first[k.Value] = k.Line
	}
	return nil
}

// typeError says what key must hold, what it holds and how to write it.
func (w walker) typeError(n *yaml.Node, t reflect.Type, key string) error {
	if key == "" {
		return fmt.Errorf("%s:%d:%d: the file must be a map of settings (port: 3000, functions: ...), not %s; "+
			"see the Configuration section of the README", w.path, n.Line, n.Column, describeNode(n))
	}
	want, example := describeType(t, key)
	return fmt.Errorf("%s:%d:%d: %s must be %s, not %s; write it as e.g. %s",
		w.path, n.Line, n.Column, key, want, describeNode(n), example)
}

// yamlFields maps the yaml keys of struct type t to their field types,
// and lists the keys in field order.
func yamlFields(t reflect.Type) (map[string]reflect.Type, []string) {
	fields := map[string]reflect.Type{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := yamlKey(t.Field(i))
		if tag == "" {
			continue
		}
		fields[tag] = t.Field(i).Type
		names = append(names, tag)
	}
	return fields, names
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
