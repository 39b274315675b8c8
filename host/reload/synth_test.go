package reload_test

import (
	"path/filepath"
	"testing"
)

// synthApp stands in for a CDK app's synth: like `cdk synth`, it copies the
// get-order source into its asset in the assembly named by CDK_OUTDIR,
// and records the context it was given.
const synthApp = `const fs = require("fs");
const path = require("path");
const ctx = JSON.parse(process.env.CDK_CONTEXT_JSON);
const src = fs.readFileSync("lambda/get-order/index.js", "utf8");
const asset = path.join(process.env.CDK_OUTDIR, "asset.1f807de5bae8a6f8e63eb42f9a0f7b91d0bd4504b6d0b535a68d398ae4f7dc97");
fs.writeFileSync(path.join(asset, "index.js"), src.replace("CONTEXT", ctx.stage));
console.log("synthesized for stage", ctx.stage);
`

func TestSynthOnSourceChange(t *testing.T) {
	need(t, "node")
	dir := fixture(t, "cdk/orders-http")
	write(t, filepath.Join(dir, "cdk.json"), `{
  "app": "node synth.js",
  "watch": {"include": ["lambda/**"], "exclude": ["**/*.md"]},
  "context": {"stage": "beta"}
}`)
	write(t, filepath.Join(dir, "synth.js"), synthApp)
	d := startDev(t, "--project-dir", dir, "--synth")
	url := d.ready(t).APIs[0].URL + "/orders/5"

	mark := d.logs.mark()
	write(t, filepath.Join(dir, "lambda", "get-order", "index.js"),
		`exports.handler = async () => ({ statusCode: 200, body: "synthesized in CONTEXT" });`)
	d.logs.await(t, mark, "synthesized for stage beta")
	d.logs.await(t, mark, "ldk.synth: synthesized", `why="lambda/get-order/index.js changed"`)
	d.logs.await(t, mark, "reloaded", "functions=orders-get ")
	if _, body := get(t, url); body != "synthesized in beta" {
		t.Errorf("after the synth: %q, want the new source", body)
	}
}
