package apigw

import (
	"encoding/json"
	"strings"
	"time"
)

// cognitoDateClaims are the claims a REST Cognito authorizer hands on as
// dates rather than numbers.
var cognitoDateClaims = map[string]bool{"exp": true, "iat": true, "auth_time": true}

// cognitoDateLayout is how REST APIs print those dates.
const cognitoDateLayout = "Mon Jan 02 15:04:05 MST 2006"

// claimStrings renders claims as API Gateway hands them to functions:
// every value a string. Lists print as "[a b]", objects as JSON. With
// cognitoDates, exp, iat and auth_time print as UTC dates, as REST APIs'
// Cognito authorizers do.
func claimStrings(claims map[string]any, cognitoDates bool) map[string]string {
	out := make(map[string]string, len(claims))
	for k, v := range claims {
		if n, ok := v.(json.Number); ok && cognitoDates && cognitoDateClaims[k] {
			if secs, err := n.Float64(); err == nil {
				out[k] = time.Unix(int64(secs), 0).UTC().Format(cognitoDateLayout)
				continue
			}
		}
		out[k] = claimString(v)
	}
	return out
}

func claimString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = claimString(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	data, _ := json.Marshal(v)
	return string(data)
}
