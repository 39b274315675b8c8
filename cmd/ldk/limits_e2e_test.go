package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/smithy-go"
)

// badRequest is one request ldk must refuse without running a function.
type badRequest struct {
	name    string
	method  string
	url     string // after the listener's base URL
	aws     bool   // sent to the AWS endpoint, else to the HTTP API
	body    io.Reader
	length  int64 // Content-Length; -1 sends the body chunked
	header  map[string]string
	status  int
	errType string // x-amzn-ErrorType
	want    string
}

const invocations = "/2015-03-31/functions/fault-node/invocations"

func badRequests() []badRequest {
	big := func(n int) io.Reader { return bytes.NewReader(bytes.Repeat([]byte("a"), n)) }
	bigJSON := func(n int) io.Reader {
		return io.MultiReader(strings.NewReader(`"`), big(n-2), strings.NewReader(`"`))
	}
	return []badRequest{
		{name: "invoke payload one byte over 6 MB", method: "POST", url: invocations, aws: true,
			body: bigJSON(6291457), length: 6291457, status: 413, errType: "RequestEntityTooLargeException",
			want: `{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}`},
		{name: "invoke payload over 6 MB chunked", method: "POST", url: invocations, aws: true,
			body: bigJSON(7 << 20), length: -1, status: 413, errType: "RequestEntityTooLargeException",
			want: `{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}`},
		{name: "invoke payload not JSON", method: "POST", url: invocations, aws: true,
			body: strings.NewReader(`{bad`), length: 4, status: 400, errType: "InvalidRequestContentException",
			want: `{"Type":"User","message":"Could not parse request body into json: Could not parse payload into json: ` +
				`invalid character 'b' looking for beginning of object key string"}`},
		{name: "invoke with unknown invocation type", method: "POST", url: invocations, aws: true,
			body: strings.NewReader(`{}`), length: 2, header: map[string]string{"X-Amz-Invocation-Type": "Sometimes"},
			status: 400, errType: "ValidationException",
			want: `{"Type":"User","message":"1 validation error detected: Value 'Sometimes' at 'invocationType' failed to ` +
				`satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"}`},
		{name: "invoke with bad client context", method: "POST", url: invocations, aws: true,
			body: strings.NewReader(`{}`), length: 2, header: map[string]string{"X-Amz-Client-Context": "%%%"},
			status: 400, errType: "InvalidRequestContentException",
			want: `{"Type":"User","message":"Client context must be a valid Base64-encoded JSON object."}`},
		{name: "invoke with unknown log type", method: "POST", url: invocations, aws: true,
			body: strings.NewReader(`{}`), length: 2, header: map[string]string{"X-Amz-Log-Type": "Head"},
			status: 400, errType: "ValidationException",
			want: `{"Type":"User","message":"1 validation error detected: Value 'Head' at 'logType' failed to satisfy ` +
				`constraint: Member must satisfy enum value set: [None, Tail]"}`},
		{name: "invoke with GET", method: "GET", url: invocations, aws: true, length: 0,
			status: 404, errType: "UnknownOperationException",
			want: `{"Type":"User","message":"Unknown operation GET /2015-03-31/functions/fault-node/invocations"}`},
		{name: "invoke with bad qualifier", method: "POST", url: invocations + "?Qualifier=a/b", aws: true,
			body: strings.NewReader(`{}`), length: 2, status: 400, errType: "ValidationException",
			want: `{"Type":"User","message":"1 validation error detected: Value 'a/b' at 'qualifier' failed to satisfy ` +
				`constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)"}`},
		{name: "invoke unknown function", method: "POST", url: "/2015-03-31/functions/nobody/invocations", aws: true,
			body: strings.NewReader(`{}`), length: 2, status: 404, errType: "ResourceNotFoundException",
			want: `{"Type":"User","message":"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nobody"}`},
		{name: "http api body over 10 MB", method: "POST", url: "/node",
			body: big(10<<20 + 1), length: 10<<20 + 1, status: 413,
			want: `{"message":"Request Entity Too Large"}`},
		{name: "http api event over 6 MB", method: "POST", url: "/node",
			body: big(7 << 20), length: 7 << 20, status: 413,
			want: `{"message":"Request Entity Too Large"}`},
		{name: "http api body over 10 MB chunked", method: "POST", url: "/node",
			body: big(11 << 20), length: -1, status: 413,
			want: `{"message":"Request Entity Too Large"}`},
	}
}

