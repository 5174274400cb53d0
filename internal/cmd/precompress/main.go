// Command precompress writes NAME.br and NAME.gz beside each file NAME it is
// given, at the highest compression levels, for servers that send them to
// clients accepting those encodings (the demo's app.wasm). Brotli is the
// brotli command's where one is installed (several times faster than the
// Go package at level 11), the Go package's otherwise.
//
//	go run ./internal/cmd/precompress web/app.wasm
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/andybalholm/brotli"
)

func main() {
	for _, name := range os.Args[1:] {
		if err := precompress(name); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
	}
}

func precompress(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	encodings := []struct {
		ext string
		new func(io.Writer) io.WriteCloser
	}{
		{".br", func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) }},
		{".gz", func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, gzip.BestCompression); return z }},
	}
	if path, err := exec.LookPath("brotli"); err == nil {
		// Written aside and renamed, so a server never sends half a file.
		tmp := name + ".br.tmp"
		if out, err := exec.Command(path, "-q", "11", "-f", "-n", "-o", tmp, name).CombinedOutput(); err != nil {
			return fmt.Errorf("brotli: %v: %s", err, out)
		}
		if err := os.Rename(tmp, name+".br"); err != nil {
			return err
		}
		encodings = encodings[1:]
	}
	for _, enc := range encodings {
		var buf bytes.Buffer
		w := enc.new(&buf)
		if _, err := w.Write(data); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		// Written aside and renamed, so a server never sends half a file.
		tmp := name + enc.ext + ".tmp"
		if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, name+enc.ext); err != nil {
			return err
		}
	}
	return nil
}
