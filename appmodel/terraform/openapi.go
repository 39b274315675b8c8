package terraform

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ldkdev/ldk/appmodel"
)

// openAPIRoutes reads the routes of a REST API given as an OpenAPI body
// (JSON or YAML): each method with an aws_proxy
// x-amazon-apigateway-integration becomes a route, others are listed as
// unsupported. It returns the body's binary media types.
func (b *builder) openAPIRoutes(api appmodel.API, in *instance, body string) []string {
	var doc struct {
		Paths       map[string]map[string]any `yaml:"paths"`
		BinaryTypes []string                  `yaml:"x-amazon-apigateway-binary-media-types"`
	}
	if err := yaml.Unmarshal([]byte(body), &doc); err != nil {
		b.warnAt(in, "Unreadable OpenAPI body", fmt.Sprintf("The body of %s is not valid JSON or YAML: %v.", in.addr, err))
		return nil
	}

	for _, path := range sortedKeys(doc.Paths) {
		ops := doc.Paths[path]
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, m := range methods {
			op, ok := ops[m].(map[string]any)
			if !ok || !isHTTPMethod(m) {
				continue
			}
			integ, _ := op["x-amazon-apigateway-integration"].(map[string]any)
			typ, _ := integ["type"].(string)
			uri, _ := integ["uri"].(string)
			fn := b.findFunction(uri)
			if !strings.EqualFold(typ, "aws_proxy") || fn == "" {
				b.unsupported(in, fmt.Sprintf("%s %s: only aws_proxy integrations with a function of this configuration are served",
					restMethodName(m), path))
				b.unservedRoute(api.Name, appmodel.KindREST, restMethodName(m), path, typ)
				continue
			}
			b.app.Routes = append(b.app.Routes, appmodel.Route{
				API: api.Name, Kind: appmodel.KindREST, Method: restMethodName(m), Path: path,
				Function: fn, PayloadVersion: appmodel.Payload10,
			})
		}
	}
	return doc.BinaryTypes
}

// isHTTPMethod reports whether an OpenAPI path item key is an operation.
func isHTTPMethod(m string) bool {
	switch strings.ToLower(m) {
	case "get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method":
		return true
	}
	return false
}
