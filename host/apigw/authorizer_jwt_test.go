package apigw

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// token builds a compact JWT with the given header and claims.
func token(t testing.TB, header, claims any) string {
	t.Helper()
	part := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(data)
	}
	return part(header) + "." + part(claims) + ".c2ln"
}

func TestDecodeAndCheckJWT(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	rs := map[string]string{"alg": "RS256"}
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"good", token(t, rs, map[string]any{"exp": 1_800_000_001, "nbf": 1_800_000_000, "iat": 1_700_000_000}), nil},
		{"expired at exp", token(t, rs, map[string]any{"exp": 1_800_000_000}), errExpired},
		{"no exp", token(t, rs, map[string]any{"sub": "x"}), errNoExpiry},
		{"exp beyond 64 bits", token(t, rs, map[string]any{"exp": 1e19}), nil},
		{"exp far beyond 64 bits", token(t, rs, map[string]any{"exp": 1e30}), nil},
		{"exp far in the past", token(t, rs, map[string]any{"exp": -1e30}), errExpired},
		{"ES256", token(t, map[string]string{"alg": "ES256"}, map[string]any{"exp": 1_900_000_000}), nil},
		{"HS256", token(t, map[string]string{"alg": "HS256"}, map[string]any{"exp": 1_900_000_000}), errAlgorithm},
		{"alg lower case", token(t, map[string]string{"alg": "rs256"}, map[string]any{"exp": 1_900_000_000}), errAlgorithm},
		{"no alg", token(t, map[string]string{"typ": "JWT"}, map[string]any{"exp": 1_900_000_000}), errBadHeader},
		{"padded claims", "eyJhbGciOiJSUzI1NiJ9.e30=.c2ln", errNotJWT},
		{"padded signature", token(t, rs, map[string]any{"exp": 1_900_000_000}) + "=", errNotJWT},
		{"standard alphabet", "eyJhbGciOiJSUzI1NiJ9.e30.c2l+", errNotJWT},
		{"not before", token(t, rs, map[string]any{"exp": 1_900_000_000, "nbf": 1_800_000_001}), errNotYet},
		{"issued in the future", token(t, rs, map[string]any{"exp": 1_900_000_000, "iat": 1_800_000_001}), errNotYet},
		{"exp a string", token(t, rs, map[string]any{"exp": "soon"}), errClaimTypes},
		{"alg none", token(t, map[string]string{"alg": "none"}, map[string]any{"exp": 1_900_000_000}), errAlgorithm},
		{"two parts", "abc.def", errNotJWT},
		{"empty signature", "eyJhbGciOiJSUzI1NiJ9.e30.", errNotJWT},
		{"claims not JSON", "eyJhbGciOiJSUzI1NiJ9.bm9wZQ.c2ln", errNotJWT},
		{"claims a list", "eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln", errNotJWT},
		{"header not base64url", "e+J.e30.c2ln", errNotJWT},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			claims, err := decodeJWT(tc.token)
			if err == nil {
				err = checkTimes(claims, now)
			}
			if err != tc.want {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestAudienceAndScopes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		claims     string
		audience   bool
		wantScopes []string
	}{
		{"aud string", `{"aud":"app"}`, true, nil},
		{"aud list", `{"aud":["x","app"]}`, true, nil},
		{"aud wins over client_id", `{"aud":"x","client_id":"app"}`, false, nil},
		{"client_id without aud", `{"client_id":"app"}`, true, nil},
		{"neither", `{"sub":"app"}`, false, nil},
		{"scope string", `{"aud":"app","scope":"a b  c"}`, true, []string{"a", "b", "c"}},
		{"scp list", `{"scp":["a","b"]}`, false, []string{"a", "b"}},
		{"scp string", `{"scp":"a"}`, false, []string{"a"}},
		{"empty scope", `{"scope":""}`, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			claims, err := decodeObject([]byte(tc.claims))
			if err != nil {
				t.Fatal(err)
			}
			if got := hasAudience(claims, []string{"app", "other"}); got != tc.audience {
				t.Errorf("hasAudience = %v, want %v", got, tc.audience)
			}
			if diff := cmp.Diff(tc.wantScopes, tokenScopes(claims)); diff != "" {
				t.Errorf("scopes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClaimStrings(t *testing.T) {
	t.Parallel()
	claims, err := decodeObject([]byte(`{"s":"x","n":12,"f":1.5,"b":true,"l":["a",2],"o":{"k":"v"},"z":null,` +
		`"exp":1700000000,"iat":1700000000.0,"auth_time":1699999999}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		cognito bool
		want    map[string]string
	}{
		{"HTTP API JWT", false, map[string]string{"s": "x", "n": "12", "f": "1.5", "b": "true", "l": "[a 2]",
			"o": `{"k":"v"}`, "z": "", "exp": "1700000000", "iat": "1700000000.0", "auth_time": "1699999999"}},
		{"REST Cognito dates", true, map[string]string{"s": "x", "n": "12", "f": "1.5", "b": "true", "l": "[a 2]",
			"o": `{"k":"v"}`, "z": "", "exp": "Tue Nov 14 22:13:20 UTC 2023", "iat": "Tue Nov 14 22:13:20 UTC 2023",
			"auth_time": "Tue Nov 14 22:13:19 UTC 2023"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, claimStrings(claims, tc.cognito)); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		})
	}
}
