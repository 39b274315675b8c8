package main

import (
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// maskedValue replaces the value of a secret-looking variable in output.
const maskedValue = "********"

// secretWords end the words of variable names that hold secrets:
// DB_PASSWORD, API_TOKEN, STRIPE_SECRET, APIKEY, GITHUB_PAT is not one.
var secretWords = []string{"SECRET", "PASSWORD", "PASSWD", "PWD", "TOKEN", "KEY", "CREDENTIAL", "CREDENTIALS", "PRIVATE"}

// plainLastWords end names that only point at a secret or describe it:
// SECRET_ARN, KMS_KEY_ID, TOKEN_URL, API_KEY_HEADER.
var plainLastWords = map[string]bool{
	"ARN": true, "ID": true, "NAME": true, "URL": true, "URI": true, "ENDPOINT": true, "PATH": true,
	"FILE": true, "REGION": true, "TYPE": true, "ALIAS": true, "HEADER": true, "FIELD": true,
	"ATTRIBUTE": true, "PARAMETER": true, "PARAM": true, "TTL": true, "LENGTH": true, "ALGORITHM": true,
}

// plainKeyKinds precede KEY in names of data keys, not secrets:
// PARTITION_KEY, SORT_KEY, PUBLIC_KEY.
var plainKeyKinds = map[string]bool{
	"PARTITION": true, "SORT": true, "HASH": true, "RANGE": true, "PRIMARY": true, "PUBLIC": true,
	"CACHE": true, "IDEMPOTENCY": true, "ROUTING": true, "OBJECT": true, "S3": true,
}

// secretKey reports whether an environment variable's name says its value
// is a secret. It errs on the side of masking.
func secretKey(name string) bool {
	words := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool {
		return r == '_' || r == '-' || r == '.'
	})
	if len(words) == 0 || plainLastWords[words[len(words)-1]] {
		return false
	}
	for i, w := range words {
		for _, s := range secretWords {
			if !strings.HasSuffix(w, s) {
				continue
			}
			if w == "KEY" && i > 0 && plainKeyKinds[words[i-1]] {
				continue
			}
			return true
		}
	}
	return false
}

// maskSecrets returns a copy of app whose functions' secret-looking
// environment values read maskedValue; app itself is left alone.
func maskSecrets(app *appmodel.App) *appmodel.App {
	out := *app
	out.Functions = make([]appmodel.Function, len(app.Functions))
	for i, f := range app.Functions {
		if len(f.Environment) > 0 {
			env := make(map[string]string, len(f.Environment))
			for k, v := range f.Environment {
				if secretKey(k) {
					v = maskedValue
				}
				env[k] = v
			}
			f.Environment = env
		}
		out.Functions[i] = f
	}
	return &out
}
