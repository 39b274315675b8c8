package lambdaapi

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
)

// ListFunctions paging, as Lambda does it: MaxItems may be 1 to 10000,
// yet a page never holds more than 50 functions, which is also the
// default.
const (
	maxListItems = 10000
	listPageSize = 50
)

// listFunctions answers ListFunctions: the functions sorted by name, one
// page at a time. Marker is the NextMarker of the previous page: an opaque
// token that names the first function of the next page.
func (h *Handler) listFunctions(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	size, apiErr := parseMaxItems(q.Get("MaxItems"))
	if apiErr != nil {
		apiErr.write(w, id)
		return
	}

	fns := *h.fns.Load()
	names := make([]string, 0, len(fns))
	for n := range fns {
		names = append(names, n)
	}
	sort.Strings(names)

	start := 0
	if m := q.Get("Marker"); m != "" {
		from, err := base64.RawURLEncoding.DecodeString(m)
		if err != nil || len(from) == 0 {
			userError(http.StatusBadRequest, "InvalidParameterValueException",
				"Invalid marker: %s", m).write(w, id)
			return
		}
		// A function removed since the previous page does not break the
		// listing: the next page starts at the first name after it.
		start = sort.SearchStrings(names, string(from))
	}

	end := min(start+size, len(names))
	out := make([]functionConfiguration, 0, end-start)
	for _, n := range names[start:end] {
		out = append(out, h.configuration(n))
	}
	doc := map[string]any{"Functions": out}
	if end < len(names) {
		doc["NextMarker"] = base64.RawURLEncoding.EncodeToString([]byte(names[end]))
	}
	writeJSON(w, id, doc)
}

// parseMaxItems reads the MaxItems query parameter: the page size, at
// most listPageSize whatever the caller asks.
func parseMaxItems(s string) (int, *apiError) {
	if s == "" {
		return listPageSize, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, userError(http.StatusBadRequest, "ValidationException",
			"1 validation error detected: Value '%s' at 'maxItems' failed to satisfy constraint: Member must be an integer", s)
	case n < 1:
		return 0, userError(http.StatusBadRequest, "ValidationException",
			"1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1", n)
	case n > maxListItems:
		return 0, userError(http.StatusBadRequest, "ValidationException",
			"1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to %d", n, maxListItems)
	}
	return min(n, listPageSize), nil
}
