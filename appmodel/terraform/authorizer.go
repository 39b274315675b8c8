package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/ldkdev/ldk/appmodel"
)

// restDefaultIdentitySource is aws_api_gateway_authorizer's default
// identity_source.
const restDefaultIdentitySource = "method.request.header.Authorization"

// httpAuthorizer reads an aws_apigatewayv2_authorizer.
func (b *builder) httpAuthorizer(in *instance) *appmodel.Authorizer {
	a := &appmodel.Authorizer{
		Name:           str(in.val, "name"),
		Type:           strOr(in.val, "authorizer_type", appmodel.AuthorizerRequest),
		Function:       b.findFunction(str(in.val, "authorizer_uri")),
		IdentitySource: strList(in.val, "identity_sources"),
	}
	b.checkAuthorizerFunction(in, a)
	if a.Type == appmodel.AuthorizerRequest {
		a.PayloadVersion = strOr(in.val, "authorizer_payload_format_version", appmodel.Payload20)
		a.SimpleResponses = boolean(in.val, "enable_simple_responses")
	}
	if jc := block(in.val, "jwt_configuration"); known(jc) {
		a.JWTIssuer = str(jc, "issuer")
		a.JWTAudience = strList(jc, "audience")
	}
	return a
}

// restAuthorizer reads an aws_api_gateway_authorizer.
func (b *builder) restAuthorizer(in *instance) *appmodel.Authorizer {
	a := &appmodel.Authorizer{
		Name:                 str(in.val, "name"),
		Type:                 strOr(in.val, "type", appmodel.AuthorizerToken),
		Function:             b.findFunction(str(in.val, "authorizer_uri")),
		ValidationExpression: str(in.val, "identity_validation_expression"),
		ProviderARNs:         strList(in.val, "provider_arns"),
	}
	b.checkAuthorizerFunction(in, a)
	if msg := appmodel.CheckValidationExpression(a.ValidationExpression); msg != "" {
		b.warnAt(in, "Identity validation expression ldk cannot run",
			"Authorizer "+in.addr+": "+msg+"; "+appmodel.ValidationExpressionHint+".")
	}
	sources := str(in.val, "identity_source")
	if sources == "" && a.Type != appmodel.AuthorizerCognito {
		sources = restDefaultIdentitySource
	}
	for _, s := range strings.Split(sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			a.IdentitySource = append(a.IdentitySource, s)
		}
	}
	return a
}

// checkAuthorizerFunction warns about a Lambda authorizer whose
// authorizer_uri names no function of the configuration.
func (b *builder) checkAuthorizerFunction(in *instance, a *appmodel.Authorizer) {
	if a.Function == "" && (a.Type == appmodel.AuthorizerToken || a.Type == appmodel.AuthorizerRequest) {
		b.warnAt(in, "Authorizer without a function",
			appmodel.AuthorizerWithoutFunction(in.addr, str(in.val, "authorizer_uri"))+
				"; point authorizer_uri at the invoke_arn of an aws_lambda_function of this configuration.")
	}
}

// boolean is a boolean attribute; false when unset or not a boolean.
func boolean(v cty.Value, name string) bool {
	a := attr(v, name)
	return known(a) && a.Type() == cty.Bool && a.True()
}
