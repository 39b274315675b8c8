package terraform

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// fileFuncs are Terraform's filesystem functions. Relative paths resolve
// against base.
func fileFuncs(base string) map[string]function.Function {
	read := func(p string) ([]byte, error) {
		b, err := readRegular(resolve(base, p))
		if err != nil {
			return nil, fmt.Errorf("reading file %q: %w", p, err)
		}
		return b, nil
	}
	hashed := func(h func([]byte) string) function.Function {
		return strFunc(func(p string) (string, error) {
			b, err := read(p)
			if err != nil {
				return "", err
			}
			return h(b), nil
		})
	}

	return map[string]function.Function{
		"file": strFunc(func(p string) (string, error) {
			b, err := read(p)
			if err != nil {
				return "", err
			}
			if !utf8.Valid(b) {
				return "", fmt.Errorf("file %q is not valid UTF-8; use filebase64 for binary files", p)
			}
			return string(b), nil
		}),
		"filebase64": hashed(base64.StdEncoding.EncodeToString),
		"filebase64sha256": hashed(func(b []byte) string {
			h := sha256.Sum256(b)
			return base64.StdEncoding.EncodeToString(h[:])
		}),
		"filesha256": hashed(func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }),
		"filemd5":    hashed(func(b []byte) string { h := md5.Sum(b); return hex.EncodeToString(h[:]) }),
		"fileexists": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				st, err := os.Stat(resolve(base, args[0].AsString()))
				if err != nil {
					return cty.False, nil
				}
				if !st.Mode().IsRegular() {
					return cty.False, fmt.Errorf("%q is not a regular file", args[0].AsString())
				}
				return cty.True, nil
			},
		}),
		"abspath":  strFunc(func(p string) (string, error) { return filepath.ToSlash(resolve(base, p)), nil }),
		"basename": strFunc(func(p string) (string, error) { return filepath.Base(p), nil }),
		"dirname":  strFunc(func(p string) (string, error) { return filepath.Dir(p), nil }),
	}
}

// resolve makes p absolute against base.
func resolve(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// unwrapPath drops the path os errors repeat.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// templateFileFunc renders a template file with the given variables and
// the other functions (templatefile itself excepted, as in Terraform).
func templateFileFunc(base string, funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			src, err := readRegular(resolve(base, p))
			if err != nil {
				return cty.DynamicVal, fmt.Errorf("reading template %q: %w", p, err)
			}
			expr, diags := hclsyntax.ParseTemplate(src, p, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.DynamicVal, fmt.Errorf("parsing template %q: %s", p, diags.Error())
			}

			vars := map[string]cty.Value{}
			if vty := args[1].Type(); !vty.IsMapType() && !vty.IsObjectType() {
				return cty.DynamicVal, fmt.Errorf("the variables of template %q must be a map or object", p)
			}
			for it := args[1].ElementIterator(); it.Next(); {
				k, v := it.Element()
				vars[k.AsString()] = v
			}
			inner := map[string]function.Function{}
			for name, f := range funcs {
				if name != "templatefile" {
					inner[name] = f
				}
			}
			v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: inner})
			if diags.HasErrors() {
				return cty.DynamicVal, fmt.Errorf("rendering template %q: %s", p, diags.Error())
			}
			return v, nil
		},
	})
}

// maxFileRead bounds what the file functions and package reads take in,
// so a path such as /dev/zero cannot hang or exhaust a load.
const maxFileRead = 256 << 20

// readRegular reads a regular file of at most maxFileRead bytes.
func readRegular(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()

	st, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > maxFileRead {
		return nil, fmt.Errorf("larger than %d MB", maxFileRead>>20)
	}
	return io.ReadAll(io.LimitReader(f, maxFileRead))
}
