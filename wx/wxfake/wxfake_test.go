//go:build !js

package wxfake

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The assembled script must parse: node checks its syntax.
func TestScriptParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the browser tests load the script anyway")
	}
	f := filepath.Join(t.TempDir(), "wxfake.js")
	if err := os.WriteFile(f, Script(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("the fake jWeixin does not parse: %v\n%s", err, out)
	}
}

func TestScriptStartsWithCore(t *testing.T) {
	s := Script()
	core := bytes.Index(s, []byte("// ---- js/core.js"))
	image := bytes.Index(s, []byte("// ---- js/image.js"))
	if core < 0 || image < 0 || core > image {
		t.Fatalf("core.js must come before the interface files (core at %d, image at %d)", core, image)
	}
}
