package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/netip"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// cidrHostFunc returns the address of host number n in a prefix; a
// negative n counts from the end.
var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		n, _ := args[1].AsBigFloat().Int(nil)
		hostBits := p.Addr().BitLen() - p.Bits()
		size := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
		if n.Sign() < 0 {
			n.Add(n, size)
		}
		if n.Sign() < 0 || n.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix %s has no host number %s", p, args[1].AsBigFloat().String())
		}
		a, err := intToAddr(n.Add(n, addrToInt(p.Addr())), p.Addr().Is6())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(a.String()), nil
	},
})

// cidrSubnetFunc returns subnet number netnum of a prefix extended by
// newbits bits.
var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		nb, _ := args[1].AsBigFloat().Int64()
		bits := p.Bits() + int(nb)
		if nb < 0 || nb > 128 || bits > p.Addr().BitLen() {
			return cty.UnknownVal(cty.String), fmt.Errorf("cannot extend prefix %s by %d bits", p, nb)
		}
		num, _ := args[2].AsBigFloat().Int(nil)
		if num.Sign() < 0 || num.BitLen() > int(nb) {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix extension of %d bits has no subnet number %s", nb, num)
		}
		shift := uint(p.Addr().BitLen() - bits)
		n := new(big.Int).Lsh(num, shift)
		a, err := intToAddr(n.Or(n, addrToInt(p.Addr())), p.Addr().Is6())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(netip.PrefixFrom(a, bits).String()), nil
	},
})

// cidrNetmaskFunc returns the dotted netmask of an IPv4 prefix.
var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if !p.Addr().Is4() {
			return cty.UnknownVal(cty.String), errors.New("only IPv4 prefixes have a netmask")
		}
		return cty.StringVal(net.IP(net.CIDRMask(p.Bits(), 32)).String()), nil
	},
})
