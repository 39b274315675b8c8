package terraform

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// moreFuncs are further Terraform functions: collection predicates, the
// identity functions for sensitivity, time and ids, fileset and the CIDR
// calculations network-minded modules call.
func moreFuncs(base string) map[string]function.Function {
	identity := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
	return map[string]function.Function{
		"one":          oneFunc,
		"sum":          sumFunc,
		"alltrue":      boolsFunc(true),
		"anytrue":      boolsFunc(false),
		"sensitive":    identity,
		"nonsensitive": identity,
		"urlencode":    strFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"pathexpand":   strFunc(expandHome),
		"timestamp": function.New(&function.Spec{
			Type: function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
				return cty.StringVal(time.Now().UTC().Format(time.RFC3339)), nil
			},
		}),
		"uuid": function.New(&function.Spec{
			Type: function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
				b := make([]byte, 16)
				_, _ = rand.Read(b)
				b[6], b[8] = (b[6]&0x0f)|0x40, (b[8]&0x3f)|0x80
				return cty.StringVal(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])), nil
			},
		}),
		"fileset":     filesetFunc(base),
		"cidrhost":    cidrHostFunc,
		"cidrsubnet":  cidrSubnetFunc,
		"cidrnetmask": cidrNetmaskFunc,
	}
}

// oneFunc returns the only element of a collection, null when empty.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType() && len(ty.TupleElementTypes()) <= 1:
			if len(ty.TupleElementTypes()) == 0 {
				return cty.DynamicPseudoType, nil
			}
			return ty.TupleElementTypes()[0], nil
		}
		return cty.NilType, errors.New("must be a list, set or tuple of at most one element")
	},
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		switch n := args[0].LengthInt(); n {
		case 0:
			return cty.NullVal(ty), nil
		case 1:
			it := args[0].ElementIterator()
			it.Next()
			_, v := it.Element()
			return v, nil
		default:
			return cty.NullVal(ty), fmt.Errorf("must have no more than one element, has %d", n)
		}
	},
})

// sumFunc adds the numbers of a collection.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[0].LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := cty.Zero
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() {
				return cty.NilVal, errors.New("cannot sum null values")
			}
			total = total.Add(v)
		}
		return total, nil
	},
})

// boolsFunc is alltrue (all) or anytrue (!all).
func boolsFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.IsNull() {
					continue
				}
				if v.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

// expandHome replaces a leading ~ with the home directory.
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home directory: %w", err)
	}
	return filepath.Join(home, p[1:]), nil
}

// filesetFunc lists the files under a directory matching a pattern, as
// slash-separated paths relative to that directory.
func filesetFunc(base string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			dir := resolve(base, args[0].AsString())
			matches, err := doublestar.Glob(os.DirFS(dir), args[1].AsString(), doublestar.WithFilesOnly())
			if err != nil {
				return cty.NilVal, fmt.Errorf("matching %q in %q: %w", args[1].AsString(), args[0].AsString(), err)
			}
			sort.Strings(matches)
			if len(matches) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			vals := make([]cty.Value, 0, len(matches))
			for _, m := range matches {
				vals = append(vals, cty.StringVal(m))
			}
			return cty.SetVal(vals), nil
		},
	})
}

// prefixArg parses a CIDR argument.
func prefixArg(v cty.Value) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(v.AsString())
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR %q: %w", v.AsString(), err)
	}
	return p.Masked(), nil
}

// addrToInt and intToAddr convert addresses to numbers and back.
func addrToInt(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func intToAddr(n *big.Int, v6 bool) (netip.Addr, error) {
	size := 4
	if v6 {
		size = 16
	}
	if n.Sign() < 0 || n.BitLen() > size*8 {
		return netip.Addr{}, errors.New("the result is outside the address space")
	}
	b := n.FillBytes(make([]byte, size))
	a, _ := netip.AddrFromSlice(b)
	return a, nil
}
