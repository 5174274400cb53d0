// Package jsx carries calls between gowx's Go and the page's JavaScript:
// one dispatcher js.Func per page through which every callback comes back
// (bound to a handler, so no callback costs a Func), promises awaited
// through it, and the page's fetch. Package wx and the demo app share it.
//
// Everything but this comment needs GOOS=js GOARCH=wasm.
package jsx
