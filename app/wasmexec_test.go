//go:build !wasm

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The repository's wasm_exec.js must be the toolchain's: go-app serves the
// toolchain's copy, and the Go runtime and its JS glue change together.
func TestWasmExecMatchesToolchain(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../wasm_exec.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("wasm_exec.js differs from the toolchain's copy: cp \"$(go env GOROOT)/lib/wasm/wasm_exec.js\" .")
	}
}
