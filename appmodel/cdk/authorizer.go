package cdk

import (
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// authorizerKind says where the two API Gateway flavours keep the parts of
// an authorizer that differ.
type authorizerKind struct {
	resourceType string
	typeProperty string
	http         bool
}

var (
	httpAuthorizerKind = authorizerKind{"AWS::ApiGatewayV2::Authorizer", "AuthorizerType", true}
	restAuthorizerKind = authorizerKind{"AWS::ApiGateway::Authorizer", "Type", false}
)

// authorizer returns the authorizer guarding an HTTP API route or a REST
// API method whose properties are p.
func (ld *loader) authorizer(st *stack, p map[string]any, base string, kind authorizerKind) *appmodel.Authorizer {
	authType := st.str(p["AuthorizationType"], base+".AuthorizationType")
	if authType == "" || authType == "NONE" {
		return nil
	}
	if authType == appmodel.AuthorizerIAM {
		return &appmodel.Authorizer{Name: appmodel.AuthorizerIAM, Type: appmodel.AuthorizerIAM}
	}
	authID := st.str(p["AuthorizerId"], base+".AuthorizerId")
	id, ok := st.resourceByID(kind.resourceType, authID, 7)
	if !ok {
		ld.warnf(st.file, base+".AuthorizerId", "", "authorizer %q is not in the stack", authID)
		return &appmodel.Authorizer{Name: authID, Type: authType}
	}

	ap := st.props(id)
	abase := "Resources." + id + ".Properties"
	a := &appmodel.Authorizer{
		Name: st.str(ap["Name"], abase+".Name"),
		Type: st.str(ap[kind.typeProperty], abase+"."+kind.typeProperty),
	}
	uri := ""
	if v, ok := ap["AuthorizerUri"]; ok {
		uri = st.str(v, abase+".AuthorizerUri")
		if f, _ := ld.functionByRef(uri); f != nil {
			a.Function = f.Name
		}
	}
	if a.Function == "" && (a.Type == appmodel.AuthorizerToken || a.Type == appmodel.AuthorizerRequest) {
		ld.warnf(st.file, abase+".AuthorizerUri", "point it at a Lambda function of the selected stacks",
			"%s", appmodel.AuthorizerWithoutFunction(a.Name, uri))
	}
	a.IdentitySource = st.stringList(ap["IdentitySource"], abase+".IdentitySource", true)

	if kind.http {
		ld.httpAuthorizerFields(st, ap, abase, a)
		return a
	}
	a.ValidationExpression = st.str(ap["IdentityValidationExpression"], abase+".IdentityValidationExpression")
	if msg := appmodel.CheckValidationExpression(a.ValidationExpression); msg != "" {
		ld.warnf(st.file, abase+".IdentityValidationExpression", appmodel.ValidationExpressionHint, "authorizer %q: %s", a.Name, msg)
	}
	a.ProviderARNs = st.stringList(ap["ProviderARNs"], abase+".ProviderARNs", false)
	return a
}

// httpAuthorizerFields reads what only HTTP API authorizers have: the
// Lambda payload format and simple responses, the JWT configuration.
func (ld *loader) httpAuthorizerFields(st *stack, ap map[string]any, abase string, a *appmodel.Authorizer) {
	if a.Type == appmodel.AuthorizerRequest {
		a.PayloadVersion = st.str(ap["AuthorizerPayloadFormatVersion"], abase+".AuthorizerPayloadFormatVersion")
		if a.PayloadVersion == "" {
			a.PayloadVersion = appmodel.Payload20
		}
		if v, ok := ap["EnableSimpleResponses"]; ok {
			a.SimpleResponses = st.truth(v, abase+".EnableSimpleResponses")
		}
	}
	if jc, ok := st.resolve(ap["JwtConfiguration"], abase+".JwtConfiguration").(map[string]any); ok {
		a.JWTIssuer = st.str(jc["Issuer"], abase+".JwtConfiguration.Issuer")
		a.JWTAudience = st.stringList(jc["Audience"], abase+".JwtConfiguration.Audience", false)
	}
}

// scopes reads a route's or method's AuthorizationScopes.
func (st *stack) scopes(p map[string]any, base string) []string {
	return st.stringList(p["AuthorizationScopes"], base+".AuthorizationScopes", false)
}

// stringList resolves a list of strings. A single string is one element,
// or, with commas, a comma-separated list (REST APIs join identity sources
// that way).
func (st *stack) stringList(v any, path string, commas bool) []string {
	var out []string
	switch x := st.resolve(v, path).(type) {
	case []any:
		for i, s := range x {
			if s := st.toString(s, path+"["+itoa(i)+"]"); s != "" {
				out = append(out, s)
			}
		}
	case string:
		if !commas {
			return []string{x}
		}
		for _, s := range strings.Split(x, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
