package lambdaapi

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// functionRef is a parsed FunctionName path parameter.
type functionRef struct {
	name      string
	qualifier string
	// account and region are set when the reference is an ARN that names
	// them.
	account string
	region  string
}

// Invocation types of X-Amz-Invocation-Type.
const (
	typeRequestResponse = "RequestResponse"
	typeEvent           = "Event"
	typeDryRun          = "DryRun"
)

// invocation is a parsed Invoke call.
type invocation struct {
	ref            functionRef
	invocationType string
	tail           bool
	// clientContext is the decoded JSON of X-Amz-Client-Context.
	clientContext string
	payload       []byte
}

// namePattern is what Lambda says a bad FunctionName should look like.
const namePattern = `(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`

// parseFunctionRef reads "name", "name:qualifier",
// "123456789012:function:name[:qualifier]" or
// "arn:<partition>:lambda:<region>:<account>:function:name[:qualifier]",
// and reconciles the qualifier with the Qualifier query parameter.
func parseFunctionRef(s, qualifier string) (functionRef, *apiError) {
	var ref functionRef
	parts := strings.Split(s, ":")
	switch {
	case parts[0] == "arn" && (len(parts) == 7 || len(parts) == 8) && parts[2] == "lambda" && parts[5] == "function":
		ref = functionRef{region: parts[3], account: parts[4], name: parts[6]}
		if len(parts) == 8 {
			ref.qualifier = parts[7]
		}
	case (len(parts) == 3 || len(parts) == 4) && parts[1] == "function" && isAccount(parts[0]):
		ref = functionRef{account: parts[0], name: parts[2]}
		if len(parts) == 4 {
			ref.qualifier = parts[3]
		}
	case len(parts) <= 2:
		ref.name = parts[0]
		if len(parts) == 2 {
			ref.qualifier = parts[1]
		}
	default:
		return ref, invalidName(s)
	}

	if !validName(ref.name) || len(s) > 170 || (ref.qualifier != "" && !validQualifier(ref.qualifier)) ||
		(len(parts) == 2 && ref.qualifier == "") {
		return ref, invalidName(s)
	}

	if qualifier != "" {
		if !validQualifier(qualifier) {
			return ref, userError(http.StatusBadRequest, "ValidationException",
				"1 validation error detected: Value '%s' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)", qualifier)
		}
		if ref.qualifier != "" && ref.qualifier != qualifier {
			return ref, userError(http.StatusBadRequest, "InvalidParameterValueException",
				"The derived qualifier from the function name does not match the specified qualifier.")
		}
		ref.qualifier = qualifier
	}
	return ref, nil
}

func invalidName(s string) *apiError {
	return userError(http.StatusBadRequest, "ValidationException",
		"1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", s, namePattern)
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// validName allows letters, digits, "-", "_" and ".", up to 140 characters.
func validName(s string) bool {
	if s == "" || len(s) > 140 {
		return false
	}
	for _, c := range s {
		if !isWordChar(c) && c != '.' {
			return false
		}
	}
	return true
}

// validQualifier allows $LATEST, versions and alias names.
func validQualifier(s string) bool {
	if s == "$LATEST" {
		return true
	}
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !isWordChar(c) {
			return false
		}
	}
	return true
}

func isWordChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// parseInvoke reads the headers, query and body of an Invoke call for the
// already-unescaped FunctionName. The body is read up to the limit of the
// invocation type: 6 MB, or 1 MB for Event.
func parseInvoke(r *http.Request, name string) (*invocation, *apiError) {
	ref, apiErr := parseFunctionRef(name, r.URL.Query().Get("Qualifier"))
	if apiErr != nil {
		return nil, apiErr
	}
	inv := &invocation{ref: ref}

	switch t := r.Header.Get("X-Amz-Invocation-Type"); t {
	case "", typeRequestResponse:
		inv.invocationType = typeRequestResponse
	case typeEvent, typeDryRun:
		inv.invocationType = t
	default:
		return nil, userError(http.StatusBadRequest, "ValidationException",
			"1 validation error detected: Value '%s' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]", t)
	}

	switch lt := r.Header.Get("X-Amz-Log-Type"); lt {
	case "", "None":
	case "Tail":
		inv.tail = true
	default:
		return nil, userError(http.StatusBadRequest, "ValidationException",
			"1 validation error detected: Value '%s' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]", lt)
	}

	if cc := r.Header.Get("X-Amz-Client-Context"); cc != "" {
		if len(cc) > maxClientContext {
			return nil, userError(http.StatusBadRequest, "ValidationException",
				"1 validation error detected: Value at 'clientContext' failed to satisfy constraint: Member must have length less than or equal to %d", maxClientContext)
		}
		doc, err := base64.StdEncoding.DecodeString(cc)
		var obj map[string]any
		if err != nil || json.Unmarshal(doc, &obj) != nil {
			return nil, userError(http.StatusBadRequest, "InvalidRequestContentException",
				"Client context must be a valid Base64-encoded JSON object.")
		}
		inv.clientContext = string(doc)
	}

	limit := int64(maxPayload)
	if inv.invocationType == typeEvent {
		limit = maxEventPayload
	}
	payload, apiErr := readPayload(r, limit)
	if apiErr != nil {
		return nil, apiErr
	}
	inv.payload = payload
	return inv, nil
}

// readPayload reads a JSON body of at most limit bytes. An empty body is
// the event {}.
func readPayload(r *http.Request, limit int64) ([]byte, *apiError) {
	if r.ContentLength > limit {
		return nil, errTooLarge(limit)
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, errTooLarge(limit)
		}
		return nil, userError(http.StatusBadRequest, "InvalidRequestContentException", "Could not read request body: %v", err)
	}

	if int64(len(body)) > limit {
		return nil, errTooLarge(limit)
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return []byte("{}"), nil
	}
	if err := checkJSON(body); err != nil {
		return nil, userError(http.StatusBadRequest, "InvalidRequestContentException",
			"Could not parse request body into json: Could not parse payload into json: %v", err)
	}
	return body, nil
}

// checkJSON reports why a body is not one JSON value.
func checkJSON(b []byte) error {
	if json.Valid(b) {
		return nil
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	return errors.New("unexpected data after the JSON value")
}
