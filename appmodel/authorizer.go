package appmodel

import (
	"fmt"
	"regexp"
)

// ValidationExpressionHint is the fix for an identity validation
// expression ldk cannot run.
const ValidationExpressionHint = "write it without lookarounds and backreferences, " +
	"which Go's regular expressions (RE2) do not have"

// CheckValidationExpression reports why a REST TOKEN authorizer's identity
// validation expression cannot be run, "" when it can (or is empty). The
// gateway runs it with Go's regexp package: API Gateway's own engine takes
// constructs RE2 lacks, so an expression deployed without trouble may be
// refused here.
func CheckValidationExpression(expr string) string {
	if expr == "" {
		return ""
	}
	if _, err := regexp.Compile(expr); err != nil {
		return fmt.Sprintf("identity validation expression %q cannot be run (%v); requests to the routes it guards answer 500", expr, err)
	}
	return ""
}

// AuthorizerWithoutFunction says that Lambda authorizer name invokes uri,
// which names no function of the app ("" when it names none at all).
func AuthorizerWithoutFunction(name, uri string) string {
	if uri == "" {
		return fmt.Sprintf("Lambda authorizer %q names no function; the routes it guards answer 500", name)
	}
	return fmt.Sprintf("Lambda authorizer %q invokes %q, which is not a function of this app; the routes it guards answer 500", name, uri)
}
