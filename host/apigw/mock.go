package apigw

import (
	"net/http"

	"github.com/ldkdev/ldk/appmodel"
)

// mockAnswer is the answer of a REST MOCK integration: the status, static
// headers and body its integration response declares.
func mockAnswer(m *appmodel.MockResponse) *answer {
	a := &answer{status: m.Status, header: http.Header{}, body: []byte(m.Body)}
	for k, v := range m.Headers {
		a.header.Set(k, v)
	}
	return a
}
