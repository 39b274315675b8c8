package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// Error types the backend itself produces, with AWS's names.
const (
	errTypeTimedout  = "Sandbox.Timedout"
	errTypeExit      = "Runtime.ExitError"
	errTypeUnhandled = "Unhandled"
)

// errorDoc renders the {"errorType","errorMessage"} document Lambda
// returns for failures of the sandbox rather than of the handler.
func errorDoc(typ, msg string) []byte {
	b, _ := json.Marshal(struct {
		ErrorType    string `json:"errorType"`
		ErrorMessage string `json:"errorMessage"`
	}{typ, msg})

	return b
}

// timedOutDoc is Lambda's answer to an invocation that ran out of time.
func timedOutDoc(requestID string, timeout time.Duration) []byte {
	return errorDoc(errTypeTimedout,
		fmt.Sprintf("RequestId: %s Error: %s", requestID, timedOutText(timeout)))
}

// timedOutText is the sentence Lambda logs and returns for a timeout.
func timedOutText(timeout time.Duration) string {
	return fmt.Sprintf("Task timed out after %.2f seconds", timeout.Seconds())
}

// exitDoc is Lambda's answer to an invocation whose runtime exited.
func exitDoc(requestID, reason string) []byte {
	return errorDoc(errTypeExit,
		fmt.Sprintf("RequestId: %s Error: Runtime exited with error: %s", requestID, reason))
}
