package appmodel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMockAnswer(t *testing.T) {
	t.Parallel()
	cors := IntegrationResponse{StatusCode: "204", Parameters: map[string]string{
		"method.response.header.Access-Control-Allow-Origin": "'*'",
	}}
	tests := []struct {
		name      string
		request   string
		responses []IntegrationResponse
		want      *MockResponse
	}{
		{"cors preflight", "{ statusCode: 200 }", []IntegrationResponse{cors},
			&MockResponse{Status: 204, Headers: map[string]string{"Access-Control-Allow-Origin": "*"}}},
		{"selection pattern picks the response", `{"statusCode": 404}`, []IntegrationResponse{
			{StatusCode: "200", Template: `{"ok":true}`},
			{SelectionPattern: "4\\d\\d", StatusCode: "404", Template: `{"message":"gone"}`},
		}, &MockResponse{Status: 404, Body: `{"message":"gone"}`}},
		{"default when no pattern matches", `{"statusCode": 500}`, []IntegrationResponse{
			{SelectionPattern: "4\\d\\d", StatusCode: "404"},
			{StatusCode: "200", Template: "fixed"},
		}, &MockResponse{Status: 200, Body: "fixed"}},
		{"no integration response", "{ statusCode: 200 }", nil, nil},
		{"mapping template", "{ statusCode: 200 }", []IntegrationResponse{{StatusCode: "200", Template: `{"id": "$context.requestId"}`}}, nil},
		{"header from the request", "{ statusCode: 200 }", []IntegrationResponse{{StatusCode: "200",
			Parameters: map[string]string{"method.response.header.X": "integration.response.header.X"}}}, nil},
		{"bad status", "", []IntegrationResponse{{StatusCode: "abc"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := MockAnswer(tc.request, tc.responses)
			if ok != (tc.want != nil) {
				t.Fatalf("ok = %v, want %v", ok, tc.want != nil)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("MockAnswer (-want +got):\n%s", diff)
			}
		})
	}
}
