package terraform

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"
)

// policyDocument renders an aws_iam_policy_document data source as the
// JSON policy it stands for, so references to its json attribute have a
// real value. Conditions and principals are carried over as declared.
func policyDocument(v cty.Value) map[string]string {
	doc := map[string]any{"Version": strOr(v, "version", "2012-10-17")}
	var statements []map[string]any
	for _, st := range blocks(v, "statement") {
		s := map[string]any{"Effect": strOr(st, "effect", "Allow")}
		if sid := str(st, "sid"); sid != "" {
			s["Sid"] = sid
		}
		for attr, key := range map[string]string{
			"actions": "Action", "not_actions": "NotAction",
			"resources": "Resource", "not_resources": "NotResource",
		} {
			if vals := strList(st, attr); len(vals) == 1 {
				s[key] = vals[0]
			} else if len(vals) > 1 {
				s[key] = vals
			}
		}
		if ps := blocks(st, "principals"); len(ps) > 0 {
			byType := map[string][]string{}
			for _, p := range ps {
				byType[str(p, "type")] = append(byType[str(p, "type")], strList(p, "identifiers")...)
			}
			s["Principal"] = byType
		}
		if cs := blocks(st, "condition"); len(cs) > 0 {
			cond := map[string]map[string][]string{}
			for _, c := range cs {
				test := str(c, "test")
				if cond[test] == nil {
					cond[test] = map[string][]string{}
				}
				cond[test][str(c, "variable")] = strList(c, "values")
			}
			s["Condition"] = cond
		}
		statements = append(statements, s)
	}
	doc["Statement"] = statements

	raw, err := json.Marshal(doc)
	if err != nil {
		return nil
	}
	return map[string]string{"id": "policy", "json": string(raw), "minified_json": string(raw)}
}
