package terraform

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	"gopkg.in/yaml.v3"
)

// yamlFuncs are yamldecode and yamlencode, going through yaml.v3 and the
// JSON form of values, and base64gzip.
func yamlFuncs() map[string]function.Function {
	return map[string]function.Function{
		"yamldecode": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "src", Type: cty.String}},
			Type:   function.StaticReturnType(cty.DynamicPseudoType),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				var doc any
				if err := yaml.Unmarshal([]byte(args[0].AsString()), &doc); err != nil {
					return cty.DynamicVal, fmt.Errorf("decoding YAML: %w", err)
				}
				if doc == nil {
					return cty.NullVal(cty.DynamicPseudoType), nil
				}
				return goToCty(doc)
			},
		}),
		"yamlencode": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				raw, err := ctyjson.SimpleJSONValue{Value: args[0]}.MarshalJSON()
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				var doc any
				if err := json.Unmarshal(raw, &doc); err != nil {
					return cty.UnknownVal(cty.String), err
				}
				out, err := yaml.Marshal(doc)
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				return cty.StringVal(string(out)), nil
			},
		}),
		"base64gzip": strFunc(func(s string) (string, error) {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			if _, err := zw.Write([]byte(s)); err != nil {
				return "", err
			}
			if err := zw.Close(); err != nil {
				return "", err
			}
			return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
		}),
	}
}
