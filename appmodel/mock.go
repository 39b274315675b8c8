package appmodel

import (
	"regexp"
	"strconv"
	"strings"
)

// IntegrationResponse is one integration response of a REST MOCK
// integration, as the input declares it.
type IntegrationResponse struct {
	// SelectionPattern is a regular expression over the status code the
	// request template selects; "" marks the default response.
	SelectionPattern string
	StatusCode       string
	// Parameters map "method.response.header.<name>" to a value; static
	// values are quoted: "'*'".
	Parameters map[string]string
	// Template is the application/json response template.
	Template string
}

// mockStatus finds the statusCode a MOCK request template selects its
// integration response with: { "statusCode": 200 }.
var mockStatus = regexp.MustCompile(`"?statusCode"?\s*:\s*"?(\d{3})`)

// MockAnswer is the fixed answer of a REST MOCK integration, when it can
// be told without running a mapping template: the integration response
// the request template's statusCode selects (else the default one), its
// quoted header values and its body. It reports false when a response is
// missing or depends on the request; such a method answers 500.
func MockAnswer(requestTemplate string, responses []IntegrationResponse) (*MockResponse, bool) {
	selected := "200"
	if m := mockStatus.FindStringSubmatch(requestTemplate); m != nil {
		selected = m[1]
	}

	var chosen *IntegrationResponse
	for i := range responses {
		r := &responses[i]
		if r.SelectionPattern == "" {
			if chosen == nil {
				chosen = r
			}
			continue
		}
		if re, err := regexp.Compile(`\A(?:` + r.SelectionPattern + `)\z`); err == nil && re.MatchString(selected) {
			chosen = r
			break
		}
	}
	if chosen == nil {
		return nil, false
	}

	status, err := strconv.Atoi(chosen.StatusCode)
	if err != nil || status < 100 || status > 599 {
		return nil, false
	}
	if strings.ContainsAny(chosen.Template, "$#") {
		return nil, false // a mapping template, not a fixed body
	}
	mock := &MockResponse{Status: status, Body: chosen.Template}
	for k, v := range chosen.Parameters {
		name, ok := strings.CutPrefix(k, "method.response.header.")
		if !ok || len(v) < 2 || v[0] != '\'' || v[len(v)-1] != '\'' {
			return nil, false // a value mapped from the request
		}
		if mock.Headers == nil {
			mock.Headers = map[string]string{}
		}
		mock.Headers[name] = v[1 : len(v)-1]
	}
	return mock, true
}
