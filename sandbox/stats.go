package sandbox

import (
	"maps"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// EndpointStats counts the answers of one endpoint. Calls counts every
// request; OK the 2xx answers; Throttled the 429s; Errors every other answer
// (4xx business errors and injected 5xx). Dropped connections count in
// Calls and in Stats.Faults only.
type EndpointStats struct {
	Calls     int64 `json:"calls"`
	OK        int64 `json:"ok"`
	Errors    int64 `json:"errors"`
	Throttled int64 `json:"throttled"`
}

// Stats is a snapshot of the sandbox's counters since start or the last
// ResetStats.
type Stats struct {
	Since         time.Time                         `json:"since"`
	Endpoints     map[feishu.Endpoint]EndpointStats `json:"endpoints"`
	Faults        map[string]int64                  `json:"faults"`         // by Fault* kind
	WritesApplied int64                             `json:"writes_applied"` // acknowledged or not (drop_after)
}

// epUnknown labels requests to paths the sandbox does not serve.
const epUnknown feishu.Endpoint = "unknown"

type statsCounter struct {
	mu  sync.Mutex
	now func() time.Time
	s   Stats
}

func newStatsCounter(now func() time.Time) *statsCounter {
	c := &statsCounter{now: now}
	c.reset()
	return c
}

func (c *statsCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s = Stats{Since: c.now(), Endpoints: map[feishu.Endpoint]EndpointStats{}, Faults: map[string]int64{}}
}

func (c *statsCounter) call(ep feishu.Endpoint) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.s.Endpoints[ep]
	e.Calls++
	c.s.Endpoints[ep] = e
}

func (c *statsCounter) answer(ep feishu.Endpoint, status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.s.Endpoints[ep]
	switch {
	case status >= 200 && status < 300:
		e.OK++
	case status == 429:
		e.Throttled++
	default:
		e.Errors++
	}
	c.s.Endpoints[ep] = e
}

func (c *statsCounter) fault(kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s.Faults[kind]++
}

func (c *statsCounter) write() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s.WritesApplied++
}

func (c *statsCounter) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.s
	out.Endpoints = maps.Clone(c.s.Endpoints)
	out.Faults = maps.Clone(c.s.Faults)
	return out
}
