package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// boomAsset is the code asset of ldk-example-boom in examples/cdk/cdk.out.
const boomAsset = "asset.01a0283bd14d6820509834f8879b2fed4fe02161cb78afcb734f41c36bed0cb7"

// TestMissingCDKAsset deletes one function's asset from a copy of the
// example's cloud assembly: ls, and invoke of the other functions, work;
// the function whose code is gone is listed not runnable with a warning,
// and invoking it says why.
func TestMissingCDKAsset(t *testing.T) {
	t.Parallel()
	needBinaries(t)
	cdkOut := filepath.Join(t.TempDir(), "cdk.out")
	if err := os.CopyFS(cdkOut, os.DirFS(repoPath("examples", "cdk", "cdk.out"))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(cdkOut, boomAsset)); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(cdkOut, boomAsset)
	reason := "its code asset " + gone + " is missing: run `cdk synth` again"
	warning := filepath.Join(cdkOut, "LdkExample.template.json") + ":360:13: warning: " +
		"Resources.BoomFnFB9E39EE.Properties.Code: function \"ldk-example-boom\" cannot run locally: " + reason +
		" (ldk serves the rest of the app; invoking this function answers ResourceNotReadyException)\n"

	ls := runBinary(t, "", "ls", "--cdk-out", cdkOut)
	if ls.code != 0 || ls.stderr != warning {
		t.Errorf("ls: exit %d, stderr\n%s\nwant exit 0, stderr\n%s", ls.code, ls.stderr, warning)
	}
	if !strings.Contains(ls.stdout, "(not runnable: "+reason+")") {
		t.Errorf("ls does not list ldk-example-boom as not runnable:\n%s", ls.stdout)
	}

	boom := runBinary(t, "{}", "invoke", "ldk-example-boom", "--event", "-", "--cdk-out", cdkOut)
	wantErr := warning + "ldk: function \"ldk-example-boom\": function cannot run locally: " + reason + "\n"
	if boom.code != 1 || boom.stdout != "" || boom.stderr != wantErr {
		t.Errorf("invoke boom: exit %d, stdout %q, stderr\n%s\nwant exit 1, no stdout, stderr\n%s", boom.code, boom.stdout, boom.stderr, wantErr)
	}

	hello := runBinary(t, `{"queryStringParameters":{"name":"cli"},"routeKey":"GET /hello"}`,
		"invoke", "LdkExample-HelloFn7942DF23", "--event", "-", "--cdk-out", cdkOut)
	want := `{"statusCode":200,"headers":{"content-type":"application/json"},` +
		`"body":"{\"message\":\"hello, cli\",\"routeKey\":\"GET /hello\",\"layer\":\"ldk-greeting\"}"}` + "\n"
	if hello.code != 0 || hello.stdout != want {
		t.Errorf("invoke hello: exit %d, stdout %s\nwant exit 0, stdout %s\nstderr:\n%s", hello.code, hello.stdout, want, hello.stderr)
	}
}
