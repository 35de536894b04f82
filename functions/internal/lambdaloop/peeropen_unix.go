//go:build unix

package lambdaloop

import (
	"net"
	"syscall"
)

// peerOpen tells whether the peer of an idle connection has neither
// closed it nor sent anything: a peek that would block. net/http's client
// learns the same from a goroutine that reads every idle connection.
func peerOpen(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return true
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	open := false
	var b [1]byte
	err = rc.Read(func(fd uintptr) bool {
		_, _, rerr := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		open = rerr == syscall.EAGAIN || rerr == syscall.EWOULDBLOCK
		return true // never wait
	})
	return err == nil && open
}
