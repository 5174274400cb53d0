// Package redistest runs real Redis servers for tests, on free loopback
// ports, in temporary directories, without persistence: a single server
// (Start), a Cluster of masters (StartCluster), and a master with a
// replica watched by a Sentinel (StartSentinel). A test that needs Redis
// fails, never skips, where redis-server is not installed.
package redistest

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// T is what the servers need of their user: a *testing.T, or a program's
// stand-in for one (make bench runs Redis too).
type T interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
	TempDir() string
}

// Server is a running redis-server.
type Server struct {
	// Addr is host:port, URL the redis:// URL of database 0.
	Addr, URL string
	t         T
	port      int
	dir       string
	args      []string // beyond the port, bind and directory
	cmd       *exec.Cmd
}

// Start runs a redis-server for t and stops it when t ends.
func Start(t T) *Server {
	t.Helper()
	return start(t, freePort(t, false), nil)
}

// start runs redis-server on port with extra arguments.
func start(t T, port int, args []string) *Server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Fatalf("redis-server is not installed (apt-get install redis-server): %v", err)
	}
	s := &Server{t: t, port: port, dir: t.TempDir(), args: args, Addr: "127.0.0.1:" + strconv.Itoa(port)}
	s.URL = "redis://" + s.Addr + "/0"
	s.Restart()
	t.Cleanup(s.Kill)
	return s
}

// freePort returns a loopback port nothing listens on; with bus, one whose
// Cluster bus port (port + 10000) is free too.
func freePort(t T, bus bool) int {
	t.Helper()
	for range 100 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		if !bus {
			return port
		}
		if port+10000 > 65535 {
			continue
		}
		if busLn, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000)); err == nil {
			busLn.Close()
			return port
		}
	}
	t.Fatal("no free port for a Redis Cluster node")
	return 0
}

// Kill stops the server at once, as a crash would.
func (s *Server) Kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

// Restart starts the server again on the same port, with no data (a
// Cluster node keeps its slots, from its nodes file). It returns once the
// server accepts connections.
func (s *Server) Restart() {
	s.t.Helper()
	s.Kill()
	args := []string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--protected-mode", "no"}
	cmd := exec.Command("redis-server", append(args, s.args...)...)
	if len(s.args) > 0 && strings.HasSuffix(s.args[0], ".conf") {
		// A Sentinel: its configuration file comes first.
		cmd = exec.Command("redis-server", append(append([]string{s.args[0]}, args...), s.args[1:]...)...)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("starting redis-server: %v", err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		found := false
		var log strings.Builder
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			// A server is ready to accept connections; a Sentinel, once it monitors.
			if line := sc.Text(); !found && (strings.Contains(line, "Ready to accept connections") || strings.Contains(line, "+monitor master")) {
				found = true
				ready <- true
			}
		}
		if !found {
			fmt.Print(log.String())
			ready <- false
		}
	}()
	select {
	case ok := <-ready:
		if !ok {
			s.t.Fatalf("redis-server on port %d exited before it was ready", s.port)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		s.t.Fatalf("redis-server on port %d did not start", s.port)
	}
	s.cmd = cmd
}

// cli runs redis-cli against the server and returns what it printed.
func (s *Server) cli(args ...string) (string, error) {
	out, err := exec.Command("redis-cli", append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(s.port)}, args...)...).CombinedOutput()
	return string(out), err
}

// waitFor polls redis-cli args on s until its output contains want.
func (s *Server) waitFor(want string, args ...string) {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := s.cli(args...)
		if err == nil && strings.Contains(out, want) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis on port %d: %v never said %q: %s", s.port, args, want, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Cluster is a running Redis Cluster of masters, without replicas.
type Cluster struct {
	// Nodes are its masters; URL is the redis-cluster:// URL of them all.
	Nodes []*Server
	URL   string
}

// StartCluster runs a Cluster of n masters (redis-server --cluster-enabled
// yes, joined with redis-cli --cluster create) for t, and returns once it
// serves every slot.
func StartCluster(t T, n int) *Cluster {
	t.Helper()
	if _, err := exec.LookPath("redis-cli"); err != nil {
		t.Fatalf("redis-cli is not installed (apt-get install redis-server): %v", err)
	}
	c := &Cluster{}
	var addrs []string
	for range n {
		port := freePort(t, true)
		dir := t.TempDir()
		s := start(t, port, []string{"--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-node-timeout", "2000", "--cluster-require-full-coverage", "no"})
		c.Nodes = append(c.Nodes, s)
		addrs = append(addrs, s.Addr)
	}
	out, err := exec.Command("redis-cli", append(append([]string{"--cluster", "create"}, addrs...), "--cluster-replicas", "0", "--cluster-yes")...).CombinedOutput()
	if err != nil {
		t.Fatalf("redis-cli --cluster create: %v: %s", err, out)
	}
	c.WaitOK()
	c.URL = "redis-cluster://" + strings.Join(addrs, ",")
	return c
}

// WaitOK waits until every node says the Cluster serves every slot.
func (c *Cluster) WaitOK() {
	for _, s := range c.Nodes {
		s.waitFor("cluster_state:ok", "cluster", "info")
	}
}

// NodeOf returns the master that holds key's slot: the one that takes a
// write of it rather than redirecting it.
func (c *Cluster) NodeOf(key string) *Server {
	for _, s := range c.Nodes {
		if out, err := s.cli("set", key+":probe", "1"); err == nil && strings.TrimSpace(out) == "OK" {
			s.cli("del", key+":probe")
			return s
		}
	}
	c.Nodes[0].t.Fatalf("no node of the Cluster holds %s", key)
	return nil
}

// Sentinel is a master, its replica and a Sentinel watching them.
type Sentinel struct {
	Master, Replica, Sentinel *Server
	// URL is the redis-sentinel:// URL of the master, database 0.
	URL string
}

// MasterName is the name the Sentinel knows the master by.
const MasterName = "gowxmaster"

// StartSentinel runs a master, a replica of it and a Sentinel (quorum 1,
// down after a second) for t, and returns once the Sentinel watches both.
func StartSentinel(t T) *Sentinel {
	t.Helper()
	master := start(t, freePort(t, false), nil)
	replica := start(t, freePort(t, false), []string{"--replicaof", "127.0.0.1", strconv.Itoa(master.port)})
	replica.waitFor("master_link_status:up", "info", "replication")
	port := freePort(t, false)
	conf := filepath.Join(t.TempDir(), "sentinel.conf")
	text := fmt.Sprintf("sentinel monitor %s 127.0.0.1 %d 1\nsentinel down-after-milliseconds %s 1000\nsentinel failover-timeout %s 5000\n",
		MasterName, master.port, MasterName, MasterName)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	sentinel := start(t, port, []string{conf, "--sentinel"})
	sentinel.waitFor("slaves=1", "info", "sentinel")
	return &Sentinel{Master: master, Replica: replica, Sentinel: sentinel,
		URL: "redis-sentinel://" + sentinel.Addr + "/0?master=" + MasterName}
}

// WaitFailover waits until the Sentinel names another master than was,
// the address of the master that failed.
func (s *Sentinel) WaitFailover(was string) {
	s.Sentinel.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, _ := s.Sentinel.cli("sentinel", "get-master-addr-by-name", MasterName)
		if f := strings.Fields(out); len(f) == 2 && f[0]+":"+f[1] != was {
			return
		}
		if time.Now().After(deadline) {
			s.Sentinel.t.Fatalf("the Sentinel never failed over from %s: %s", was, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
