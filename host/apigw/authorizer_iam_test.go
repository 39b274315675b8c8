package apigw

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// signed is an Authorization header shaped as SigV4 signs it.
const signed = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260102/eu-west-1/execute-api/aws4_request, " +
	"SignedHeaders=host;x-amz-date, Signature=0123abcd"

// TestIAMAuthorization checks AWS_IAM on each front door: unsigned calls
// get the service's refusal, signed ones reach the function with the
// caller's access key in the event.
func TestIAMAuthorization(t *testing.T) {
	t.Parallel()
	iam := &appmodel.Authorizer{Name: "AWS_IAM", Type: appmodel.AuthorizerIAM}
	urlHeaders := func(length string, extra ...string) http.Header {
		h := http.Header{"Content-Type": {"application/json"}, "Content-Length": {length},
			"X-Amzn-Requestid": {"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}}
		for i := 0; i+1 < len(extra); i += 2 {
			h[extra[i]] = []string{extra[i+1]}
		}
		return h
	}
	tests := []struct {
		name   string
		api    *appmodel.API // nil: the function URL
		target string
		header http.Header
		golden bool
		want   wantAnswer
	}{
		{name: "iam_rest_unsigned", api: &shopAPI, target: "/items/1",
			want: wantAnswer{403, restHeaders("application/json", "42", "X-Amzn-Errortype", "MissingAuthenticationTokenException"),
				`{"message":"Missing Authentication Token"}`}},
		{name: "iam_rest_signed", api: &shopAPI, target: "/items/1", header: http.Header{"Authorization": {signed}}, golden: true,
			want: wantAnswer{200, restHeaders("application/json", "2"), "ok"}},
		{name: "iam_rest_other_scheme", api: &shopAPI, target: "/items/1", header: http.Header{"Authorization": {"Bearer x"}},
			want: wantAnswer{403, restHeaders("application/json", "42", "X-Amzn-Errortype", "MissingAuthenticationTokenException"),
				`{"message":"Missing Authentication Token"}`}},
		{name: "iam_http_unsigned", api: &ordersAPI, target: "/items/1",
			want: wantAnswer{403, httpHeaders("application/json", "23"), `{"message":"Forbidden"}`}},
		{name: "iam_http_presigned", api: &ordersAPI, target: "/items/1?X-Amz-Credential=AKIDQ%2F20260102&X-Amz-Signature=ab",
			golden: true, want: wantAnswer{200, httpHeaders("application/json", "2"), "ok"}},
		{name: "iam_furl_unsigned", target: "/x",
			want: wantAnswer{403, urlHeaders("23", "X-Amzn-Errortype", "AccessDeniedException"), `{"Message":"Forbidden"}`}},
		{name: "iam_furl_credential_without_signature", target: "/x?X-Amz-Credential=AKIDQ%2F20260102",
			want: wantAnswer{403, urlHeaders("23", "X-Amzn-Errortype", "AccessDeniedException"), `{"Message":"Forbidden"}`}},
		{name: "iam_furl_signed", target: "/x", header: http.Header{"Authorization": {signed}}, golden: true,
			want: wantAnswer{200, urlHeaders("2"), "ok"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fn := ok(`{"statusCode":200,"body":"ok"}`)
			var h http.Handler
			if tc.api != nil {
				version := appmodel.Payload20
				if tc.api.Kind == appmodel.KindREST {
					version = appmodel.Payload10
				}
				var err error
				if h, err = NewAPIHandler(*tc.api, authRoute(*tc.api, version, iam), fn, testOptions()); err != nil {
					t.Fatal(err)
				}
			} else {
				h = NewFunctionURLHandler(appmodel.FunctionURL{Function: "items", AuthType: "AWS_IAM"}, fn, testOptions())
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", tc.target, nil, tc.header))
			checkAnswer(t, rec, tc.want)
			if tc.want.status == 200 != (len(fn.reqs) == 1) {
				t.Fatalf("function invoked %d times for status %d", len(fn.reqs), tc.want.status)
			}
			if tc.golden {
				checkGolden(t, tc.name, fn.reqs[0].Payload)
			}
		})
	}
}
