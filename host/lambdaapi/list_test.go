package lambdaapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ldkdev/ldk/appmodel"
)

// manyFunctions serves n functions named fn-000 ... and returns an SDK
// client bound to that server only, and its URL.
func manyFunctions(t *testing.T, n int) (*lambda.Client, string) {
	t.Helper()
	fns := make([]appmodel.Function, n)
	for i := range fns {
		fns[i] = appmodel.Function{Name: fmt.Sprintf("fn-%03d", i), Runtime: "nodejs20.x", Handler: "index.handler",
			MemoryMB: 128, TimeoutSeconds: 3, Runnable: true}
	}
	h := NewHandler(&recorder{}, fns, Options{AccountID: "123456789012", Region: "us-east-1"})
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		_ = h.Close(context.Background())
	})
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDLOCAL", "dummy-secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	return lambda.NewFromConfig(cfg, func(o *lambda.Options) { o.BaseEndpoint = aws.String(srv.URL) }), srv.URL
}

func TestListFunctionsPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		total    int
		maxItems *int32
		// pages are the sizes of the pages the paginator gets.
		pages []int
	}{
		{"default page size is 50", 120, nil, []int{50, 50, 20}},
		{"max items 7", 20, aws.Int32(7), []int{7, 7, 6}},
		{"max items 1", 3, aws.Int32(1), []int{1, 1, 1}},
		{"max items above 50 gives 50", 60, aws.Int32(10000), []int{50, 10}},
		{"exact fit has no next marker", 50, nil, []int{50}},
		{"no functions", 0, nil, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, _ := manyFunctions(t, tc.total)
			p := lambda.NewListFunctionsPaginator(client, &lambda.ListFunctionsInput{MaxItems: tc.maxItems})
			var pages []int
			var names []string
			for p.HasMorePages() {
				page, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatalf("page %d: %v", len(pages)+1, err)
				}
				pages = append(pages, len(page.Functions))
				for _, f := range page.Functions {
					names = append(names, aws.ToString(f.FunctionName))
				}
			}
			if diff := cmp.Diff(tc.pages, pages); diff != "" {
				t.Errorf("page sizes (-want +got):\n%s", diff)
			}
			want := make([]string, tc.total)
			for i := range want {
				want[i] = fmt.Sprintf("fn-%03d", i)
			}
			if diff := cmp.Diff(want, names, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("functions listed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListFunctionsBadParameters(t *testing.T) {
	t.Parallel()
	_, url := manyFunctions(t, 3)
	tests := []struct {
		name  string
		query string
		code  string
		body  string
	}{
		{"max items zero", "MaxItems=0", "ValidationException",
			`{"Type":"User","message":"1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{"max items above 10000", "MaxItems=10001", "ValidationException",
			`{"Type":"User","message":"1 validation error detected: Value '10001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 10000"}`},
		{"max items not a number", "MaxItems=abc", "ValidationException",
			`{"Type":"User","message":"1 validation error detected: Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be an integer"}`},
		{"marker not ours", "Marker=%25%25", "InvalidParameterValueException",
			`{"Type":"User","message":"Invalid marker: %%"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := http.Get(url + "/2015-03-31/functions/?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusBadRequest || res.Header.Get("X-Amzn-Errortype") != tc.code || string(body) != tc.body {
				t.Errorf("got %d %s %s; want 400 %s %s", res.StatusCode, res.Header.Get("X-Amzn-Errortype"), body, tc.code, tc.body)
			}
		})
	}
}
