package runtimeapi

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestErrorOutcomes(t *testing.T) {
	cases := []struct {
		name   string
		body   string
		header map[string]string
		want   Response
	}{
		{
			name:   "type from header",
			body:   `{"errorType":"TypeError","errorMessage":"x"}`,
			header: map[string]string{HeaderErrorType: "Runtime.MarshalError"},
			want: Response{Outcome: Failed, ErrorType: "Runtime.MarshalError",
				Payload: []byte(`{"errorType":"TypeError","errorMessage":"x"}`)},
		},
		{
			name: "type from body",
			body: `{"errorType":"ValueError","errorMessage":"bad"}`,
			want: Response{Outcome: Failed, ErrorType: "ValueError",
				Payload: []byte(`{"errorType":"ValueError","errorMessage":"bad"}`)},
		},
		{
			name: "no type anywhere",
			body: `not json`,
			want: Response{Outcome: Failed, ErrorType: "Unknown", Payload: []byte(`not json`)},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := listen(t)
			w := newWorker(t, e)

			done := invokeAsync(context.Background(), e, Invocation{RequestID: "id"})
			w.next()
			status, answer := w.post("/invocation/id/error", tc.body, tc.header)
			if status != http.StatusAccepted || answer != `{"status":"OK"}` {
				t.Errorf("error answered %d %s", status, answer)
			}

			r := <-done
			if r.err != nil {
				t.Fatal(r.err)
			}
			if d := cmp.Diff(tc.want, r.resp); d != "" {
				t.Errorf("Invoke (-want +got):\n%s", d)
			}
		})
	}
}

func TestProtocolErrors(t *testing.T) {
	cases := []struct {
		name       string
		path       string
		body       string
		pollFirst  bool
		wantStatus int
		wantBody   string
	}{
		{
			name: "unknown request id", path: "/invocation/nope/response", body: `{}`,
			wantStatus: 400, wantBody: `{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}`,
		},
		{
			name: "init error after init", path: "/init/error", body: `{}`, pollFirst: true,
			wantStatus: 403,
			wantBody: `{"errorMessage":"State transition from Ready to InitError failed for runtime. ` +
				`Error: init error reported after init","errorType":"InvalidStateTransition"}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := listen(t)
			w := newWorker(t, e)
			if tc.pollFirst {
				done := invokeAsync(context.Background(), e, Invocation{RequestID: "first"})
				w.next()
				w.post("/invocation/first/response", `1`, nil)
				<-done
			}

			status, body := w.post(tc.path, tc.body, nil)
			if status != tc.wantStatus || body != tc.wantBody {
				t.Errorf("got %d %s, want %d %s", status, body, tc.wantStatus, tc.wantBody)
			}
		})
	}
}

func TestOversizedResponse(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)

	done := invokeAsync(context.Background(), e, Invocation{RequestID: "big"})
	w.next()
	status, body := w.post("/invocation/big/response", string(bytes.Repeat([]byte("a"), MaxResponseBytes+1)), nil)
	if status != 413 || body != `{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}` {
		t.Errorf("got %d %s", status, body)
	}

	r := <-done
	want := Response{Outcome: Failed, ErrorType: "Function.ResponseSizeTooLarge",
		Payload: []byte(`{"errorMessage":"Response payload size exceeded maximum allowed payload size ` +
			`(6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}`)}
	if d := cmp.Diff(want, r.resp); d != "" {
		t.Errorf("Invoke (-want +got):\n%s", d)
	}
}

func TestNextCarriesEveryHeader(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)
	deadline := time.UnixMilli(1767225600123)

	done := invokeAsync(context.Background(), e, Invocation{
		RequestID: "req-1", Payload: []byte(`{"a":1}`), Deadline: deadline,
		InvokedARN: "arn:aws:lambda:us-east-1:000000000000:function:f", TraceID: "Root=1-abc",
		ClientContext: `{"custom":{"k":"v"}}`, Identity: `{"cognitoIdentityId":"id"}`,
	})

	h, body := w.next()
	got := map[string]string{}
	for _, k := range []string{HeaderRequestID, HeaderDeadlineMs, HeaderFunctionARN,
		HeaderTraceID, HeaderClientContext, HeaderCognitoIdentity, "Content-Type"} {
		got[k] = h.Get(k)
	}
	want := map[string]string{
		HeaderRequestID:       "req-1",
		HeaderDeadlineMs:      "1767225600123",
		HeaderFunctionARN:     "arn:aws:lambda:us-east-1:000000000000:function:f",
		HeaderTraceID:         "Root=1-abc",
		HeaderClientContext:   `{"custom":{"k":"v"}}`,
		HeaderCognitoIdentity: `{"cognitoIdentityId":"id"}`,
		"Content-Type":        "application/json",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("next headers (-want +got):\n%s", d)
	}
	if body != `{"a":1}` {
		t.Errorf("next body = %q", body)
	}

	status, answer := w.post("/invocation/req-1/response", `"ok"`, nil)
	if status != http.StatusAccepted || answer != `{"status":"OK"}` {
		t.Errorf("response answered %d %s, want 202 {\"status\":\"OK\"}", status, answer)
	}

	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if d := cmp.Diff(Response{Outcome: Succeeded, Payload: []byte(`"ok"`)}, r.resp); d != "" {
		t.Errorf("Invoke (-want +got):\n%s", d)
	}
}

func TestOptionalHeadersOmitted(t *testing.T) {
	e := listen(t)
	w := newWorker(t, e)

	done := invokeAsync(context.Background(), e, Invocation{RequestID: "r", Payload: []byte(`{}`)})
	h, _ := w.next()
	for _, k := range []string{HeaderTraceID, HeaderClientContext, HeaderCognitoIdentity} {
		if _, ok := h[http.CanonicalHeaderKey(k)]; ok {
			t.Errorf("header %s sent though empty", k)
		}
	}

	w.post("/invocation/r/response", `null`, nil)
	<-done
}
