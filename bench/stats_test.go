package bench

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	hundred := make(Sample, 100)
	for i := range hundred {
		hundred[i] = time.Duration(100-i) * time.Millisecond // reversed: Percentile sorts
	}
	cases := []struct {
		name string
		s    Sample
		p    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", Sample{7}, 99, 7},
		{"median of odd count", Sample{3, 1, 2}, 50, 2},
		{"median of even count is the lower middle", Sample{4, 1, 3, 2}, 50, 2},
		{"p99 of 100 values", hundred, 99, 99 * time.Millisecond},
		{"p100 is the maximum", hundred, 100, 100 * time.Millisecond},
		{"p1 is the minimum", hundred, 1, time.Millisecond},
		{"median of 100 values", hundred, 50, 50 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Percentile(tc.p); got != tc.want {
				t.Errorf("Percentile(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestMinusKeepsOrderAndInput(t *testing.T) {
	s := Sample{5, 3, 9}
	got := s.Minus(2)
	want := Sample{3, 1, 7}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Minus(2) = %v, want %v", got, want)
		}
	}
	if s[0] != 5 {
		t.Errorf("Minus changed its input: %v", s)
	}
}

func TestRatio(t *testing.T) {
	cases := []struct {
		name    string
		base, d time.Duration
		want    float64
	}{
		{"thirty times faster", 30 * time.Millisecond, time.Millisecond, 30},
		{"slower", time.Millisecond, 4 * time.Millisecond, 0.25},
		{"zero time has no ratio", time.Millisecond, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ratio(tc.base, tc.d); got != tc.want {
				t.Errorf("ratio(%v, %v) = %v, want %v", tc.base, tc.d, got, tc.want)
			}
		})
	}
}

func TestParallelCountsEveryCallAndFailure(t *testing.T) {
	var calls atomic.Int64
	rate, failed, lat := parallel(4, 100, func() error {
		if calls.Add(1)%10 == 0 {
			return errors.New("every tenth call fails")
		}
		return nil
	})
	if got := calls.Load(); got != 100 {
		t.Errorf("parallel made %d calls, want 100", got)
	}
	if failed != 10 {
		t.Errorf("parallel counted %d failures, want 10", failed)
	}
	if rate <= 0 {
		t.Errorf("parallel reported a rate of %v, want a positive rate", rate)
	}
	if len(lat) != 100 {
		t.Errorf("parallel returned %d latencies, want 100", len(lat))
	}
}
