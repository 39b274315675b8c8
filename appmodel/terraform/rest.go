package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// restMethod identifies a method of a REST API resource.
type restMethod struct{ api, resource, method string }

// restAPIs reads REST APIs: routes from the OpenAPI body and from
// resources, methods and AWS_PROXY integrations; other integrations are
// listed as unsupported.
func (b *builder) restAPIs() {
	apis := map[string]int{}
	b.each("aws_api_gateway_rest_api", func(in *instance) {
		api := appmodel.API{
			Name: b.apiName(str(in.val, "name"), in), LogicalID: in.addr, Stack: in.mod.addr,
			Kind: appmodel.KindREST, ID: str(in.val, "id"), BinaryMediaTypes: strList(in.val, "binary_media_types"),
		}
		apis[api.ID] = len(b.app.APIs)
		b.app.APIs = append(b.app.APIs, api)
		if body := str(in.val, "body"); body != "" {
			types := b.openAPIRoutes(api, in, body)
			if len(api.BinaryMediaTypes) == 0 {
				b.app.APIs[len(b.app.APIs)-1].BinaryMediaTypes = types
			}
		}
	})
	b.restStages(apis)

	authorizers := map[string]*appmodel.Authorizer{}
	b.each("aws_api_gateway_authorizer", func(in *instance) {
		authorizers[str(in.val, "id")] = b.restAuthorizer(in)
	})
	methods := map[restMethod]*instance{}
	b.each("aws_api_gateway_method", func(in *instance) {
		methods[restKey(in)] = in
	})

	responses := map[restMethod][]appmodel.IntegrationResponse{}
	b.each("aws_api_gateway_integration_response", func(in *instance) {
		responses[restKey(in)] = append(responses[restKey(in)], appmodel.IntegrationResponse{
			SelectionPattern: str(in.val, "selection_pattern"),
			StatusCode:       str(in.val, "status_code"),
			Parameters:       strMap(in.val, "response_parameters"),
			Template:         strMap(in.val, "response_templates")["application/json"],
		})
	})

	b.each("aws_api_gateway_integration", func(in *instance) {
		idx, ok := apis[str(in.val, "rest_api_id")]
		if !ok {
			b.warnAt(in, "Integration of an unknown API", in.addr+" belongs to a REST API this configuration does not declare.")
			return
		}
		fn := b.findFunction(str(in.val, "uri"))
		path, pathOK := b.l.restPaths[str(in.val, "resource_id")]
		method := restMethodName(str(in.val, "http_method"))
		if strings.EqualFold(str(in.val, "type"), "MOCK") && pathOK {
			tpl := strMap(in.val, "request_templates")["application/json"]
			if mock, ok := appmodel.MockAnswer(tpl, responses[restKey(in)]); ok {
				b.app.Routes = append(b.app.Routes, appmodel.Route{
					API: b.app.APIs[idx].Name, Kind: appmodel.KindREST, Method: method, Path: path,
					Integration: "MOCK", Mock: mock,
				})
				return
			}
		}
		if !strings.EqualFold(str(in.val, "type"), "AWS_PROXY") || fn == "" {
			b.unsupported(in, fmt.Sprintf("only AWS_PROXY integrations with a function of this configuration are served (type %s)",
				str(in.val, "type")))
			if pathOK {
				b.unservedRoute(b.app.APIs[idx].Name, appmodel.KindREST, method, path, str(in.val, "type"))
			}
			return
		}
		if !pathOK {
			b.unsupported(in, "its resource is not declared in this configuration")
			return
		}

		r := appmodel.Route{
			API: b.app.APIs[idx].Name, Kind: appmodel.KindREST, Method: method,
			Path: path, Function: fn, PayloadVersion: appmodel.Payload10,
		}
		if m, ok := methods[restKey(in)]; ok {
			switch at := str(m.val, "authorization"); at {
			case "CUSTOM", "COGNITO_USER_POOLS":
				r.Authorizer = authorizers[str(m.val, "authorizer_id")]
				r.AuthorizationScopes = strList(m.val, "authorization_scopes")
			case "AWS_IAM":
				r.Authorizer = &appmodel.Authorizer{Name: "AWS_IAM", Type: "AWS_IAM"}
			}
		}
		b.app.Routes = append(b.app.Routes, r)
	})
}

// restKey identifies the method an integration or method block is about.
func restKey(in *instance) restMethod {
	return restMethod{str(in.val, "rest_api_id"), str(in.val, "resource_id"), strings.ToUpper(str(in.val, "http_method"))}
}

// restMethodName is the model's method name: upper case, ANY for ANY.
func restMethodName(m string) string {
	if m == "" || strings.EqualFold(m, "x-amazon-apigateway-any-method") {
		return "ANY"
	}
	return strings.ToUpper(m)
}

// restStages sets each REST API's stage from aws_api_gateway_stage, else
// from a deployment's stage_name; "prod"-less APIs keep no stage.
func (b *builder) restStages(apis map[string]int) {
	type stage struct {
		name string
		vars map[string]string
	}
	found := map[string][]stage{}
	b.each("aws_api_gateway_stage", func(in *instance) {
		id := str(in.val, "rest_api_id")
		found[id] = append(found[id], stage{str(in.val, "stage_name"), strMap(in.val, "variables")})
	})
	b.each("aws_api_gateway_deployment", func(in *instance) {
		id := str(in.val, "rest_api_id")
		if n := str(in.val, "stage_name"); n != "" && len(found[id]) == 0 {
			found[id] = append(found[id], stage{n, strMap(in.val, "variables")})
		}
	})
	for id, list := range found {
		idx, ok := apis[id]
		if !ok {
			continue
		}
		sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
		b.app.APIs[idx].Stage = list[0].name
		b.app.APIs[idx].StageVariables = list[0].vars
	}
}
