// Package netdelay is a loopback TCP proxy that delays every byte by a
// fixed one-way time in each direction, as a network path does: chunks
// keep their order and pipeline (a long response is late by the delay
// once, not once per chunk), so a request and its answer cost one round
// trip of 2 × OneWay. The bench harness puts it in front of its fakes to
// give each service call the round trip of a real one.
package netdelay

import (
	"net"
	"sync"
	"time"
)

// Proxy forwards connections on Addr to a target.
type Proxy struct {
	Addr   string // host:port to connect to instead of the target
	ln     net.Listener
	target string
	delay  time.Duration
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
}

// Start proxies a loopback port to target (host:port) with oneWay delay.
func Start(target string, oneWay time.Duration) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{Addr: ln.Addr().String(), ln: ln, target: target, delay: oneWay, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Close stops accepting and closes every proxied connection.
func (p *Proxy) Close() error {
	err := p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(c net.Conn, add bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if add {
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		p.track(in, true)
		p.track(out, true)
		var both sync.WaitGroup
		both.Add(2)
		p.wg.Add(3)
		go p.pipe(out, in, &both)
		go p.pipe(in, out, &both)
		go func() { // the pair is closed when both directions have ended
			defer p.wg.Done()
			both.Wait()
			in.Close()
			out.Close()
			p.track(in, false)
			p.track(out, false)
		}()
	}
}

type chunk struct {
	due  time.Time
	data []byte
}

// pipe copies src to dst, each chunk written delay after it was read; when
// src ends, dst's write side is closed after the last chunk.
func (p *Proxy) pipe(dst, src net.Conn, both *sync.WaitGroup) {
	defer p.wg.Done()
	defer both.Done()
	q := make(chan chunk, 1024)
	go func() {
		defer close(q)
		for {
			buf := make([]byte, 64<<10)
			n, err := src.Read(buf)
			if n > 0 {
				q <- chunk{due: time.Now().Add(p.delay), data: buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range q {
		time.Sleep(time.Until(c.due))
		if _, err := dst.Write(c.data); err != nil {
			break
		}
	}
	if tc, ok := dst.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
	for range q { // drain after a failed write
	}
}
