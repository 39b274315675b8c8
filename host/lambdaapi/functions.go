package lambdaapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// functionConfiguration is the FunctionConfiguration document of
// GetFunction and ListFunctions, with what the model knows.
type functionConfiguration struct {
	FunctionName     string       `json:"FunctionName"`
	FunctionArn      string       `json:"FunctionArn"`
	Runtime          string       `json:"Runtime,omitempty"`
	Handler          string       `json:"Handler,omitempty"`
	Timeout          int          `json:"Timeout"`
	MemorySize       int          `json:"MemorySize"`
	Version          string       `json:"Version"`
	PackageType      string       `json:"PackageType,omitempty"`
	Architectures    []string     `json:"Architectures,omitempty"`
	Environment      *environment `json:"Environment,omitempty"`
	EphemeralStorage *storage     `json:"EphemeralStorage,omitempty"`
	State            string       `json:"State"`
	StateReason      string       `json:"StateReason,omitempty"`
	LastUpdateStatus string       `json:"LastUpdateStatus"`
	Layers           []layerRef   `json:"Layers,omitempty"`
}

type environment struct {
	Variables map[string]string `json:"Variables"`
}

type storage struct {
	Size int `json:"Size"`
}

type layerRef struct {
	Arn string `json:"Arn"`
}

// configuration describes one function. A function ldk cannot run is
// reported Failed, with the reason.
func (h *Handler) configuration(name string) functionConfiguration {
	f := (*h.fns.Load())[name]
	c := functionConfiguration{
		FunctionName:     f.Name,
		FunctionArn:      h.functionARN(f, ""),
		Runtime:          f.Runtime,
		Handler:          f.Handler,
		Timeout:          f.TimeoutSeconds,
		MemorySize:       f.MemoryMB,
		Version:          "$LATEST",
		PackageType:      f.PackageType,
		State:            "Active",
		LastUpdateStatus: "Successful",
	}
	if f.Architecture != "" {
		c.Architectures = []string{f.Architecture}
	}
	if len(f.Environment) > 0 {
		c.Environment = &environment{Variables: f.Environment}
	}
	if f.EphemeralStorageMB > 0 {
		c.EphemeralStorage = &storage{Size: f.EphemeralStorageMB}
	}
	if !f.Runnable {
		c.State = "Failed"
		c.StateReason = f.Reason
	}
	return c
}

// getFunction answers GetFunction.
func (h *Handler) getFunction(w http.ResponseWriter, r *http.Request, id, name string) {
	ref, apiErr := parseFunctionRef(name, r.URL.Query().Get("Qualifier"))
	if apiErr != nil {
		apiErr.write(w, id)
		return
	}

	f, apiErr := h.lookup(ref)
	if apiErr != nil {
		apiErr.write(w, id)
		return
	}

	writeJSON(w, id, map[string]any{
		"Configuration": h.configuration(f.Name),
		"Code":          map[string]string{"RepositoryType": "S3"},
	})
}

// writeJSON sends a 200 JSON document.
func writeJSON(w http.ResponseWriter, id string, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		errService("Encoding the answer failed: %v", err).write(w, id)
		return
	}
	body := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("X-Amzn-Requestid", id)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
