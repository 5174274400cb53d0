//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeFile is a file of the README's "Use gowx in your own project",
// marked <!-- file: NAME --> before its code block.
var readmeFile = regexp.MustCompile("(?s)<!-- file: (\\S+) -->\n```go\n(.*?)\n```")

// TestREADMEProject builds the README's project as a team would, a module
// of its own beside this one (a replace directive points at it), from the
// README's snippets alone: the page and its server build, vet clean, and
// its chromedp test pays and adds a card in headless Chromium against the
// fakes.
func TestREADMEProject(t *testing.T) {
	if sdk != "fake" {
		t.Skip("the README's project runs the fake jWeixin; it is tested once, with the fake run")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := readmeFile.FindAllStringSubmatch(string(readme), -1)
	if len(files) < 4 {
		t.Fatalf("the README shows %d files of its project", len(files))
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f[1]), []byte(f[2]+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gomod := "module example.com/shop\n\ngo 1.26\n\nrequire github.com/gowx/gowx v0.0.0\n\nreplace github.com/gowx/gowx => " + repo + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "web"), 0o755)
	run := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(withoutWX(os.Environ()), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run(nil, "mod", "tidy")
	run(nil, "vet", "./...")
	run([]string{"GOOS=js", "GOARCH=wasm"}, "vet", ".")
	run([]string{"GOOS=js", "GOARCH=wasm"}, "build", "-o", "web/app.wasm", ".")
	run(nil, "test", "-count=1", "./...")
}

// withoutWX is env without the WX_ settings, so that the project runs in
// demo mode whatever the caller's environment holds.
func withoutWX(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "WX_") {
			out = append(out, kv)
		}
	}
	return out
}