// TestDevRefusesBadInput sends oversized and malformed requests to a real
// ldk dev: each gets AWS's answer, no function runs for any of them, and
// ldk keeps serving.
func TestDevRefusesBadInput(t *testing.T) {
	needTools(t, "node", "python3")
	s := startFaultDev(t, buildLDK(t), faultApp(t))
	client := lambdaClient(t, s.ready.AWSEndpoint)
	// A fresh ldk dev: the health check's two calls are fault-node's only
	// invocations so far.
	checkHealthy(t, s, client)
	if n := s.finishedInvocations(t, "fault-node", 2); n != 2 {
		t.Fatalf("fault-node started %d invocations before the bad requests, want 2", n)
	}

	for _, br := range badRequests() {
		t.Run(br.name, func(t *testing.T) {
			base := s.apiURL(t)
			if br.aws {
				base = s.ready.AWSEndpoint
			}
			req, err := http.NewRequest(br.method, base+br.url, br.body)
			if err != nil {
				t.Fatal(err)
			}
			req.ContentLength = br.length
			for k, v := range br.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", br.method, br.url, err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)

			if resp.StatusCode != br.status || string(body) != br.want {
				t.Errorf("answer %d %s\nwant   %d %s", resp.StatusCode, body, br.status, br.want)
			}
			if got := resp.Header.Get("X-Amzn-Errortype"); br.aws && got != br.errType {
				t.Errorf("x-amzn-ErrorType %q, want %q", got, br.errType)
			}
		})
	}

	t.Run("sdk payload over 6 MB", func(t *testing.T) {
		_, err := client.Invoke(context.Background(), &lambda.InvokeInput{
			FunctionName: aws.String("fault-node"), Payload: []byte(`"` + strings.Repeat("a", 7<<20) + `"`)})
		// The service sends RequestEntityTooLargeException, a name the
		// SDK's model lacks (it knows RequestTooLargeException), so the SDK
		// gives a generic API error carrying the code.
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "RequestEntityTooLargeException" ||
			apiErr.ErrorMessage() != "Request must be smaller than 6291456 bytes for the InvokeFunction operation" {
			t.Fatalf("got %v, want RequestEntityTooLargeException", err)
		}
	})

	t.Run("header over 1 MB", func(t *testing.T) {
		req, _ := http.NewRequest("GET", s.apiURL(t)+"/node", nil)
		req.Header.Set("X-Big", strings.Repeat("h", 2<<20))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("status %d, want 431", resp.StatusCode)
		}
	})

	t.Run("client that never finishes its headers", func(t *testing.T) {
		checkSlowClientCut(t, strings.TrimPrefix(s.apiURL(t), "http://"))
	})

	// The refused requests ran nothing: the only fault-node invocations
	// since are those of this health check.
	checkHealthy(t, s, client)
	if now := s.finishedInvocations(t, "fault-node", 4); now != 4 {
		t.Errorf("fault-node started %d invocations since the bad requests, want 2 (the health check's)", now-2)
	}
}

// checkSlowClientCut opens a connection, sends half a request and checks
// the server closes it on its own (after its header timeout) instead of
// waiting forever.
func checkSlowClientCut(t *testing.T, addr string) {
	t.Helper()

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /node HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}

	// The bound only keeps a broken server from hanging the test.
	_ = conn.SetReadDeadline(time.Now().Add(2 * time.Minute))
	rest, err := io.ReadAll(bufio.NewReader(conn))
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		t.Fatalf("the server kept a half-sent request open for 2 minutes")
	}
	if len(rest) > 0 && !strings.HasPrefix(string(rest), "HTTP/1.1 408 ") {
		t.Errorf("the server answered a half-sent request with %q", firstLineOf(string(rest)))
	}
}

// finishedInvocations waits until at least want invocations of function
// have ended and every one that started has ended, and returns how many
// started. Log records travel apart from the answers, so the lines of a
// call that has been answered may still be on their way.
func (s *faultDev) finishedInvocations(t *testing.T, function string, want int) int {
	t.Helper()

	start, end := "["+function+"] START ", "["+function+"] END "
	deadline := time.Now().Add(30 * time.Second)
	for {
		log := s.log(t)
		n, ended := strings.Count(log, start), strings.Count(log, end)
		if ended >= want && n == ended {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d invocations started, %d ended after 30s, want %d", function, n, ended, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func firstLineOf(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
