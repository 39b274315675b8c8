package host

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

func testApp() *appmodel.App {
	return &appmodel.App{
		APIs:         []appmodel.API{{Name: "ShopApi", Kind: "rest", Stage: "prod"}, {Name: "OrdersApi", Kind: "http", Stage: "$default"}},
		FunctionURLs: []appmodel.FunctionURL{{Function: "zeta"}, {Function: "alpha"}},
	}
}

func TestPlan(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		plan    PortPlan
		want    string
		wantErr string
	}{
		{
			name: "counted up in name order, AWS apart",
			plan: PortPlan{BasePort: 3000, AWSPort: 4566},
			want: "api OrdersApi 3000, api ShopApi 3001, functionUrl alpha 3002, functionUrl zeta 3003, aws aws 4566",
		},
		{
			name: "pinned ports are skipped by the count",
			plan: PortPlan{BasePort: 3000, AWSPort: 3001, APIPorts: map[string]int{"ShopApi": 3000}},
			want: "api OrdersApi 3002, api ShopApi 3000, functionUrl alpha 3003, functionUrl zeta 3004, aws aws 3001",
		},
		{
			name:    "two pins on one port",
			plan:    PortPlan{BasePort: 3000, AWSPort: 4566, URLPorts: map[string]int{"zeta": 4566}},
			wantErr: `port 4566 is given to both functionUrl "zeta" and aws "aws"; pin one elsewhere (--aws-port, or aws_port in ldk.yaml)`,
		},
		{
			name: "base port 0 means ephemeral ports",
			plan: PortPlan{BasePort: 0, AWSPort: 0},
			want: "api OrdersApi 0, api ShopApi 0, functionUrl alpha 0, functionUrl zeta 0, aws aws 0",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ls, err := tc.plan.Plan(testApp())
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range ls {
				got = append(got, l.Kind+" "+l.Name+" "+strconv.Itoa(l.Port))
			}
			if s := strings.Join(got, ", "); s != tc.want {
				t.Fatalf("plan = %s\nwant   %s", s, tc.want)
			}
		})
	}
}

func TestBindPortInUse(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	first := &Listener{Kind: ListenAPI, Name: "A", Port: 0}
	second := &Listener{Kind: ListenAPI, Name: "B", Port: port, Setting: "--port, or ports.apis.B in ldk.yaml"}
	err = bind("127.0.0.1", []*Listener{first, second})
	want := "port " + strconv.Itoa(port) + " (API B) is in use; move it with --port, or ports.apis.B in ldk.yaml"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
	if first.ln != nil {
		t.Fatal("the listener opened before the failure was left open")
	}
}

func TestClaimReadyFile(t *testing.T) {
	t.Parallel()
	ppid := strconv.Itoa(os.Getppid())
	ldkPID := strconv.Itoa(startNamedLDK(t))
	for _, tc := range []struct {
		name string
		// content is written at the path first; dir makes it a directory.
		content string
		dir     bool
		// want is the error, "" for none.
		want string
		// kept says the file must still be there, unchanged, afterwards.
		kept bool
		// linuxOnly cases need /proc to tell ldk from other programs.
		linuxOnly bool
	}{
		{name: "stale ready file", content: `{"awsEndpoint": "http://127.0.0.1:4566", "pid": 2147483647}`},
		{name: "ready file of a running ldk", content: `{"awsEndpoint": "http://127.0.0.1:4566", "pid": ` + ldkPID + `}`,
			want: "the ready file PATH belongs to a running ldk dev (pid " + ldkPID + "); give this one another --ready-file", kept: true},
		// The pid of a dead ldk now runs another program (this test's
		// parent, the go command): the file is stale.
		{name: "pid reused by another program", content: `{"awsEndpoint": "http://127.0.0.1:4566", "pid": ` + ppid + `}`, linuxOnly: true},
		{name: "terraform file", content: "resource \"aws_lambda_function\" \"f\" {}\n",
			want: "the ready file PATH already exists and is not one ldk wrote; give --ready-file another path, or remove the file", kept: true},
		{name: "json without awsEndpoint", content: `{"pid": 2147483647}`,
			want: "the ready file PATH already exists and is not one ldk wrote; give --ready-file another path, or remove the file", kept: true},
		{name: "empty file made for it (mktemp)", content: ""},
		{name: "directory", dir: true,
			want: "the ready file PATH is a directory; give --ready-file the path of a file, e.g. PATH/ldk-ready.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.linuxOnly && runtime.GOOS != "linux" {
				t.Skip("only Linux tells an ldk from another program by its pid")
			}
			path := filepath.Join(t.TempDir(), "ready.json")
			if tc.dir {
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			err := ClaimReadyFile(path)
			want := strings.ReplaceAll(tc.want, "PATH", path)
			if got := errString(err); got != want {
				t.Fatalf("error = %q, want %q", got, want)
			}
			if tc.dir {
				return
			}
			data, readErr := os.ReadFile(path)
			switch {
			case tc.kept && (readErr != nil || string(data) != tc.content):
				t.Fatalf("the file was changed: %q, %v", data, readErr)
			case !tc.kept && !os.IsNotExist(readErr):
				t.Fatalf("the stale ready file is still there: %v", readErr)
			}
		})
	}
}

// errString is err's message, "" for nil.
func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// startNamedLDK starts a process whose executable is named ldk (sleep
// under another name) and stops it when the test ends. Off Linux, where
// ClaimReadyFile cannot tell programs apart, any live process will do.
func startNamedLDK(t *testing.T) int {
	t.Helper()
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("sleep is not installed: it stands in for a running ldk")
	}
	name := filepath.Join(t.TempDir(), "ldk")
	if err := os.Symlink(sleep, name); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, "600")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd.Process.Pid
}

// TestClaimReadyFileInMissingDirectory names the directory that is missing
// and the fix.
func TestClaimReadyFileInMissingDirectory(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "nodir")
	path := filepath.Join(dir, "ready.json")
	want := "the ready file " + path + " cannot be written: there is no directory " + dir +
		"; create it or give --ready-file another path"
	if got := errString(ClaimReadyFile(path)); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}
