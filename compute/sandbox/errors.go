package sandbox

import (
	"encoding/json"
	"fmt"
	"time"
)

// Error types of invocation results, with AWS's names.
const (
	// ErrorTypeUnhandled marks an error the handler raised.
	ErrorTypeUnhandled = "Unhandled"
	// ErrorTypeTimedout marks an invocation that ran out of time.
	ErrorTypeTimedout = "Sandbox.Timedout"
	// ErrorTypeExit marks an invocation whose runtime process exited.
	ErrorTypeExit = "Runtime.ExitError"
)

// ErrorDocument renders the {"errorType","errorMessage"} document Lambda
// returns for failures of the sandbox rather than of the handler.
func ErrorDocument(typ, msg string) []byte {
	b, _ := json.Marshal(struct {
		ErrorType    string `json:"errorType"`
		ErrorMessage string `json:"errorMessage"`
	}{typ, msg})

	return b
}

// TimedOutDocument is Lambda's answer to an invocation that ran out of
// time: "RequestId: <id> Error: Task timed out after N.NN seconds".
func TimedOutDocument(requestID string, timeout time.Duration) []byte {
	return ErrorDocument(ErrorTypeTimedout,
		fmt.Sprintf("RequestId: %s Error: %s", requestID, timedOutText(timeout)))
}

// timedOutText is the sentence Lambda logs and returns for a timeout.
func timedOutText(timeout time.Duration) string {
	return fmt.Sprintf("Task timed out after %.2f seconds", timeout.Seconds())
}

// ExitDocument is Lambda's answer to an invocation whose runtime exited;
// reason is how it ended, as os.ProcessState words it ("exit status 1",
// "signal: killed").
func ExitDocument(requestID, reason string) []byte {
	return ErrorDocument(ErrorTypeExit,
		fmt.Sprintf("RequestId: %s Error: Runtime exited with error: %s", requestID, reason))
}
