//go:build !js

package wxfake

import (
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Each assembled script must parse: node checks its syntax.
func TestScriptsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the browser tests load the scripts anyway")
	}
	for name, s := range map[string][]byte{"full": Script(), "bridge": BridgeScript()} {
		f := filepath.Join(t.TempDir(), name+".js")
		if err := os.WriteFile(f, s, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
			t.Fatalf("the %s script does not parse: %v\n%s", name, err, out)
		}
	}
}

// The full fake is both layers; the bridge layer is the client alone, with
// nothing of the SDK layer: the official jweixin is the SDK then.
func TestLayers(t *testing.T) {
	order := func(s []byte, files ...string) {
		t.Helper()
		last := -1
		for _, f := range files {
			i := bytes.Index(s, []byte("// ---- "+f+"\n"))
			if i < 0 || i < last {
				t.Fatalf("%s missing or out of order (at %d, after %d)", f, i, last)
			}
			last = i
		}
	}
	full, bridge := Script(), BridgeScript()
	order(full, "js/client/core.js", "js/client/image.js", "js/sdk/core.js", "js/sdk/image.js")
	order(bridge, "js/client/core.js", "js/client/image.js", "js/bridge/present.js")
	if bytes.Contains(bridge, []byte("js/sdk/")) || bytes.Contains(bridge, []byte("window.jWeixin =")) {
		t.Fatal("the bridge layer carries the SDK layer")
	}
	if bytes.Contains(full, []byte("js/bridge/")) {
		t.Fatal("the full fake presents a user agent")
	}
	if !bytes.Contains(bridge, []byte(`if (window.WeixinJSBridge) {`)) || !bytes.Contains(full, []byte(`if (window.jWeixin) {`)) {
		t.Fatal("a script does not stand aside for the real thing")
	}
}

func TestHandlerLayers(t *testing.T) {
	for _, tt := range []struct {
		query  string
		status int
		want   []byte
	}{
		{"", 200, Script()},
		{"?layer=full&verify=/v", 200, Script()},
		{"?layer=bridge&flavour=ios", 200, BridgeScript()},
		{"?layer=sdk", 400, []byte(`"error":"bad_layer"`)},
	} {
		rec := httptest.NewRecorder()
		Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/wxfake.js"+tt.query, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != tt.status || !bytes.Contains(body, tt.want) {
			t.Errorf("%s: %d, %.80s", tt.query, rec.Code, body)
		}
		if tt.status == 200 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: Content-Type %q", tt.query, rec.Header().Get("Content-Type"))
		}
	}
}
