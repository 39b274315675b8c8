package reload_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// Asset directories of the orders-http fixture's functions.
const (
	getOrderAsset    = "cdk.out/asset.1f807de5bae8a6f8e63eb42f9a0f7b91d0bd4504b6d0b535a68d398ae4f7dc97"
	createOrderAsset = "cdk.out/asset.6fcf6bc5e243593b4160a7bff22ace7c099d6b26d415c639ae43b97e8d4d4448"
	receiptAsset     = "cdk.out/asset.6236ebd06552f257a0842d2af4b4d5dde2296b24d7af5d1f015e68f3b976c4dd"

	createOrder = "OrdersStack-CreateOrder18B1EE4A"
	receipt     = "OrdersStack-Receipt1CA0B27C"
)

// counterHandler keeps a module-level count: it survives only as long as
// the worker does.
const counterHandler = `let count = 0;
exports.handler = async () => {
  count++;
  return { statusCode: 201, body: JSON.stringify({ count }) };
};
`

// ordersApp copies the orders-http fixture with CreateOrder replaced by the
// counter, and serves it.
func ordersApp(t *testing.T) (string, *dev) {
	t.Helper()
	dir := fixture(t, "cdk/orders-http")
	write(t, filepath.Join(dir, createOrderAsset, "index.js"), counterHandler)
	return dir, startDev(t, "--cdk-out", filepath.Join(dir, "cdk.out"))
}

// counter posts to CreateOrder and returns its body.
func counter(t *testing.T, d *dev) string {
	t.Helper()
	return post(t, d.ready(t).APIs[0].URL+"/orders", `{}`)
}

func TestCodeEdits(t *testing.T) {
	need(t, "node", "python3")
	dir, d := ordersApp(t)
	lc := lambdaClient(d.ready(t).AWSEndpoint)
	getOrder := func(t *testing.T) string {
		_, body := get(t, d.ready(t).APIs[0].URL+"/orders/42")
		return body
	}
	getReceipt := func(t *testing.T) string { return invoke(t, lc, receipt, `{"orderId": 9}`) }

	tests := []struct {
		name     string
		function string
		before   string
		edit     func(t *testing.T)
		answer   func(t *testing.T) string
		want     string
	}{
		{
			name:     "node handler saved in place",
			function: "orders-get",
			before:   `{"id":"42","routeKey":"GET /orders/{id}","q":null,"version":"2.0"}`,
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, getOrderAsset, "index.js"),
					`exports.handler = async (e) => ({ statusCode: 200, body: "edited " + e.pathParameters.id });`)
			},
			answer: getOrder,
			want:   "edited 42",
		},
		{
			name:     "node handler saved by renaming a new file over it",
			function: "orders-get",
			before:   "edited 42",
			edit: func(t *testing.T) {
				tmp := filepath.Join(dir, getOrderAsset, ".index.js.new")
				write(t, tmp, `exports.handler = async () => ({ statusCode: 200, body: "renamed over" });`)
				if err := os.Rename(tmp, filepath.Join(dir, getOrderAsset, "index.js")); err != nil {
					t.Fatal(err)
				}
			},
			answer: getOrder,
			want:   "renamed over",
		},
		{
			name:     "new file in a new subdirectory",
			function: "orders-get",
			before:   "renamed over",
			edit: func(t *testing.T) {
				// The handler loads lib/deep/msg.js on every call; the
				// directories do not exist when ldk starts watching.
				write(t, filepath.Join(dir, getOrderAsset, "index.js"), `exports.handler = async () => {
  let msg = "no lib";
  try { msg = require("./lib/deep/msg.js"); } catch (e) {}
  return { statusCode: 200, body: msg };
};`)
			},
			answer: getOrder,
			want:   "no lib",
		},
		{
			name:     "the new file created",
			function: "orders-get",
			before:   "no lib",
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, getOrderAsset, "lib", "deep", "msg.js"), `module.exports = "from lib";`)
			},
			answer: getOrder,
			want:   "from lib",
		},
		{
			name:     "the new file edited",
			function: "orders-get",
			before:   "from lib",
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, getOrderAsset, "lib", "deep", "msg.js"), `module.exports = "lib edited";`)
			},
			answer: getOrder,
			want:   "lib edited",
		},
		{
			name:     "python handler",
			function: receipt,
			before:   `{"receipt": "R-9", "memory": 128, "name": "` + receipt + `"}`,
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, receiptAsset, "receipt.py"),
					"def make(event, context):\n    return {\"receipt\": \"edited-\" + str(event[\"orderId\"])}\n")
			},
			answer: getReceipt,
			want:   `{"receipt": "edited-9"}`,
		},
		{
			// Same size, likely the same second: python's bytecode cache
			// must not serve the previous edit.
			name:     "python handler edited again at once",
			function: receipt,
			before:   `{"receipt": "edited-9"}`,
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, receiptAsset, "receipt.py"),
					"def make(event, context):\n    return {\"receipt\": \"again!-\" + str(event[\"orderId\"])}\n")
			},
			answer: getReceipt,
			want:   `{"receipt": "again!-9"}`,
		},
	}
	count := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.answer(t); got != tt.before {
				t.Fatalf("before the edit: %q, want %q", got, tt.before)
			}
			count++
			if got, want := counter(t, d), fmt.Sprintf(`{"count":%d}`, count); got != want {
				t.Fatalf("CreateOrder before the edit: %s, want %s", got, want)
			}

			mark := d.logs.mark()
			tt.edit(t)
			line := d.logs.await(t, mark, "reloaded", "functions="+tt.function+" ")
			if got := tt.answer(t); got != tt.want {
				t.Errorf("after the edit: %q, want %q (reload: %s)", got, tt.want, line)
			}

			count++
			if got, want := counter(t, d), fmt.Sprintf(`{"count":%d}`, count); got != want {
				t.Errorf("CreateOrder after the reload: %s, want %s: its warm worker was not kept", got, want)
			}
		})
	}
}

func TestReloadKeepsInvocationInProgress(t *testing.T) {
	need(t, "node")
	dir := fixture(t, "cdk/orders-http")
	release := filepath.Join(t.TempDir(), "release")
	handler := filepath.Join(dir, getOrderAsset, "index.js")
	write(t, handler, fmt.Sprintf(`const fs = require("fs");
exports.handler = async () => {
  console.log("holding");
  while (!fs.existsSync(%q)) await new Promise((r) => setTimeout(r, 5));
  return { statusCode: 200, body: "old code finished" };
};
`, release))
	d := startDev(t, "--cdk-out", filepath.Join(dir, "cdk.out"))
	url := d.ready(t).APIs[0].URL + "/orders/1"

	mark := d.logs.mark()
	held := make(chan string, 1)
	go func() {
		resp, err := http.Get(url)
		if err != nil {
			held <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		held <- string(body)
	}()
	d.logs.await(t, mark, "[orders-get]", "holding")

	mark = d.logs.mark()
	write(t, handler, `exports.handler = async () => ({ statusCode: 200, body: "new code" });`)
	d.logs.await(t, mark, "reloaded", "functions=orders-get ")
	if _, body := get(t, url); body != "new code" {
		t.Errorf("request after the reload: %q, want the new code", body)
	}

	write(t, release, "")
	if got := <-held; got != "old code finished" {
		t.Errorf("request in progress during the reload: %q, want it finished by the old code", got)
	}
}
