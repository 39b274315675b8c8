package terraform

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// TestFunctions checks the functions ldk writes itself (and the library
// ones it renames) on values and on errors.
func TestFunctions(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("testdata", "funcfiles"))
	if err != nil {
		t.Fatal(err)
	}
	funcs := functions(base)
	home, _ := os.UserHomeDir()

	tests := []struct {
		name, expr string
		want       string // JSON of the result
		wantErr    string
	}{
		{"length of a string counts characters", `length("héllo")`, `5`, ""},
		{"length of a map", `length({a = 1, b = 2})`, `2`, ""},
		{"replace plain", `replace("a.b.c", ".", "-")`, `"a-b-c"`, ""},
		{"replace regex", `replace("a1b22", "/[0-9]+/", "#")`, `"a#b#"`, ""},
		{"replace bad regex", `replace("a", "/[/", "")`, "", "missing closing ]"},
		{"index found", `index(["x", "y"], "y")`, `1`, ""},
		{"index missing", `index(["x"], "z")`, "", "item not found"},
		{"coalesce skips empty strings", `coalesce(null, "", "c")`, `"c"`, ""},
		{"coalesce numbers", `coalesce(null, 2)`, `2`, ""},
		{"coalesce nothing", `coalesce("", null)`, "", "no non-null"},
		{"base64 round trip", `base64decode(base64encode("ldk ✓"))`, `"ldk ✓"`, ""},
		{"base64decode invalid", `base64decode("!!")`, "", "not valid base64"},
		{"sha1", `sha1("ldk")`, `"792b8f2a0e5dc140b5b701acbb12e877ebb43c17"`, ""},
		{"md5", `md5("")`, `"d41d8cd98f00b204e9800998ecf8427e"`, ""},
		{"base64sha256", `base64sha256("")`, `"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="`, ""},
		{"startswith", `startswith("ldk-dev", "ldk")`, `true`, ""},
		{"endswith", `endswith("ldk-dev", "ldk")`, `false`, ""},
		{"strcontains", `strcontains("ldk-dev", "k-d")`, `true`, ""},
		{"file", `file("a.txt")`, `"a"`, ""},
		{"file missing", `file("none.txt")`, "", `reading file "none.txt": no such file or directory`},
		{"file binary", `file("bin.dat")`, "", "not valid UTF-8; use filebase64"},
		{"file device", `file("/dev/null")`, "", "not a regular file"},
		{"filebase64", `filebase64("bin.dat")`, `"//4="`, ""},
		{"filemd5", `filemd5("a.txt")`, `"0cc175b9c0f1b6a831c399e269772661"`, ""},
		{"filesha256", `filesha256("a.txt")`, `"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"`, ""},
		{"filebase64sha256", `filebase64sha256("a.txt")`, `"ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs="`, ""},
		{"fileexists yes", `fileexists("sub/b.txt")`, `true`, ""},
		{"fileexists no", `fileexists("sub/c.txt")`, `false`, ""},
		{"fileexists on a directory", `fileexists("sub")`, "", "is not a regular file"},
		{"abspath", `abspath("sub/../a.txt")`, `"` + filepath.ToSlash(filepath.Join(base, "a.txt")) + `"`, ""},
		{"basename and dirname", `[basename("x/y.txt"), dirname("x/y.txt")]`, `["y.txt","x"]`, ""},
		{"pathexpand", `pathexpand("~/x")`, `"` + filepath.Join(home, "x") + `"`, ""},
		{"templatefile", `templatefile("t.tpl", {x = true, y = "z"})`, `"yes Z"`, ""},
		{"templatefile broken", `templatefile("broken.tpl", {})`, "", `parsing template "broken.tpl"`},
		{"templatefile needs a map", `templatefile("t.tpl", "x")`, "", "must be a map or object"},
		{"fileset", `fileset(".", "**/*.txt")`, `["a.txt","sub/b.txt"]`, ""},
		{"one of one", `one(["x"])`, `"x"`, ""},
		{"one of none", `one([])`, `null`, ""},
		{"one of two", `one(tolist(["a", "b"]))`, "", "no more than one element"},
		{"sum", `sum([1, 2.5])`, `3.5`, ""},
		{"alltrue", `[alltrue([true, true]), alltrue([true, false]), alltrue([])]`, `[true,false,true]`, ""},
		{"anytrue", `[anytrue([false, true]), anytrue([false]), anytrue([])]`, `[true,false,false]`, ""},
		{"sensitive is identity", `nonsensitive(sensitive("s"))`, `"s"`, ""},
		{"urlencode", `urlencode("a b&c")`, `"a+b%26c"`, ""},
		{"cidrsubnet v4", `cidrsubnet("10.0.0.0/16", 8, 2)`, `"10.0.2.0/24"`, ""},
		{"cidrsubnet v6", `cidrsubnet("fd00::/56", 8, 255)`, `"fd00:0:0:ff::/64"`, ""},
		{"cidrsubnet too far", `cidrsubnet("10.0.0.0/30", 4, 1)`, "", "cannot extend prefix"},
		{"cidrsubnet bad number", `cidrsubnet("10.0.0.0/16", 2, 4)`, "", "has no subnet number 4"},
		{"cidrhost", `[cidrhost("10.0.1.0/24", 5), cidrhost("10.0.1.0/24", -1)]`, `["10.0.1.5","10.0.1.255"]`, ""},
		{"cidrnetmask", `cidrnetmask("172.16.0.0/12")`, `"255.240.0.0"`, ""},
		{"try and can", `[try(tonumber("x"), 7), can(tonumber("x"))]`, `[7,false]`, ""},
		{"yamldecode", `yamldecode("a: [1, x]\nb: {c: true}")`, `{"a":[1,"x"],"b":{"c":true}}`, ""},
		{"yamldecode invalid", `yamldecode("a: [")`, "", "decoding YAML"},
		{"yamlencode", `yamlencode({b = [1], a = "x"})`, `"a: x\nb:\n    - 1\n"`, ""},
		{"tostring of a number", `tostring(12)`, `"12"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tt.expr), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("parsing %s: %s", tt.expr, diags.Error())
			}
			v, diags := expr.Value(&hcl.EvalContext{Functions: funcs})
			if tt.wantErr != "" {
				if !diags.HasErrors() || !strings.Contains(diags.Error(), tt.wantErr) {
					t.Fatalf("%s = %#v, %v; want an error containing %q", tt.expr, v, diags, tt.wantErr)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("%s: %s", tt.expr, diags.Error())
			}
			got, err := ctyjson.SimpleJSONValue{Value: v}.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
			}
		})
	}
}

func TestBase64Gzip(t *testing.T) {
	v, err := yamlFuncs()["base64gzip"].Call([]cty.Value{cty.StringVal("ldk ldk ldk")})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(v.AsString())
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || string(got) != "ldk ldk ldk" {
		t.Errorf("gunzip(base64gzip(...)) = %q, %v; want %q", got, err, "ldk ldk ldk")
	}
}
