// Command wasmtest runs GOOS=js GOARCH=wasm tests in headless Chromium
// (through wasmbrowsertest) with a wechatfake server beside them, whose URL
// the tests read from $WXFAKE_URL. The server also serves the fake jWeixin
// at /wxfake.js.
//
//	go run ./internal/cmd/wasmtest [go test flags] ./wx/...
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gowx/gowx/internal/chromium"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	secret := make([]byte, 16)
	rand.Read(secret)
	fake, err := wechatfake.New(wechatfake.Config{
		AppID: "wxgowxtest", Secret: hex.EncodeToString(secret), Domains: []string{"localhost"},
		// wasmbrowsertest serves the test page from 127.0.0.1, which no JS safe domain can name.
		AnyHost: true,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	mux := http.NewServeMux()
	mux.Handle("/", fake)
	mux.Handle("GET /wxfake.js", withCORS(wxfake.Handler()))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	runner, err := findRunner()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	bin, err := os.MkdirTemp("", "wasmtest")
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	defer os.RemoveAll(bin)
	// wasmbrowsertest finds "chromium" on PATH: put one there that adds the flags.
	wrapper := "#!/bin/sh\nexec " + chromium.Path() + " " + strings.Join(chromium.Flags, " ") + " --user-data-dir=\"$(mktemp -d)\" \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "chromium"), []byte(wrapper), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}

	cmd := exec.Command("go", append([]string{"test", "-exec=" + runner}, args...)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "WXFAKE_URL="+srv.URL,
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	filter(out, os.Stdout)
	if err := cmd.Wait(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "wasmtest:", err)
		return 2
	}
	return 0
}

// withCORS lets the test page, on another port, load the script.
func withCORS(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		h.ServeHTTP(w, r)
	})
}

// filter copies the test output without the runner's harmless noise.
func filter(r io.Reader, w io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "could not unmarshal event") || strings.Contains(line, "Failed to connect to the bus") {
			continue
		}
		fmt.Fprintln(w, line)
	}
}

func findRunner() (string, error) {
	if p, err := exec.LookPath("wasmbrowsertest"); err == nil {
		return p, nil
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err != nil {
		return "", err
	}
	p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "wasmbrowsertest")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("wasmbrowsertest not found: go install github.com/agnivade/wasmbrowsertest@v0.11.0")
	}
	return p, nil
}
