package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
)

// Event is what Transfer sends a custom identity provider function.
type Event struct {
	Username string `json:"username"`
	Password string `json:"password,omitempty"`
	Protocol string `json:"protocol"`
	ServerID string `json:"serverId"`
	SourceIP string `json:"sourceIp"`
}

// Response is what the function answers. An empty Response ({}) denies the
// login.
type Response struct {
	Role                 string   `json:"Role,omitempty"`
	HomeDirectoryType    string   `json:"HomeDirectoryType,omitempty"`
	HomeDirectoryDetails string   `json:"HomeDirectoryDetails,omitempty"`
	PublicKeys           []string `json:"PublicKeys,omitempty"`
	Policy               string   `json:"Policy,omitempty"`
}

// Mapping is one logical home directory entry.
type Mapping struct {
	Entry  string `json:"Entry"`
	Target string `json:"Target"`
}

// usernameRE is Transfer's user name pattern, ASCII only: no slash, so a
// name can reach neither another secret nor another prefix.
var usernameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_@.-]{2,99}$`)

// ParseEvent decodes and checks an event: a valid user name, protocol SFTP
// and a source IP address.
func ParseEvent(data []byte) (Event, netip.Addr, error) {
	var ev Event
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, netip.Addr{}, fmt.Errorf("event: %w", err)
	}
	ip, err := ev.Check()
	return ev, ip, err
}

// Check validates the event's fields and returns the source address.
func (ev Event) Check() (netip.Addr, error) {
	if !usernameRE.MatchString(ev.Username) {
		return netip.Addr{}, fmt.Errorf("username %q: not a Transfer user name", truncate(ev.Username))
	}
	if ev.Protocol != "SFTP" {
		return netip.Addr{}, fmt.Errorf("protocol %q: only SFTP", truncate(ev.Protocol))
	}
	ip, err := netip.ParseAddr(ev.SourceIP)
	if err != nil {
		return netip.Addr{}, errors.New("sourceIp: not an IP address")
	}
	return ip.Unmap(), nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
