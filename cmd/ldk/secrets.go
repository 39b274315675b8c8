package main

import (
	"regexp"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// maskedValue replaces the value of a secret-looking variable in output.
const maskedValue = "********"

// secretWords end the words of variable names that hold secrets:
// DB_PASSWORD, API_TOKEN, STRIPE_SECRET, APIKEY, SESSION_COOKIE.
var secretWords = []string{
	"SECRET", "SECRETS", "PASSWORD", "PASSWD", "PASS", "PWD", "PASSPHRASE", "TOKEN", "KEY", "KEYS",
	"CREDENTIAL", "CREDENTIALS", "CRED", "CREDS", "PRIVATE", "JWT", "AUTH", "COOKIE", "SESSION", "SIGNATURE",
	"SALT", "PEPPER", "DSN",
}

// secretWholeWords are secret only as a whole word of the name: GITHUB_PAT
// (a personal access token), not PATH or SPAT.
var secretWholeWords = map[string]bool{"PAT": true, "PIN": true, "OTP": true}

// plainLastWords end names that only point at a secret or describe it:
// SECRET_ARN, KMS_KEY_ID, TOKEN_URL, API_KEY_HEADER, AUTH_ENABLED.
var plainLastWords = map[string]bool{
	"ARN": true, "ID": true, "NAME": true, "URL": true, "URI": true, "ENDPOINT": true, "PATH": true,
	"FILE": true, "REGION": true, "TYPE": true, "ALIAS": true, "HEADER": true, "FIELD": true,
	"ATTRIBUTE": true, "PARAMETER": true, "PARAM": true, "TTL": true, "LENGTH": true, "ALGORITHM": true,
	"ENABLED": true, "DISABLED": true, "MODE": true, "DOMAIN": true, "ISSUER": true, "AUDIENCE": true,
	"SCOPE": true, "SCOPES": true, "TABLE": true, "BUCKET": true, "QUEUE": true, "TOPIC": true,
	"TIMEOUT": true, "EXPIRY": true, "VERSION": true, "PROVIDER": true,
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
		if secretWholeWords[w] {
			return true
		}
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
				env[k] = maskValue(k, v)
			}
			f.Environment = env
		}
		out.Functions[i] = f
	}
	return &out
}

// urlPassword matches the password of a URL's userinfo:
// postgres://user:hunter2@db → "postgres://user:" and "hunter2".
var urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/?#@\s:]*:)([^/?#@\s]+)@`)

// keyValuePassword matches a password in a key=value connection string:
// "Server=db;User Id=app;Password=hunter2".
var keyValuePassword = regexp.MustCompile(`(?i)(?:^|[;\s])(?:password|pwd)\s*=`)

// maskValue is the value of the environment variable name as output shows
// it: maskedValue for a secret-looking name or a connection string with a
// password, and any URL's password replaced by maskedValue otherwise.
func maskValue(name, value string) string {
	if value == "" {
		return value
	}
	if secretKey(name) || keyValuePassword.MatchString(value) {
		return maskedValue
	}
	return urlPassword.ReplaceAllString(value, "${1}"+maskedValue+"@")
}
