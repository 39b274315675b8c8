package apigw

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// policy is a Lambda authorizer's IAM policy answer.
type policy struct {
	principalID string
	statements  []statement
	// context holds the answer's context values, JSON numbers as
	// json.Number.
	context map[string]any
}

// statement is one statement of a policy document.
type statement struct {
	allow     bool
	actions   []string
	resources []string
}

// decision is what a policy says about one call.
type decision int

const (
	decisionAllow decision = iota
	decisionDeny
	decisionNotAllowed
)

// errBadAnswer marks an authorizer answer API Gateway cannot read.
var errBadAnswer = errors.New("malformed authorizer answer")

// parsePolicy reads an IAM policy answer: principalId, policyDocument
// with its Statement (a list or one object; Action and Resource a string
// or a list) and an optional context. scalarContext requires context
// values to be strings, numbers or booleans, as REST APIs do.
//
// The answer is read by hand rather than into aws-lambda-go's
// APIGatewayCustomAuthorizerResponse: that type takes Action and Resource
// as lists only, where IAM (and API Gateway) also accept one string.
func parsePolicy(payload []byte, scalarContext bool) (*policy, error) {
	doc, err := decodeObject(payload)
	if err != nil {
		return nil, err
	}

	p := &policy{}
	var ok bool
	if p.principalID, ok = doc["principalId"].(string); !ok {
		return nil, fmt.Errorf("%w: principalId is missing or not a string", errBadAnswer)
	}
	pd, ok := doc["policyDocument"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: policyDocument is missing or not an object", errBadAnswer)
	}
	var raw []any
	switch s := pd["Statement"].(type) {
	case []any:
		raw = s
	case map[string]any:
		raw = []any{s}
	default:
		return nil, fmt.Errorf("%w: policyDocument.Statement is missing or not a list", errBadAnswer)
	}
	for i, r := range raw {
		st, err := parseStatement(r)
		if err != nil {
			return nil, fmt.Errorf("policyDocument.Statement[%d]: %w", i, err)
		}
		p.statements = append(p.statements, st)
	}

	if p.context, err = answerContext(doc["context"], scalarContext); err != nil {
		return nil, err
	}
	return p, nil
}

func parseStatement(r any) (statement, error) {
	m, ok := r.(map[string]any)
	if !ok {
		return statement{}, fmt.Errorf("%w: a statement is not an object", errBadAnswer)
	}
	var st statement
	switch m["Effect"] {
	case "Allow":
		st.allow = true
	case "Deny":
	default:
		return st, fmt.Errorf("%w: Effect must be \"Allow\" or \"Deny\", got %v", errBadAnswer, m["Effect"])
	}
	var err error
	if st.actions, err = stringOrList(m["Action"], "Action"); err != nil {
		return st, err
	}
	if st.resources, err = stringOrList(m["Resource"], "Resource"); err != nil {
		return st, err
	}
	return st, nil
}

// stringOrList reads an IAM field that is a string or a list of strings.
func stringOrList(v any, field string) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%w: %s holds a %T, not a string", errBadAnswer, field, e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %s is missing or not a string or list", errBadAnswer, field)
}

// answerContext reads an answer's context object; absent is empty.
func answerContext(v any, scalarOnly bool) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	ctx, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: context is not an object", errBadAnswer)
	}
	if scalarOnly {
		for k, e := range ctx {
			switch e.(type) {
			case string, json.Number, bool:
			default:
				return nil, fmt.Errorf("%w: context value %q is not a string, number or boolean", errBadAnswer, k)
			}
		}
	}
	return ctx, nil
}

// decodeObject decodes a JSON object, numbers kept as json.Number.
func decodeObject(payload []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return nil, fmt.Errorf("%w: the answer is not a JSON object", errBadAnswer)
	}
	return doc, nil
}

// decide evaluates the policy for a call to arn: an explicit Deny wins,
// then any Allow; with neither the call is not allowed.
func (p *policy) decide(arn string) decision {
	allowed := false
	for _, st := range p.statements {
		if !st.matches(arn) {
			continue
		}
		if !st.allow {
			return decisionDeny
		}
		allowed = true
	}
	if allowed {
		return decisionAllow
	}
	return decisionNotAllowed
}

// matches reports whether the statement is about invoking arn.
func (st statement) matches(arn string) bool {
	action := false
	for _, a := range st.actions {
		if wildcardMatch(strings.ToLower(a), "execute-api:invoke") {
			action = true
			break
		}
	}
	if !action {
		return false
	}
	for _, r := range st.resources {
		if wildcardMatch(r, arn) {
			return true
		}
	}
	return false
}

// wildcardMatch matches s against an IAM pattern: "*" stands for any run
// of characters, "?" for any one character.
func wildcardMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// contextStrings renders context values as REST APIs hand them to the
// route's function: every value a string.
func contextStrings(ctx map[string]any) map[string]any {
	out := make(map[string]any, len(ctx)+2)
	for k, v := range ctx {
		switch x := v.(type) {
		case string:
			out[k] = x
		case json.Number:
			out[k] = x.String()
		case bool:
			out[k] = fmt.Sprint(x)
		}
	}
	return out
}
