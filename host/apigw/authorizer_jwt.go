package apigw

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/ldkdev/ldk/appmodel"
)

// jwtDefaultSource is where JWT and Cognito authorizers find the token
// when the input names no identity source.
const jwtDefaultSource = "$request.header.Authorization"

// errToken is why a bearer token is refused; its text is the
// error_description of the www-authenticate header.
type errToken string

func (e errToken) Error() string { return string(e) }

// Reasons a token is refused. "does not have a valid audience" is API
// Gateway's own wording; the others follow it.
const (
	errNotJWT     errToken = "the token is not a well-formed JWT"
	errExpired    errToken = "the token has expired"
	errNotYet     errToken = "the token is not valid yet"
	errIssuer     errToken = "the token does not have a valid issuer"
	errAudience   errToken = "the token does not have a valid audience"
	errNoScope    errToken = "the token does not have a valid scope"
	errBadHeader  errToken = "the token's header is not valid"
	errAlgorithm  errToken = "the token is not signed with RS256, RS384, RS512, ES256, ES384 or ES512"
	errNoExpiry   errToken = "the token has no expiration time (exp)"
	errClaimTypes errToken = "the token's time claims are not numbers"
)

// jwtAuthorize runs an HTTP API JWT authorizer. The signature is NOT
// verified: ldk is offline and cannot fetch the issuer's keys.
//
// TODO: JWT signatures are not checked against the issuer's JWKS; a user
// sees forged or foreign-signed tokens accepted that AWS would refuse.
func (h *APIHandler) jwtAuthorize(c authCheck) (*grant, *answer) {
	claims, scopes, refused := h.bearerClaims(c, jwtDefaultSource)
	if refused != nil {
		return nil, refused
	}
	a := c.auth
	var err error
	switch {
	case a.JWTIssuer != "" && claims["iss"] != a.JWTIssuer:
		err = errIssuer
	case len(a.JWTAudience) > 0 && !hasAudience(claims, a.JWTAudience):
		err = errAudience
	}
	if err != nil {
		return nil, h.tokenRefusal(err)
	}
	if want := c.m.route.route.AuthorizationScopes; len(want) > 0 && !anyScope(scopes, want) {
		refused := h.authFailure(failNotAllowed)
		refused.header.Set("Www-Authenticate", fmt.Sprintf(`Bearer scope=%q error="insufficient_scope" error_description=%q`,
			strings.Join(want, " "), errNoScope))
		return nil, refused
	}

	strs := claimStrings(claims, false)
	if c.m.route.route.PayloadVersion == appmodel.Payload10 {
		var sc any
		if scopes != nil {
			sc = scopes
		}
		return &grant{v1: map[string]any{"claims": strs, "scopes": sc}}, nil
	}
	return &grant{v2: &v2Authorizer{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: strs, Scopes: scopes},
	}}, nil
}

// cognitoAuthorize runs a REST API Cognito user pool authorizer: the token
// must be a well-formed JWT in its time window, with one of the method's
// scopes when it has any. Its signature and issuer are NOT checked.
//
// TODO: Cognito tokens are not verified against the user pool's keys,
// and their issuer is not compared with the pool (ldk's pool ids are not
// the deployed ones); a user sees any well-formed unexpired token accepted.
func (h *APIHandler) cognitoAuthorize(c authCheck) (*grant, *answer) {
	claims, scopes, refused := h.bearerClaims(c, restTokenSource)
	if refused != nil {
		return nil, refused
	}
	if want := c.m.route.route.AuthorizationScopes; len(want) > 0 && !anyScope(scopes, want) {
		return nil, h.authFailure(failUnauthorized)
	}
	return &grant{v1: map[string]any{"claims": claimStrings(claims, true)}}, nil
}

// bearerClaims reads the token from the authorizer's identity source
// (def when none is declared), decodes it and checks its time window. It
// returns the claims and the token's scopes, or the answer refusing it.
func (h *APIHandler) bearerClaims(c authCheck, def string) (map[string]any, []string, *answer) {
	sources := c.auth.IdentitySource
	if len(sources) == 0 {
		sources = []string{def}
	}
	values, ok := h.identityValues(sources[:1], c.in)
	if !ok {
		return nil, nil, h.authFailure(failUnauthorized)
	}
	token := values[0]
	if len(token) > 7 && strings.EqualFold(token[:7], "bearer ") {
		token = strings.TrimSpace(token[7:])
	}

	claims, err := decodeJWT(token)
	if err == nil {
		err = checkTimes(claims, h.opts.Now())
	}
	if err != nil {
		return nil, nil, h.tokenRefusal(err)
	}
	return claims, tokenScopes(claims), nil
}

