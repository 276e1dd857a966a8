package crawler

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// socksGate is the browser's only way out when no Options.Proxy is set: a
// SOCKS5 proxy on 127.0.0.1 inside this process (CONNECT only, no
// authentication), through which Chromium sends every connection, host
// names unresolved ("socks5://" resolves on the proxy's side). Each
// connection is dialed with the resolver's DialContext, which applies the
// resolve overrides and the address policy to the addresses it dials, so
// no page, frame, script, worker, WebSocket or prefetch can reach an
// internal address, however its name resolves at that moment (no
// DNS-rebinding gap). The per-tab request check (navigate.go) decides the
// same earlier so that refusals are attributed to their page; the gate is
// the backstop.
//
// The gate records the address it dialed for each host:port, which is
// the evidence's remote address of a rendered page (Chromium only sees
// the proxy).
type socksGate struct {
	res *resolver
	ln  net.Listener

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	remote map[string]string // "host:port" → "ip:port" last dialed
	closed bool
	wg     sync.WaitGroup
}

// Bounds of the gate.
const (
	socksHandshakeTimeout = 10 * time.Second
	socksMaxConns         = 512
	socksMaxRemembered    = 4096
)

// SOCKS5 reply codes (RFC 1928).
const (
	socksSucceeded       = 0x00
	socksGeneralFailure  = 0x01
	socksNotAllowed      = 0x02
	socksHostUnreachable = 0x04
	socksRefused         = 0x05
	socksCmdUnsupported  = 0x07
	socksAddrUnsupported = 0x08
)

func startSocksGate(res *resolver) (*socksGate, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("crawler: browser gate: %w", err)
	}
	g := &socksGate{res: res, ln: ln, conns: map[net.Conn]struct{}{}, remote: map[string]string{}}
	g.wg.Add(1)
	go g.serve()
	return g, nil
}

// URL is the --proxy-server value for Chromium.
func (g *socksGate) URL() string { return "socks5://" + g.ln.Addr().String() }

// remoteOf returns the address last dialed for host:port, or "".
func (g *socksGate) remoteOf(hostport string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.remote[hostport]
}

func (g *socksGate) serve() {
	defer g.wg.Done()
	for {
		c, err := g.ln.Accept()
		if err != nil {
			return // closed
		}
		if !g.track(c, true) {
			_ = c.Close()
			continue
		}
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			defer g.track(c, false)
			g.handle(c)
		}()
	}
}

func (g *socksGate) track(c net.Conn, add bool) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !add {
		delete(g.conns, c)
		return true
	}
	if g.closed || len(g.conns) >= socksMaxConns {
		return false
	}
	g.conns[c] = struct{}{}
	return true
}

// handle serves one SOCKS5 connection: greeting, CONNECT, then bytes both
// ways until either side closes.
func (g *socksGate) handle(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(socksHandshakeTimeout))
	var hdr [2]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil || hdr[0] != 5 {
		return
	}
	methods := make([]byte, hdr[1])
	if _, err := io.ReadFull(c, methods); err != nil {
		return
	}
	noAuth := false
	for _, m := range methods {
		noAuth = noAuth || m == 0
	}
	if !noAuth {
		_, _ = c.Write([]byte{5, 0xff})
		return
	}
	if _, err := c.Write([]byte{5, 0}); err != nil {
		return
	}
	var req [4]byte
	if _, err := io.ReadFull(c, req[:]); err != nil || req[0] != 5 {
		return
	}
	host, err := readSocksAddr(c, req[3])
	if err != nil {
		g.reply(c, socksAddrUnsupported)
		return
	}
	var pb [2]byte
	if _, err := io.ReadFull(c, pb[:]); err != nil {
		return
	}
	port := strconv.Itoa(int(binary.BigEndian.Uint16(pb[:])))
	if req[1] != 1 { // CONNECT only
		g.reply(c, socksCmdUnsupported)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), socksHandshakeTimeout)
	up, err := g.res.DialContext(ctx, "tcp", net.JoinHostPort(host, port))
	cancel()
	if err != nil {
		code := byte(socksHostUnreachable)
		switch {
		case errors.Is(err, ErrBlockedAddress), errors.Is(err, ErrHostNotResolvable):
			code = socksNotAllowed
			// Mostly the browser's own preconnects to what the tab's
			// check refused already; a request that passed that check
			// and is refused here met a changed DNS answer.
			slog.Info("crawler: browser connection refused", "host", host, "port", port, "err", err)
		case errors.Is(err, syscall.ECONNREFUSED):
			code = socksRefused
		}
		g.reply(c, code)
		return
	}
	defer up.Close()
	g.remember(net.JoinHostPort(host, port), up.RemoteAddr().String())
	if !g.track(up, true) {
		g.reply(c, socksGeneralFailure)
		return
	}
	defer g.track(up, false)
	if !g.reply(c, socksSucceeded) {
		return
	}
	_ = c.SetDeadline(time.Time{})
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		if tc, ok := dst.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
		done <- struct{}{}
	}
	go pipe(up, c)
	go pipe(c, up)
	<-done
	<-done
}

func readSocksAddr(r io.Reader, atyp byte) (string, error) {
	switch atyp {
	case 1:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", err
		}
		return net.IP(b[:]).String(), nil
	case 4:
		var b [16]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", err
		}
		return net.IP(b[:]).String(), nil
	case 3:
		var n [1]byte
		if _, err := io.ReadFull(r, n[:]); err != nil {
			return "", err
		}
		b := make([]byte, n[0])
		if _, err := io.ReadFull(r, b); err != nil {
			return "", err
		}
		return string(b), nil
	}
	return "", fmt.Errorf("address type %d", atyp)
}

// reply answers a CONNECT with a zero bound address.
func (g *socksGate) reply(c net.Conn, code byte) bool {
	_, err := c.Write([]byte{5, code, 0, 1, 0, 0, 0, 0, 0, 0})
	return err == nil
}

func (g *socksGate) remember(hostport, addr string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.remote[hostport]; !ok && len(g.remote) >= socksMaxRemembered {
		clear(g.remote)
	}
	g.remote[hostport] = addr
}

// Close stops the gate and every connection through it.
func (g *socksGate) Close() error {
	g.mu.Lock()
	g.closed = true
	for c := range g.conns {
		_ = c.Close()
	}
	g.mu.Unlock()
	err := g.ln.Close()
	g.wg.Wait()
	return err
}
