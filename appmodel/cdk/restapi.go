package cdk

import (
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// maxPathDepth bounds the ParentId chain of a REST API resource, so a
// cycle ends in a diagnostic.
const maxPathDepth = 64

// readRESTAPIs adds the REST APIs of a stack and their Lambda proxy
// methods as routes.
func (ld *loader) readRESTAPIs(st *stack) {
	for _, id := range st.ofType("AWS::ApiGateway::RestApi") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		name := st.str(p["Name"], base+".Name")
		if _, ok := p["Body"]; ok {
			// TODO: methods defined in an OpenAPI Body (SpecRestApi) are not
			// read; the API is listed as unsupported and serves nothing.
			ld.unsupported(st, id, "API "+name, "methods defined by an OpenAPI body are not read")
			continue
		}
		apiID := st.genID(id, 10)
		stage, vars := ld.stageOf(st, apiID, "AWS::ApiGateway::Stage", "RestApiId", "Variables")
		if stage == "" {
			stage = ld.deploymentStage(st, apiID)
		}
		ld.addAPI(st, id, name, appmodel.KindREST, stage, vars)
		if types, ok := st.list(p["BinaryMediaTypes"], base+".BinaryMediaTypes"); ok {
			api := &ld.app.APIs[len(ld.app.APIs)-1]
			for i, t := range types {
				// The REST API itself escapes "/" as "~1"; templates may too.
				mt := st.toString(t, base+".BinaryMediaTypes["+itoa(i)+"]")
				api.BinaryMediaTypes = append(api.BinaryMediaTypes, strings.ReplaceAll(mt, "~1", "/"))
			}
		}
	}

	for _, id := range st.ofType("AWS::ApiGateway::Method") {
		ld.readRESTMethod(st, id)
	}
}

// deploymentStage returns the StageName a Deployment of the API creates.
func (ld *loader) deploymentStage(st *stack, apiID string) string {
	for _, id := range st.ofType("AWS::ApiGateway::Deployment") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		if st.str(p["RestApiId"], base+".RestApiId") == apiID {
			if s := st.str(p["StageName"], base+".StageName"); s != "" {
				return s
			}
		}
	}
	return ""
}

// readRESTMethod adds one AWS::ApiGateway::Method.
func (ld *loader) readRESTMethod(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	apiSt, apiLogical, ok := ld.apiByID("AWS::ApiGateway::RestApi", st.str(p["RestApiId"], base+".RestApiId"))
	if !ok {
		ld.warnf(st.file, base+".RestApiId", "", "method %q belongs to no REST API of this app; skipped", id)
		return
	}
	key := apiKey(apiSt, apiLogical)
	path, ok := ld.restPath(apiSt, apiLogical, st.str(p["ResourceId"], base+".ResourceId"), st, base+".ResourceId")
	if !ok {
		return
	}
	method := strings.ToUpper(st.str(p["HttpMethod"], base+".HttpMethod"))
	what := method + " " + path + " of API "

	integ, _ := st.resolve(p["Integration"], base+".Integration").(map[string]any)
	itype := st.toString(integ["Type"], base+".Integration.Type")
	if itype == "MOCK" {
		if mock, ok := st.mockResponse(integ, base+".Integration"); ok {
			ld.app.Routes = append(ld.app.Routes, appmodel.Route{
				API: key, Kind: appmodel.KindREST, Method: method, Path: path, Integration: itype, Mock: mock,
			})
			return
		}
	}
	if itype != "AWS_PROXY" {
		ld.unsupportedOnAPI(st, id, what, key, "integration type "+itype+" is not served; ldk serves Lambda proxy integrations")
		ld.unservedRoute(key, appmodel.KindREST, method, path, itype)
		return
	}
	uri := st.toString(integ["Uri"], base+".Integration.Uri")
	f, _ := ld.functionByRef(uri)
	if f == nil {
		ld.unsupportedOnAPI(st, id, what, key, "the integration targets "+uri+", which is not a function of this app")
		ld.unservedRoute(key, appmodel.KindREST, method, path, itype)
		return
	}

	ld.app.Routes = append(ld.app.Routes, appmodel.Route{
		API: key, Kind: appmodel.KindREST, Method: method, Path: path,
		Function: f.Name, PayloadVersion: appmodel.Payload10,
		Authorizer:          ld.authorizer(st, p, base, restAuthorizerKind),
		AuthorizationScopes: st.scopes(p, base),
	})
}

// restPath rebuilds the full path of a REST API resource id through the
// ParentId chain; the root resource is "/".
func (ld *loader) restPath(apiSt *stack, apiLogical, resID string, st *stack, path string) (string, bool) {
	root := apiSt.genID(apiLogical+"/", 10)
	var parts []string
	cur := resID
	for depth := 0; cur != root; depth++ {
		id, ok := apiSt.resourceByID("AWS::ApiGateway::Resource", cur, 7)
		if !ok || depth >= maxPathDepth {
			ld.errorf(st.file, path, "point ResourceId at a resource of the API or its root",
				"resource %q is not part of REST API %q", cur, apiLogical)
			return "", false
		}
		rbase := "Resources." + id + ".Properties"
		rp := apiSt.props(id)
		parts = append(parts, apiSt.str(rp["PathPart"], rbase+".PathPart"))
		cur = apiSt.str(rp["ParentId"], rbase+".ParentId")
	}
	if len(parts) == 0 {
		return "/", true
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return "/" + strings.Join(parts, "/"), true
}