// tokenRefusal is the 401 refusing a token, with the www-authenticate
// header HTTP APIs send.
func (h *APIHandler) tokenRefusal(err error) *answer {
	a := h.authFailure(failUnauthorized)
	var reason errToken
	if h.fl == flavorHTTP && errors.As(err, &reason) {
		a.header.Set("Www-Authenticate", fmt.Sprintf(`Bearer scope="" error="invalid_token" error_description=%q`, string(reason)))
	}
	return a
}

// jwtAlgorithms are the signing algorithms API Gateway's JWT authorizers
// accept: asymmetric ones, whose public keys an issuer publishes.
var jwtAlgorithms = []string{"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}

// jwtPart decodes one part of a compact JWS: unpadded base64url only.
var jwtPart = base64.RawURLEncoding.Strict()

// decodeJWT decodes a compact JWS: three unpadded base64url parts, a
// header naming one of jwtAlgorithms, and a JSON object of claims.
func decodeJWT(token string) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[2] == "" {
		return nil, errNotJWT
	}
	var header struct {
		Alg string `json:"alg"`
	}
	raw, err := jwtPart.DecodeString(parts[0])
	if err != nil || json.Unmarshal(raw, &header) != nil {
		return nil, errNotJWT
	}
	if header.Alg == "" {
		return nil, errBadHeader
	}
	if !slices.Contains(jwtAlgorithms, header.Alg) {
		return nil, errAlgorithm
	}
	raw, err = jwtPart.DecodeString(parts[1])
	if err != nil {
		return nil, errNotJWT
	}
	if _, err := jwtPart.DecodeString(parts[2]); err != nil {
		return nil, errNotJWT
	}
	claims, err := decodeObject(raw)
	if err != nil {
		return nil, errNotJWT
	}
	return claims, nil
}

// checkTimes checks exp (required, after now), nbf and iat (when present,
// not after now). Times are compared as the numbers they are, so one far
// beyond the range of a Unix time in 64 bits is simply far in the future.
func checkTimes(claims map[string]any, now time.Time) error {
	unix := float64(now.Unix())
	exp, ok, err := numericClaim(claims, "exp")
	switch {
	case err != nil:
		return err
	case !ok:
		return errNoExpiry
	case exp <= unix:
		return errExpired
	}
	for _, name := range []string{"nbf", "iat"} {
		v, ok, err := numericClaim(claims, name)
		if err != nil {
			return err
		}
		if ok && v > unix {
			return errNotYet
		}
	}
	return nil
}

// numericClaim reads a NumericDate claim.
func numericClaim(claims map[string]any, name string) (float64, bool, error) {
	v, ok := claims[name]
	if !ok {
		return 0, false, nil
	}
	n, isNum := v.(json.Number)
	if !isNum {
		return 0, false, errClaimTypes
	}
	f, err := n.Float64()
	if err != nil {
		return 0, false, errClaimTypes
	}
	return f, true, nil
}

// hasAudience reports whether aud (or, without aud, client_id) names one
// of the accepted audiences.
func hasAudience(claims map[string]any, accepted []string) bool {
	v, ok := claims["aud"]
	if !ok {
		v = claims["client_id"]
	}
	switch x := v.(type) {
	case string:
		return slices.Contains(accepted, x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && slices.Contains(accepted, s) {
				return true
			}
		}
	}
	return false
}

// tokenScopes reads the token's scopes from scope (space-separated) or
// scp (a list or a space-separated string); nil when it has none.
func tokenScopes(claims map[string]any) []string {
	for _, name := range []string{"scope", "scp"} {
		switch x := claims[name].(type) {
		case string:
			if f := strings.Fields(x); len(f) > 0 {
				return f
			}
		case []any:
			var out []string
			for _, e := range x {
				if s, ok := e.(string); ok {
					out = append(out, s)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return nil
}

// anyScope reports whether the token has one of the wanted scopes.
func anyScope(have, want []string) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}
