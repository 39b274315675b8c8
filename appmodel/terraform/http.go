package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// httpIntegration is an aws_apigatewayv2_integration as routes need it.
type httpIntegration struct {
	in       *instance
	function string
	payload  string
	proxy    bool
}

// httpAPIs reads HTTP APIs with their stages, integrations, authorizers
// and routes.
func (b *builder) httpAPIs() {
	apis := map[string]int{} // api id → index in app.APIs
	b.each("aws_apigatewayv2_api", func(in *instance) {
		if p := str(in.val, "protocol_type"); p != "" && p != "HTTP" {
			b.unsupported(in, "WebSocket APIs are not served by ldk")
			return
		}
		api := appmodel.API{
			Name: b.apiName(str(in.val, "name"), in), LogicalID: in.addr, Stack: in.mod.addr,
			Kind: appmodel.KindHTTP, ID: str(in.val, "id"), Stage: "$default",
		}
		apis[api.ID] = len(b.app.APIs)
		b.app.APIs = append(b.app.APIs, api)

		if target := str(in.val, "target"); target != "" {
			b.quickRoute(api, in, target)
		}
	})

	b.httpStages(apis)
	integrations := map[string]httpIntegration{}
	b.each("aws_apigatewayv2_integration", func(in *instance) {
		it := httpIntegration{
			in:       in,
			function: b.findFunction(str(in.val, "integration_uri")),
			payload:  strOr(in.val, "payload_format_version", appmodel.Payload10),
			proxy:    strings.EqualFold(str(in.val, "integration_type"), "AWS_PROXY"),
		}
		integrations[str(in.val, "id")] = it
	})
	authorizers := map[string]*appmodel.Authorizer{}
	b.each("aws_apigatewayv2_authorizer", func(in *instance) {
		authorizers[str(in.val, "id")] = b.httpAuthorizer(in)
	})

	b.each("aws_apigatewayv2_route", func(in *instance) {
		idx, ok := apis[str(in.val, "api_id")]
		if !ok {
			b.warnAt(in, "Route of an unknown API", in.addr+" belongs to an API this configuration does not declare.")
			return
		}
		api := b.app.APIs[idx]
		target := strings.TrimPrefix(str(in.val, "target"), "integrations/")
		it, ok := integrations[target]
		method, path := splitRouteKey(str(in.val, "route_key"))
		switch {
		case !ok:
			b.unsupported(in, "the route has no integration ldk can find")
			return
		case !it.proxy || it.function == "":
			b.unsupported(in, fmt.Sprintf("its integration %s is not a Lambda proxy integration of this configuration", it.in.addr))
			b.unservedRoute(api.Name, appmodel.KindHTTP, method, path, str(it.in.val, "integration_type"))
			return
		}

		r := appmodel.Route{
			API: api.Name, Kind: appmodel.KindHTTP, Method: method, Path: path,
			Function: it.function, PayloadVersion: it.payload,
		}
		switch at := str(in.val, "authorization_type"); at {
		case "JWT", "CUSTOM":
			r.Authorizer = authorizers[str(in.val, "authorizer_id")]
			r.AuthorizationScopes = strList(in.val, "authorization_scopes")
		case "AWS_IAM":
			r.Authorizer = &appmodel.Authorizer{Name: "AWS_IAM", Type: "AWS_IAM"}
		}
		b.app.Routes = append(b.app.Routes, r)
	})
}

// quickRoute adds the route and integration a quick-create API makes.
func (b *builder) quickRoute(api appmodel.API, in *instance, target string) {
	fn := b.findFunction(target)
	if fn == "" {
		b.unsupported(in, "its quick-create target is not a function of this configuration")
		return
	}
	method, path := splitRouteKey(strOr(in.val, "route_key", "$default"))
	b.app.Routes = append(b.app.Routes, appmodel.Route{
		API: api.Name, Kind: appmodel.KindHTTP, Method: method, Path: path,
		Function: fn, PayloadVersion: appmodel.Payload20,
	})
}

// httpStages sets each API's stage: $default when declared, else the first
// stage by name, with its variables.
func (b *builder) httpStages(apis map[string]int) {
	stages := map[string][]*instance{}
	b.each("aws_apigatewayv2_stage", func(in *instance) {
		id := str(in.val, "api_id")
		stages[id] = append(stages[id], in)
	})
	for id, list := range stages {
		idx, ok := apis[id]
		if !ok {
			continue
		}
		sort.Slice(list, func(i, j int) bool { return str(list[i].val, "name") < str(list[j].val, "name") })
		pick := list[0]
		for _, s := range list {
			if str(s.val, "name") == "$default" {
				pick = s
			}
		}
		b.app.APIs[idx].Stage = str(pick.val, "name")
		b.app.APIs[idx].StageVariables = strMap(pick.val, "stage_variables")
	}
}

// splitRouteKey splits "GET /path" into method and path; "$default" is
// method ANY, path "$default".
func splitRouteKey(key string) (string, string) {
	method, path, ok := strings.Cut(strings.TrimSpace(key), " ")
	if !ok {
		return "ANY", key
	}
	return strings.ToUpper(method), strings.TrimSpace(path)
}

// apiName is an API's name; when another API already has it, it is
// suffixed with the module path, then with the resource name.
func (b *builder) apiName(name string, in *instance) string {
	if name == "" {
		name = in.addr
	}
	clean := strings.NewReplacer(`"`, "", "[", "-", "]", "")
	candidates := []string{name}
	if in.mod.addr != "" {
		candidates = append(candidates, name+"-"+clean.Replace(in.mod.addr))
	}
	candidates = append(candidates, name+"-"+clean.Replace(in.addr))
	for _, c := range candidates {
		if !b.apiNameTaken(c) {
			return c
		}
	}
	return candidates[len(candidates)-1]
}

// apiNameTaken reports whether an API already has the name.
func (b *builder) apiNameTaken(name string) bool {
	for _, a := range b.app.APIs {
		if a.Name == name {
			return true
		}
	}
	return false
}

// unservedRoute adds a route whose integration ldk does not run, so the
// gateway still matches it as AWS would and answers with its own error.
func (b *builder) unservedRoute(api, kind, method, path, integration string) {
	integration = strings.ToUpper(integration)
	if integration == "" {
		integration = "NONE"
	}
	b.app.Routes = append(b.app.Routes, appmodel.Route{
		API: api, Kind: kind, Method: method, Path: path, Integration: integration,
	})
}

// unsupported lists a declared thing ldk does not serve.
func (b *builder) unsupported(in *instance, reason string) {
	b.app.Unsupported = append(b.app.Unsupported, appmodel.Unsupported{
		What: in.decl.typ, LogicalID: in.addr, Stack: in.mod.addr, Reason: reason,
	})
}
