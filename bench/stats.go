package bench

import (
	"slices"
	"time"
)

// Sample is a set of measured durations.
type Sample []time.Duration

// sorted returns a sorted copy of s.
func (s Sample) sorted() Sample {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// Percentile is the nearest-rank p-th percentile of s (0 < p <= 100):
// the smallest value with at least p% of the sample at or below it. It is
// 0 for an empty sample.
func (s Sample) Percentile(p float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	c := s.sorted()
	rank := int(p/100*float64(len(c)) + 0.999999999)
	rank = max(1, min(rank, len(c)))
	return c[rank-1]
}

// Median is the 50th percentile of s.
func (s Sample) Median() time.Duration { return s.Percentile(50) }

// P99 is the 99th percentile of s.
func (s Sample) P99() time.Duration { return s.Percentile(99) }

// Minus returns s with d taken off every value.
func (s Sample) Minus(d time.Duration) Sample {
	out := make(Sample, len(s))
	for i, v := range s {
		out[i] = v - d
	}
	return out
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// timed runs f n times and returns how long each run took. It stops at the
// first error.
func timed(n int, f func() error) (Sample, error) {
	out := make(Sample, 0, n)
	for range n {
		t0 := time.Now()
		if err := f(); err != nil {
			return out, err
		}
		out = append(out, time.Since(t0))
	}
	return out, nil
}
