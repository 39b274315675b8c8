package cdk

import (
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// readHTTPAPIs adds the HTTP APIs of a stack and their Lambda proxy routes.
func (ld *loader) readHTTPAPIs(st *stack) {
	for _, id := range st.ofType("AWS::ApiGatewayV2::Api") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		name := st.str(p["Name"], base+".Name")
		if proto := st.str(p["ProtocolType"], base+".ProtocolType"); proto != "HTTP" {
			ld.unsupported(st, id, "API "+name, "protocol "+proto+" is not served; ldk serves HTTP APIs")
			continue
		}
		if _, ok := p["Body"]; ok {
			// TODO: routes defined in an OpenAPI Body are not read; such an
			// API is listed as unsupported and none of its paths is served.
			ld.unsupported(st, id, "API "+name, "routes defined by an OpenAPI body are not read")
			continue
		}
		if _, ok := p["BodyS3Location"]; ok {
			ld.unsupported(st, id, "API "+name, "routes defined by an OpenAPI body in S3 are not read")
			continue
		}
		apiID := st.genID(id, 10)
		stage, vars := ld.stageOf(st, apiID, "AWS::ApiGatewayV2::Stage", "ApiId", "StageVariables")
		if _, ok := p["Target"]; ok && stage == "" {
			stage = "$default"
		}
		key := ld.addAPI(st, id, name, appmodel.KindHTTP, stage, vars)

		if t, ok := p["Target"]; ok {
			// Quick create: one $default route to the target.
			if f, _ := ld.targetFunction(st, t, base+".Target", "API "+name); f != nil {
				ld.app.Routes = append(ld.app.Routes, appmodel.Route{
					API: key, Kind: appmodel.KindHTTP, Method: "ANY", Path: "$default",
					Function: f.Name, PayloadVersion: appmodel.Payload20,
				})
			}
		}
	}

	for _, id := range st.ofType("AWS::ApiGatewayV2::Route") {
		ld.readHTTPRoute(st, id)
	}
}

// readHTTPRoute adds one AWS::ApiGatewayV2::Route.
func (ld *loader) readHTTPRoute(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	apiSt, apiID, ok := ld.apiByID("AWS::ApiGatewayV2::Api", st.str(p["ApiId"], base+".ApiId"))
	if !ok {
		ld.warnf(st.file, base+".ApiId", "", "route %q belongs to no HTTP API of this app; skipped", id)
		return
	}
	key := apiKey(apiSt, apiID)
	routeKey := st.str(p["RouteKey"], base+".RouteKey")
	method, path := "ANY", "$default"
	if routeKey != "$default" {
		m, rest, found := strings.Cut(routeKey, " ")
		if !found || !strings.HasPrefix(rest, "/") {
			ld.errorf(st.file, base+".RouteKey", `write "METHOD /path" or "$default"`,
				"route key %q is not a method and a path", routeKey)
			return
		}
		method, path = strings.ToUpper(m), rest
	}

	what := "route " + routeKey + " of API "
	target := st.str(p["Target"], base+".Target")
	integID, ok := strings.CutPrefix(target, "integrations/")
	if !ok {
		ld.unsupportedOnAPI(st, id, what, key, "the route has no integration target")
		return
	}
	integ, ok := st.resourceByID("AWS::ApiGatewayV2::Integration", integID, 7)
	if !ok {
		ld.errorf(st.file, base+".Target", "point Target at an integration of the same stack",
			"route %q targets %q, which is no integration of stack %q", routeKey, target, st.name)
		return
	}

	ip := st.props(integ)
	ibase := "Resources." + integ + ".Properties"
	itype := st.str(ip["IntegrationType"], ibase+".IntegrationType")
	if itype != "AWS_PROXY" {
		ld.unsupportedOnAPI(st, id, what, key, "integration type "+itype+" is not served; ldk serves Lambda proxy integrations")
		ld.unservedRoute(key, appmodel.KindHTTP, method, path, itype)
		return
	}
	uri := st.str(ip["IntegrationUri"], ibase+".IntegrationUri")
	f, _ := ld.functionByRef(uri)
	if f == nil {
		ld.unsupportedOnAPI(st, id, what, key, "the integration targets "+uri+", which is not a function of this app")
		ld.unservedRoute(key, appmodel.KindHTTP, method, path, itype)
		return
	}
	version := st.str(ip["PayloadFormatVersion"], ibase+".PayloadFormatVersion")
	if version == "" {
		version = appmodel.Payload20
	}

	ld.app.Routes = append(ld.app.Routes, appmodel.Route{
		API: key, Kind: appmodel.KindHTTP, Method: method, Path: path,
		Function: f.Name, PayloadVersion: version,
		Authorizer:          ld.authorizer(st, p, base, httpAuthorizerKind),
		AuthorizationScopes: st.scopes(p, base),
	})
}
