//go:build wasm

package main

// serve is the server's; in the browser RunWhenOnBrowser never returns.
func serve() {}
