package appmodel

import "testing"

func TestLimitCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		limit   Limit
		in      int
		want    int
		message string
	}{
		{"timeout in range", TimeoutLimit, 30, 30, ""},
		{"timeout at lower bound", TimeoutLimit, 1, 1, ""},
		{"timeout zero", TimeoutLimit, 0, 1,
			"timeout 0 is outside the range Lambda accepts (1 to 900 seconds); ldk uses 1"},
		{"timeout too long", TimeoutLimit, 901, 900,
			"timeout 901 is outside the range Lambda accepts (1 to 900 seconds); ldk uses 900"},
		{"memory at upper bound", MemoryLimit, 10240, 10240, ""},
		{"memory too large", MemoryLimit, 99999, 10240,
			"memory size 99999 is outside the range Lambda accepts (128 to 10240 MB); ldk uses 10240"},
		{"memory too small", MemoryLimit, 64, 128,
			"memory size 64 is outside the range Lambda accepts (128 to 10240 MB); ldk uses 128"},
		{"storage too small", EphemeralStorageLimit, 256, 512,
			"ephemeral storage size 256 is outside the range Lambda accepts (512 to 10240 MB); ldk uses 512"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, msg := tc.limit.Check(tc.in)
			if got != tc.want || msg != tc.message {
				t.Errorf("Check(%d) = %d, %q; want %d, %q", tc.in, got, msg, tc.want, tc.message)
			}
		})
	}
}
