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
}

var (
	httpAuthorizerKind = authorizerKind{"AWS::ApiGatewayV2::Authorizer", "AuthorizerType"}
	restAuthorizerKind = authorizerKind{"AWS::ApiGateway::Authorizer", "Type"}
)

// authorizer returns the authorizer guarding an HTTP API route or a REST
// API method whose properties are p.
func (ld *loader) authorizer(st *stack, p map[string]any, base string, kind authorizerKind) *appmodel.Authorizer {
	authType := st.str(p["AuthorizationType"], base+".AuthorizationType")
	if authType == "" || authType == "NONE" {
		return nil
	}
	if authType == "AWS_IAM" {
		return &appmodel.Authorizer{Name: "AWS_IAM", Type: "AWS_IAM"}
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
	if uri, ok := ap["AuthorizerUri"]; ok {
		if f, _ := ld.functionByRef(st.str(uri, abase+".AuthorizerUri")); f != nil {
			a.Function = f.Name
		}
	}

	// HTTP APIs list identity sources; REST APIs join them with commas.
	switch srcs := st.resolve(ap["IdentitySource"], abase+".IdentitySource").(type) {
	case []any:
		for i, s := range srcs {
			a.IdentitySource = append(a.IdentitySource, st.toString(s, abase+".IdentitySource["+itoa(i)+"]"))
		}
	case string:
		for _, s := range strings.Split(srcs, ",") {
			if s = strings.TrimSpace(s); s != "" {
				a.IdentitySource = append(a.IdentitySource, s)
			}
		}
	}
	return a
}
